import { buildApp } from '../../src/app/build-app';
import { loadConfig } from '../../src/app/config';
import type { Database } from '../../src/adapters/db/database';
import { openTestDatabase } from '../helpers/databases';
import { EXA_PREFIX, usePartners } from '../helpers/partners';
import { EXA_URL, MOBILE, TEST_ENV } from '../helpers/test-app';

/*
 * Without an OpenTelemetry SDK (no OTEL_EXPORTER_OTLP_ENDPOINT), nothing is recorded but the
 * trace still travels (docs/operations.md, "Traces"): the request's log lines name it, and the
 * partner calls, the request's and its delivery's, send it on.
 */

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const sent: (string | null)[] = [];
usePartners({ onRequest: (request) => sent.push(request.headers.get('traceparent')) });

test('when a request comes with a traceparent and no SDK runs, then its log lines and its partner calls carry the trace', async () => {
  const db: Database = await openTestDatabase('pglite');
  const lines: string[] = [];
  const app = await buildApp({
    config: loadConfig({ ...TEST_ENV, LOG_LEVEL: 'info' }),
    db,
    overrides: { logStream: { write: (line: string) => void lines.push(line) } },
  });
  try {
    const admin = await app.useCases.apiKeys.createApiKey({ name: 'admin', scopes: ['admin'] });
    if (!admin.ok) throw new Error('no key');
    const call = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const answer = await app.http.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${admin.value.key}`, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(body),
      });
      return { status: answer.statusCode, body: JSON.parse(answer.body), headers: answer.headers };
    };
    const exa = (
      await call('/v1/sva-integrations', { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX, autoCreateUsers: true })
    ).body;
    const product = (
      await call('/v1/products', {
        name: 'EXA',
        type: 'sva',
        priceCents: 990,
        svaIntegrationId: exa.id,
        svaPackage: 'EXA-SEG-BASICO',
      })
    ).body;
    const customer = (
      await call('/v1/customers', {
        name: 'Maria Silva',
        document: '529.982.247-25',
        email: 'maria@example.com',
        mobilePhone: MOBILE,
      })
    ).body;
    const contract = (await call('/v1/contracts', { customerId: customer.id })).body;
    await call(`/v1/contracts/${contract.id}/products`, { productId: product.id });
    sent.length = 0;
    lines.length = 0;
    const activated = await call(
      `/v1/contracts/${contract.id}/events`,
      { type: 'activate' },
      { traceparent: `00-${TRACE}-b7ad6b7169203331-01` },
    );
    expect(activated.status).toBe(201);
    const logged = lines.map((line) => JSON.parse(line) as { traceId?: string; reqId?: string });
    expect(logged.filter((line) => line.reqId).length).toBeGreaterThan(0);
    for (const line of logged.filter((l) => l.reqId)) expect(line.traceId).toBe(TRACE);

    await app.dispatcher.drain();
    expect(sent.length).toBeGreaterThan(0);
    for (const traceparent of sent) expect(traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
  } finally {
    await app.http.close();
    await db.close();
  }
});
