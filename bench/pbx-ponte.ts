import type { Database } from '../src/adapters/db/database';
import { buildApp, type App } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';

const SECRETS_KEY = Buffer.alloc(32, 3).toString('base64');

/**
 * A production-mode Ponte on `db` (no dispatcher, no overdue runs), listening on 127.0.0.1, with
 * the PBX module on, one PBX of the given fields (its host, or 127.0.0.1, allowlisted: benches reach no real PBX)
 * and an agent at extension 30: what the PBX benchmarks start from.
 */
export async function pbxPonte(
  db: Database,
  url: string,
  pbx: { readonly type: string; readonly [field: string]: unknown },
  env: Record<string, string> = {},
): Promise<{ app: App; base: string; adminKey: string; pbxId: string; agentId: string }> {
  const app = await buildApp({
    config: loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      SECRETS_KEY,
      OVERDUE_RUN_EVERY_MINUTES: 'off',
      DISPATCH_IN_PROCESS: 'off',
      PARTNER_ALLOWED_HOSTS: typeof pbx.address === 'string' ? pbx.address : '127.0.0.1',
      ...env,
    }),
    db,
    overrides: { logger: false },
  });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const admin = await app.useCases.apiKeys.createApiKey({ name: 'bench', scopes: ['admin'] });
  if (!admin.ok) throw new Error('no admin key');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin.value.key}` };
  const send = async (method: string, path: string, body: unknown) =>
    (await (await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) })).json()) as { id: string };
  await send('PATCH', '/v1/settings/integrations', { pbx: { enabled: true } });
  const created = await send('POST', '/v1/pbx', pbx);
  const agent = await send('POST', '/v1/agents', { name: 'Ana', pbxId: created.id, extension: '30' });
  return { app, base, adminKey: admin.value.key, pbxId: created.id, agentId: agent.id };
}
