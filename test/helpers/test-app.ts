import type { Database } from '../../src/adapters/db/database';
import { buildApp, type App } from '../../src/app/build-app';
import { loadConfig } from '../../src/app/config';
import type { Clock } from '../../src/domain/ports/clock';
import { openApiViolations } from './openapi-validator';
import { rereadProblems } from './reread';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The API key to send; null sends none. Defaults to the admin key. */
  key?: string | null;
  /** The route is deliberately not in openapi.json (unknown routes): skip the contract check. */
  outsideContract?: boolean;
}

export interface TestApi {
  app: App;
  adminKey: string;
  call<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    options?: CallOptions,
  ): Promise<ApiResponse<T>>;
  /** Creates an API key with these scopes and returns its secret. */
  keyWith(name: string, scopes: string[]): Promise<string>;
}

export async function createTestApi(
  db: Database,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApi> {
  const config = loadConfig({ ...TEST_ENV, ...options.env });
  const app = await buildApp({
    config,
    db,
    overrides: { logger: false, ...(options.clock ? { clock: options.clock } : {}) },
  });
  await app.http.ready();
  const admin = await app.useCases.apiKeys.createApiKey({ name: 'test-admin', scopes: ['admin'] });
  if (!admin.ok) throw new Error('could not create the admin key');
  const api: TestApi = {
    app,
    adminKey: admin.value.key,
    async call(method, url, { body, rawBody, headers = {}, key = api.adminKey, outsideContract = false } = {}) {
      const response = await app.http.inject({
        method,
        url,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(rawBody !== undefined ? { payload: rawBody } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const violations = outsideContract
        ? []
        : openApiViolations(method, url, response.statusCode, response.headers['content-type'], response.body);
      if (violations.length > 0) {
        throw new Error(
          `${method} ${url} → ${response.statusCode} does not match openapi.json:\n${violations.join('\n')}\n${response.body}`,
        );
      }
      const json = String(response.headers['content-type'] ?? 'application/json').includes('json');
      const parsed = response.body && json ? JSON.parse(response.body) : undefined;
      // A replay answers as the first time did; the resource may have moved on since.
      if (!outsideContract && !response.headers['idempotent-replayed']) {
        const read = async (getUrl: string) => {
          const got = await app.http.inject({
            method: 'GET',
            url: getUrl,
            headers: { authorization: `Bearer ${key ?? api.adminKey}` },
          });
          return { status: got.statusCode, body: got.body ? JSON.parse(got.body) : undefined };
        };
        const problems = await rereadProblems(
          read,
          method,
          url,
          response.statusCode,
          parsed,
          rawBody !== undefined ? undefined : body,
        );
        if (problems.length > 0)
          throw new Error(
            `${method} ${url} → ${response.statusCode}, but what was stored disagrees:\n${problems.join('\n')}`,
          );
      }
      return { status: response.statusCode, body: parsed, headers: response.headers, raw: response.body };
    },
    async keyWith(name, scopes) {
      const created = await api.call('POST', '/v1/api-keys', { body: { name, scopes } });
      return created.body.key as string;
    },
  };
  return api;
}

/** Partners live at these addresses in tests, served by msw (test/helpers/partners.ts). */
export const SABER_PLUS_URL = 'https://saber-plus.test/api';
export const EXA_URL = 'https://exa.test/api';
export const VOIP_URL = 'https://softswitch.test/api';
export const VOIP_TOKEN = 'voip-token-123';
export const TELECALL_URL = 'https://telecall.test/api';
export const TELECALL_TOKEN = 'telecall-token-123';

export const TEST_ENV = {
  API_KEY_CACHE_SECONDS: '0',
  SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
  SANDBOX: 'off',
  SABER_PLUS_URL,
  PARTNER_TIMEOUT_MS: '300',
  PARTNER_CONNECT_TIMEOUT_MS: '100',
  DISPATCH_RETRY_BASE_MS: '1000',
  VOIP_URL,
  VOIP_TOKEN,
  TELECALL_URL,
  TELECALL_TOKEN,
  // The suites send thousands of requests with one key from one address, on a machine busy with
  // them: the limits and the overload guard are tested on their own (test/api/guard.test.ts).
  RATE_LIMIT_PER_KEY: '10000000',
  RATE_LIMIT_PER_ADDRESS: '10000000',
  RATE_LIMIT_PARTNER_PER_ADDRESS: '10000000',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  // Runs are started by the tests that want one; the nightly plan is tested on its own.
  RECONCILIATION_PLAN_AT: 'off',
};

/** Valid documents and phones for fixtures. */
export const CPF = '529.982.247-25';
export const OTHER_CPF = '111.444.777-35';
export const CNPJ = '11.222.333/0001-81';
export const ALPHANUMERIC_CNPJ = '12.ABC.345/01DE-35';
export const MOBILE = '(11) 91234-5678';
