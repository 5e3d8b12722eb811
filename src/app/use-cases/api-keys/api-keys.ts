import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRecord } from '../../../domain/api-keys/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

/**
 * `integrations` covers the partner integrations and their deliveries; `credit` the consults and
 * negativations (personal credit data, LGPD); `webhooks` the webhook endpoints and the events.
 */
export const AREAS = ['customers', 'products', 'contracts', 'integrations', 'credit', 'webhooks'] as const;
/**
 * `<area>:read`, `<area>:write` (implies read), `admin` (everything, including API keys),
 * `metrics:read` (GET /metrics, for a Prometheus) and `sandbox` (the sandbox's own view and fault
 * controls, in embedded mode).
 */
export const SCOPES = [
  'admin',
  ...AREAS.flatMap((area) => [`${area}:read`, `${area}:write`]),
  'metrics:read',
  'sandbox',
] as const;
export type Scope = (typeof SCOPES)[number];

export function hasScope(granted: readonly string[], needed: Scope): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  return needed.endsWith(':read') && granted.includes(needed.replace(/:read$/, ':write'));
}

/** Keys are 256 random bits, so a plain SHA-256 is a safe way to store them. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');
const newSecret = () => `ponte_${randomBytes(32).toString('base64url')}`;
const PREFIX_LENGTH = 12;

export function makeCreateApiKey({ store, clock, ids }: UseCaseDeps) {
  return async (input: {
    name: string;
    scopes: readonly Scope[];
    secret?: string;
  }): Promise<Result<ApiKeyRecord & { key: string }>> => {
    const key = input.secret ?? newSecret();
    const record = await store.apiKeys.create(
      {
        id: ids.next(),
        name: input.name.trim(),
        prefix: key.slice(0, PREFIX_LENGTH),
        scopes: [...new Set(input.scopes)],
        createdAt: clock.now(),
      },
      hashApiKey(key),
    );
    return ok({ ...record, key });
  };
}

export function makeListApiKeys({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<ApiKeyRecord>>> => ok(await store.apiKeys.list(page));
}

export function makeDeleteApiKey({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<void>> => {
    switch (await store.apiKeys.delete(id)) {
      case 'deleted':
        return ok(undefined);
      case 'last_admin':
        return fail(
          'LAST_ADMIN_KEY',
          'This is the last API key with the admin scope; create another admin key before revoking it.',
        );
      case 'not_found':
        return fail('API_KEY_NOT_FOUND', 'API key not found.');
    }
  };
}

/**
 * First start: when no key exists, creates an admin key — from BOOTSTRAP_API_KEY when given, a
 * fresh one when `generate` — and returns its secret so that it can be shown once. `exists` when
 * keys already exist; `missing` when none does and none was made (docs/operations.md, "The first
 * admin key").
 */
export function makeBootstrapAdminKey({ store, clock, ids }: UseCaseDeps) {
  return async (
    secret: string | null,
    { generate }: { generate: boolean },
  ): Promise<{ readonly status: 'exists' | 'missing' } | { readonly status: 'created'; readonly key: string }> => {
    if ((await store.apiKeys.count()) > 0) return { status: 'exists' };
    if (!secret && !generate) return { status: 'missing' };
    const key = secret ?? newSecret();
    const record = { id: ids.next(), name: 'bootstrap-admin', prefix: key.slice(0, PREFIX_LENGTH), scopes: ['admin'] };
    const created = await store.apiKeys.createFirst({ ...record, createdAt: clock.now() }, hashApiKey(key));
    return created ? { status: 'created', key } : { status: 'exists' };
  };
}
