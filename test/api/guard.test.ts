import type { Database } from '../../src/adapters/db/database';
import { openTestDatabase, resetTables } from '../helpers/databases';
import { eventually } from '../helpers/eventually';
import { createTestApi, TEST_ENV, type TestApi } from '../helpers/test-app';

/*
 * What stands between the network and the routes (docs/operations.md, "Limits"): rate limits per
 * API key and, without a valid key, per client address; partner callbacks limited apart; probes
 * never limited; CORS for the configured origins only; security headers; 503 under load.
 */

const ORIGIN = 'https://painel.provedor.example';
const LIMITED = {
  RATE_LIMIT_PER_KEY: '5',
  RATE_LIMIT_PER_ADDRESS: '3',
  RATE_LIMIT_PARTNER_PER_ADDRESS: '4',
  CORS_ORIGINS: `${ORIGIN}, http://localhost:5173`,
};

// One database for the file, emptied between tests; an app of its own for each (the limits live in its memory).
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase('pglite');
});
beforeEach(() => resetTables(db));
afterAll(() => db.close());

describe('the guard in front of the routes', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi(db, { env: { ...TEST_ENV, ...LIMITED } });
  });
  afterEach(() => api.app.http.close());

  const inject = (url: string, headers: Record<string, string> = {}, remoteAddress = '198.51.100.7', method = 'GET') =>
    api.app.http.inject({ method: method as 'GET', url, headers, remoteAddress });

  test('when a burst of bad keys comes from one address, then it gets 429 with Retry-After and the RateLimit headers, and a valid key still works', async () => {
    const answers = [];
    for (let n = 0; n < 6; n++)
      answers.push(await inject('/v1/customers', { authorization: `Bearer ponte_${'x'.repeat(40)}${n}` }));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 429, 429, 429]);
    const limited = answers[3]!;
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-policy']).toBe('"per-address";q=3;w=60');
    expect(limited.headers.ratelimit).toMatch(/^"per-address";r=0;t=\d+$/);
    // Within the limit nothing is said (the draft lets a server leave the headers off).
    expect(answers[0]!.headers.ratelimit).toBeUndefined();
    // The limiter's own draft headers are not sent besides.
    expect(limited.headers['ratelimit-remaining']).toBeUndefined();

    const valid = await inject('/v1/customers', { authorization: `Bearer ${api.adminKey}` });
    expect(valid.statusCode).toBe(200);
    expect(valid.headers['ratelimit-policy']).toBeUndefined();
    // Another address is not held back by this one.
    expect((await inject('/problems', {}, '203.0.113.9')).statusCode).toBe(200);
  });

  test('when one key makes more requests than its limit, then it gets 429, and another key does not', async () => {
    const reader = async () => {
      const created = await api.app.useCases.apiKeys.createApiKey({ name: 'reader', scopes: ['customers:read'] });
      if (!created.ok) throw new Error('no key');
      return created.value.key;
    };
    const [one, other] = [await reader(), await reader()];
    const statuses = [];
    for (let n = 0; n < 7; n++)
      statuses.push((await inject('/v1/customers', { authorization: `Bearer ${one}` })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await inject('/v1/customers', { authorization: `Bearer ${other}` })).statusCode).toBe(200);
  });

  test('when probes are asked far more often than any limit, then they always answer', async () => {
    for (let n = 0; n < 20; n++) {
      expect((await inject('/health')).statusCode).toBe(200);
      expect((await inject('/ready')).statusCode).toBe(200);
    }
  });

  test("when a partner's callbacks come in, then they are limited apart from the address's other calls", async () => {
    for (let n = 0; n < 3; n++) await inject('/problems');
    expect((await inject('/problems')).statusCode).toBe(429);
    const callback = (n: number) =>
      api.app.http.inject({
        method: 'POST',
        url: '/v1/webhooks/credit/0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81',
        headers: { authorization: 'Bearer segredo-do-webhook', 'content-type': 'application/json' },
        payload: JSON.stringify({ uuid: `debt-${n}`, status: 'SUCCESS' }),
        remoteAddress: '198.51.100.7',
      });
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await callback(n)).statusCode);
    expect(statuses.slice(0, 4)).not.toContain(429);
    expect(statuses[4]).toBe(429);
  });

  test("when Ponte's dispatchers call the sandbox's platforms, then those calls count as a partner's, apart from the address's other calls", async () => {
    const sandboxed = await createTestApi(db, { env: { ...TEST_ENV, ...LIMITED, SANDBOX: 'on' } });
    try {
      const call = (url: string) =>
        sandboxed.app.http.inject({
          method: 'GET',
          url,
          headers: { 'x-exa-prefix': 'prefixo-de-teste' },
          remoteAddress: '198.51.100.8',
        });
      const platform = [];
      for (let n = 0; n < 4; n++) platform.push((await call('/sandbox/exa/packages')).statusCode);
      expect(platform).not.toContain(429);
      for (let n = 0; n < 3; n++) expect((await call('/problems')).statusCode).toBe(200);
      const past = await call('/sandbox/exa/packages');
      expect(past.statusCode).toBe(429);
      expect(past.headers['ratelimit-policy']).toBe('"partner";q=4;w=60');
    } finally {
      await sandboxed.app.http.close();
    }
  });

  test('when a browser on an allowed origin sends a preflight, then it passes; from another origin it does not', async () => {
    const preflight = (origin: string) =>
      inject(
        '/v1/contracts/0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81',
        {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization, content-type, if-match',
        },
        '198.51.100.7',
        'OPTIONS',
      );
    const allowed = await preflight(ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('if-match');

    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const read = await inject('/v1/customers', { origin: ORIGIN, authorization: `Bearer ${api.adminKey}` });
    expect(read.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(read.headers['access-control-expose-headers'])).toContain('etag');
  });

  test('when a JSON answer is sent, then it says it is never to be rendered, framed nor sniffed', async () => {
    const answer = await inject('/v1/customers', { authorization: `Bearer ${api.adminKey}` });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers['x-powered-by']).toBeUndefined();
    const refused = await inject('/v1/customers');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  test("when a page is sent, then it carries helmet's page policy", async () => {
    const page = await inject('/problems', {}, '203.0.113.50');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('without CORS_ORIGINS', () => {
  test('when a browser sends a preflight, then no origin is allowed', async () => {
    const api = await createTestApi(db);
    try {
      const answer = await api.app.http.inject({
        method: 'OPTIONS',
        url: '/v1/customers',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.app.http.close();
    }
  });
});

describe('behind a trusted proxy', () => {
  test('when calls come through it from two clients, then each client address has its own limit', async () => {
    const api = await createTestApi(db, { env: { ...TEST_ENV, ...LIMITED, TRUST_PROXY: '10.0.0.0/8' } });
    try {
      const from = (client: string) =>
        api.app.http.inject({
          method: 'GET',
          url: '/problems',
          headers: { 'x-forwarded-for': client },
          remoteAddress: '10.1.2.3',
        });
      for (let n = 0; n < 3; n++) expect((await from('198.51.100.1')).statusCode).toBe(200);
      expect((await from('198.51.100.1')).statusCode).toBe(429);
      expect((await from('198.51.100.2')).statusCode).toBe(200);
    } finally {
      await api.app.http.close();
    }
  });
});

describe('under load', () => {
  test('when the event loop lags past MAX_EVENT_LOOP_DELAY_MS, then calls get 503 with Retry-After, and the probes still answer', async () => {
    const api = await createTestApi(db, { env: { ...TEST_ENV, MAX_EVENT_LOOP_DELAY_MS: '20' } });
    try {
      const busy = (ms: number) => {
        const until = Date.now() + ms;
        while (Date.now() < until);
      };
      const refused = await eventually(async () => {
        busy(150);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const answer = await api.app.http.inject({
          method: 'GET',
          url: '/v1/customers',
          headers: { authorization: `Bearer ${api.adminKey}` },
        });
        if (answer.statusCode !== 503) return undefined;
        const health = await api.app.http.inject({ method: 'GET', url: '/health' });
        return { answer, health };
      }, 'a 503 under load');
      expect(JSON.parse(refused.answer.body)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(refused.answer.headers['retry-after']).toBe('5');
      expect(refused.answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.health.statusCode).toBe(200);
    } finally {
      await api.app.http.close();
    }
  });
});
