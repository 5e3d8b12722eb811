import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { createScratchDatabase, DATABASE_KINDS } from '../helpers/databases';
import { cpf } from '../helpers/generators';
import { EXA_URL, TEST_ENV } from '../helpers/test-app';
import { freePort } from '../helpers/listening';

/*
 * docs/architecture.md, "What stored means": "An Idempotency-Key's stored answer commits in the same transaction as the
 * resource it created." A real Ponte process takes creating requests with keys from many clients
 * and is killed with SIGKILL in the middle; a new process then receives every request again with
 * the same keys. No resource may exist twice, and none half-written. The embedded PGlite keeps its
 * data in the killed process's memory, so this runs against the PostgreSQL server.
 */

const ROOT = join(__dirname, '..', '..');
const CUSTOMERS = 120;
const CLIENTS = 12;
const ADMIN_KEY = 'ponte_crash_test_admin_key_0123456789';

function startPonte(databaseUrl: string, port: number): ChildProcess {
  // Node itself runs Ponte (tsx as a loader), so that the signal reaches the process that serves.
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BOOTSTRAP_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'silent',
      DISPATCH_IN_PROCESS: 'off',
      API_KEY_CACHE_SECONDS: '60',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** What a child wrote to stderr, to say why it stopped. */
const errorsOf = (child: ChildProcess) => {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(-4000)));
  return () => text;
};

async function waitReady(base: string, child: ChildProcess) {
  const errors = errorsOf(child);
  for (let tries = 0; tries < 600; tries += 1) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Ponte exited before it was ready: ${errors()}`);
    // Ready means the admin key answers: Ponte mints it once it listens, a moment after /health.
    const ok = await fetch(`${base}/v1/api-keys?limit=1`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return errors;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Ponte did not start within 60 s: ${errors()}`);
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('a process killed mid-request [%s]', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (child) await stopped(child);
    await scratch.drop();
  });

  test('when Ponte is killed with SIGKILL among creating requests and they are all sent again, then nothing exists twice or half-written', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const post = async (path: string, key: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        // A request that never ends fails its story with this reason rather than the whole test by its timeout.
        signal: AbortSignal.timeout(60_000),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    /** One customer's story: the customer, a contract with the EXA product, its activation. */
    const story = async (i: number, productId: string) => {
      const customer = await post('/v1/customers', `customer-${i}`, {
        name: `Cliente ${i}`,
        document: cpf(i + 1),
        email: `c${i}@example.com`,
        mobilePhone: `(11) 9${String(10_000_000 + i)}`,
      });
      if (customer.status !== 201) throw new Error(`customer ${i}: ${customer.status}`);
      const contract = await post('/v1/contracts', `contract-${i}`, { customerId: customer.body.id });
      if (contract.status !== 201) throw new Error(`contract ${i}: ${contract.status}`);
      const item = await post(`/v1/contracts/${contract.body.id}/products`, `item-${i}`, { productId });
      if (item.status !== 201) throw new Error(`item ${i}: ${item.status}`);
      const activated = await post(`/v1/contracts/${contract.body.id}/events`, `activate-${i}`, { type: 'activate' });
      if (activated.status !== 201)
        throw new Error(`activation ${i}: ${activated.status} ${JSON.stringify(activated.body)}`);
    };

    child = startPonte(scratch.url, port);
    const errors = await waitReady(base, child);
    const integration = await post('/v1/sva-integrations', 'exa', {
      platform: 'exa',
      url: EXA_URL,
      prefix: 'crash',
      autoCreateUsers: true,
    });
    const product = await post('/v1/products', 'exa-product', {
      name: 'EXA',
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: integration.body.id,
      svaPackage: 'EXA-SEG-BASICO',
    });
    expect([integration.status, product.status]).toEqual([201, 201]);

    // Many clients at once; the process dies under them once a good part of the work is done.
    let next = 0;
    let done = 0;
    let finished = 0;
    let lastError: unknown = null;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (next < CUSTOMERS) {
        const i = next++;
        await story(i, product.body.id).then(
          () => (done += 1),
          (error: unknown) => (lastError = error),
        );
      }
      finished += 1;
    });
    while (done < CUSTOMERS / 3) {
      if (child.exitCode !== null) throw new Error(`Ponte exited on its own: ${errors()}`);
      if (finished === CLIENTS)
        throw new Error(`The stories ended before a third of them succeeded; the last failure: ${String(lastError)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    await stopped(child);
    await Promise.all(clients);
    expect(done).toBeLessThan(CUSTOMERS);

    child = startPonte(scratch.url, port);
    await waitReady(base, child);
    for (let i = 0; i < CUSTOMERS; i += 1) await story(i, product.body.id);

    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await count('SELECT count(*) AS n FROM customers')).toBe(CUSTOMERS);
      expect(await count('SELECT count(*) AS n FROM contracts')).toBe(CUSTOMERS);
      expect(await count('SELECT count(*) AS n FROM contract_items')).toBe(CUSTOMERS);
      expect(await count(`SELECT count(*) AS n FROM contracts WHERE status = 'active'`)).toBe(CUSTOMERS);
      expect(await count(`SELECT count(*) AS n FROM contract_events WHERE type = 'activate'`)).toBe(CUSTOMERS);
      expect(await count('SELECT count(*) AS n FROM sva_users')).toBe(CUSTOMERS);
      // Half-written: a user without its creation on the platform queued, a key without its answer.
      expect(
        await count(
          `SELECT count(*) AS n FROM sva_users u WHERE NOT EXISTS (SELECT 1 FROM integration_deliveries d WHERE d.target_kind = 'sva_user' AND d.target_id = u.id AND d.action = 'create_user')`,
        ),
      ).toBe(0);
      expect(await count('SELECT count(*) AS n FROM idempotency_keys')).toBe(CUSTOMERS * 4 + 2);
    } finally {
      await db.end();
    }
    // Two process starts and 480 requests: seconds alone, minutes on a machine busy with the rest of the suite.
  }, 240_000);
});
