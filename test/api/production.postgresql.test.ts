import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/adapters/db/database';
import { migrate } from '../../src/adapters/db/migrator';
import { buildApp } from '../../src/app/build-app';
import { loadConfig } from '../../src/app/config';
import { seedContracts } from '../../bench/seed-contracts';
import { createScratchDatabase, DATABASE_KINDS } from '../helpers/databases';
import { eventually } from '../helpers/eventually';
import { TEST_ENV } from '../helpers/test-app';
import { freePort } from '../helpers/listening';

/*
 * Ponte started as the README's "Run in production" says, on the PostgreSQL server: the first
 * admin key is never written where logs go, /ready answers 200 only once the key is accepted; and
 * compiled, two API processes and a worker are scraped by a real Prometheus while they drain a
 * burst, hold up to bad keys, CORS and stale writes, and stop on SIGTERM with their log pipes dead.
 * PGlite lives in one process's memory, so this runs against the PostgreSQL server.
 */

const ROOT = join(__dirname, '..', '..');
const ADMIN_KEY = 'ponte_production_admin_key_0123456789';

interface Process {
  readonly child: ChildProcess;
  readonly base: string;
  readonly output: () => string;
}

function startPonte(databaseUrl: string, port: number, env: Record<string, string> = {}): Process {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output };
}

const status = (url: string, init?: RequestInit) =>
  fetch(url, init).then(
    (response) => response.status,
    () => 0,
  );

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('Ponte in production [%s]', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('when it starts with BOOTSTRAP_API_KEY, then /ready answers 200 only once that key is accepted', async () => {
    const scratch = await createScratchDatabase();
    try {
      const ponte = startPonte(scratch.url, await freePort(), { BOOTSTRAP_API_KEY: ADMIN_KEY });
      children.push(ponte.child);
      await eventually(
        async () => ((await status(`${ponte.base}/ready`)) === 200 ? true : undefined),
        '/ready',
        60_000,
      );
      const answer = await status(`${ponte.base}/v1/customers`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(answer).toBe(200);
      expect(ponte.output()).not.toContain(ADMIN_KEY);
      ponte.child.kill('SIGTERM');
    } finally {
      await scratch.drop();
    }
  }, 90_000);

  test('when it starts on an empty database without BOOTSTRAP_API_KEY, then no key is made or logged, and npm run admin-key makes one', async () => {
    const scratch = await createScratchDatabase();
    try {
      const ponte = startPonte(scratch.url, await freePort());
      children.push(ponte.child);
      await eventually(
        async () => ((await status(`${ponte.base}/ready`)) === 200 ? true : undefined),
        '/ready',
        60_000,
      );
      expect(ponte.output()).not.toMatch(/ponte_[A-Za-z0-9_-]{20,}/);
      expect(ponte.output()).toContain('npm run admin-key');

      let minted = '';
      const cli = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'admin-key.ts'), '--name', 'ops'], {
        cwd: ROOT,
        env: { ...process.env, ...TEST_ENV, DATABASE_URL: scratch.url },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      cli.stdout.on('data', (chunk) => (minted += String(chunk)));
      expect(await new Promise((resolve) => cli.once('exit', resolve))).toBe(0);
      const key = /(ponte_[A-Za-z0-9_-]{43})/.exec(minted)?.[1];
      expect(key).toBeDefined();
      const answer = await eventually(
        async () => {
          const code = await status(`${ponte.base}/v1/customers`, { headers: { authorization: `Bearer ${key}` } });
          return code === 200 ? code : undefined;
        },
        'the minted key to work',
        5_000,
      );
      expect(answer).toBe(200);
      ponte.child.kill('SIGTERM');
    } finally {
      await scratch.drop();
    }
  }, 90_000);

  test('when two compiled API processes and a worker run, then Prometheus sees the outbox drain a burst, and they hold up and stop', async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
    const scratch = await createScratchDatabase();
    const exa = await slowExa();
    const dir = mkdtempSync(join(tmpdir(), 'ponte-production-'));
    let prometheus: ChildProcess | undefined;
    try {
      const env = {
        ...TEST_ENV,
        DATABASE_URL: scratch.url,
        BOOTSTRAP_API_KEY: ADMIN_KEY,
        // The partner stand-in speaks plain HTTP on loopback, which only sandbox mode lets partner calls reach.
        SANDBOX: 'on',
        CORS_ORIGINS: 'https://painel.provedor.example',
        RATE_LIMIT_PER_KEY: '100000',
        RATE_LIMIT_PER_ADDRESS: '20',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        DISPATCH_CONCURRENCY: '4',
        // The partner answers in 150 ms: a call cut short by a busy machine's stall would be sent
        // again, and the count below is of calls that arrive exactly once.
        PARTNER_TIMEOUT_MS: '5000',
      };
      const contracts = await seed(scratch.url, env, exa.url, 300);
      const [api1, api2, apiMetrics1, apiMetrics2, workerMetrics, prometheusPort] = await Promise.all(
        Array.from({ length: 6 }, freePort),
      );
      const processes = [
        compiled('main', { ...env, PORT: String(api1), METRICS_PORT: String(apiMetrics1) }),
        compiled('main', { ...env, PORT: String(api2), METRICS_PORT: String(apiMetrics2) }),
        compiled('worker', { ...env, METRICS_PORT: String(workerMetrics) }),
      ];
      children.push(...processes);
      const bases = [api1, api2].map((port) => `http://127.0.0.1:${port}`);
      for (const base of bases)
        await eventually(
          async () => ((await status(`${base}/ready`)) === 200 ? true : undefined),
          `${base}/ready`,
          60_000,
        );
      await eventually(
        async () => ((await status(`http://127.0.0.1:${workerMetrics}/metrics`)) === 200 ? true : undefined),
        'the worker',
        60_000,
      );

      // A real Prometheus scrapes the three metrics ports each second, and the first API port with a metrics:read key.
      const scraper = await call(bases[0]!, 'POST', '/v1/api-keys', { name: 'prometheus', scopes: ['metrics:read'] });
      writeFileSync(join(dir, 'key'), scraper.body.key);
      writeFileSync(
        join(dir, 'prometheus.yml'),
        [
          'global: { scrape_interval: 1s, scrape_timeout: 900ms }',
          'scrape_configs:',
          `  - job_name: ponte`,
          `    static_configs: [{ targets: ['127.0.0.1:${apiMetrics1}', '127.0.0.1:${apiMetrics2}', '127.0.0.1:${workerMetrics}'] }]`,
          `  - job_name: ponte-api-port`,
          `    authorization: { credentials_file: ${join(dir, 'key')} }`,
          `    static_configs: [{ targets: ['127.0.0.1:${api1}'] }]`,
          '',
        ].join('\n'),
      );
      prometheus = spawn(
        'prometheus',
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${prometheusPort}`,
        ],
        { stdio: 'ignore' },
      );
      const promql = async (query: string) => {
        const answer = await fetch(
          `http://127.0.0.1:${prometheusPort}/api/v1/query?query=${encodeURIComponent(query)}`,
        );
        const body = (await answer.json()) as {
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        };
        return body.data.result;
      };
      await eventually(
        async () =>
          (await promql('up').catch(() => [])).filter((r) => r.value[1] === '1').length === 4 ? true : undefined,
        'Prometheus to scrape the four targets',
        60_000,
      );

      // The burst: every contract blocked at once, one EXA call each, which the slow partner takes its time over.
      const bulk = await call(bases[0]!, 'POST', '/v1/contracts/bulk-events', {
        type: 'block',
        mode: 'automatic',
        reason: 'billing day',
        contractIds: contracts,
      });
      expect(bulk.status).toBe(200);
      const scraped = async () =>
        (await promql('ponte_outbox_pending{target_kind="sva_user"}')).map((r) => Number(r.value[1]));
      await eventually(
        async () => ((await scraped()).some((n) => n > 0) ? true : undefined),
        'a backlog in Prometheus',
        30_000,
      );
      await eventually(
        async () => {
          const values = await scraped();
          return values.length === 4 && values.every((n) => n === 0) ? true : undefined;
        },
        'the outbox to drain in Prometheus',
        120_000,
      );
      expect(exa.blocks()).toBe(300);
      await eventually(
        async () =>
          Number(
            (await promql('sum(ponte_deliveries_finished_total{job="ponte",outcome="succeeded"})'))[0]?.value[1] ?? 0,
          ) === 300
            ? true
            : undefined,
        'the three dispatchers to have counted 300 deliveries together',
        15_000,
      );
      // Every process says the same of the database.
      expect((await promql('max_over_time(ponte_outbox_pending{target_kind="sva_user"}[5m])')).length).toBe(4);

      // A burst of bad keys from one address: 401 until the limit, 429 with Retry-After after.
      const bad = [];
      for (let n = 0; n < 30; n++)
        bad.push(
          await fetch(`${bases[1]}/v1/customers`, { headers: { authorization: `Bearer ponte_${'z'.repeat(40)}${n}` } }),
        );
      expect(bad.filter((r) => r.status === 401).length).toBe(20);
      const limited = bad.filter((r) => r.status === 429);
      expect(limited.length).toBe(10);
      expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);

      // A preflight from the allowed origin passes; from another it does not.
      const preflight = (origin: string) =>
        fetch(`${bases[0]}/v1/customers`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          },
        });
      const allowed = await preflight('https://painel.provedor.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://painel.provedor.example');
      expect((await preflight('https://outro.example')).headers.get('access-control-allow-origin')).toBeNull();

      // A stale If-Match: 412, and nothing changes.
      const customer = (await call(bases[0]!, 'POST', '/v1/customers', { name: 'Maria', document: '529.982.247-25' }))
        .body;
      const read = await fetch(`${bases[1]}/v1/customers/${customer.id}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      const etag = read.headers.get('etag')!;
      expect(
        (await call(bases[0]!, 'PATCH', `/v1/customers/${customer.id}`, { name: 'Maria Souza' }, { 'if-match': etag }))
          .status,
      ).toBe(200);
      const stale = await call(
        bases[1]!,
        'PATCH',
        `/v1/customers/${customer.id}`,
        { name: 'Maria Silva' },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('PRECONDITION_FAILED');

      // Their log pipes die (nobody reads them any more); SIGTERM still stops all three within 20 s.
      for (const child of processes) {
        child.stdout!.destroy();
        child.stderr!.destroy();
      }
      for (const base of bases) expect(await status(`${base}/health`)).toBe(200);
      const signalled = Date.now();
      const exits = processes.map((child) => new Promise((resolve) => child.once('exit', resolve)));
      for (const child of processes) child.kill('SIGTERM');
      await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 20_000))]);
      expect(processes.map((child) => child.exitCode !== null || child.signalCode !== null)).toEqual([
        true,
        true,
        true,
      ]);
      expect(Date.now() - signalled).toBeLessThan(20_000);
    } finally {
      prometheus?.kill('SIGKILL');
      await new Promise((resolve) => exa.server.close(resolve));
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});

function compiled(script: 'main' | 'worker', env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist', `${script}.js`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read while the test wants them read; destroyed later to kill the pipe.
  child.stdout.resume();
  child.stderr.resume();
  return child;
}

async function call(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      'content-type': 'application/json',
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json().catch(() => null)) as any };
}

/** EXA as far as a block goes, 150 ms a call (a backlog lasts a few scrapes), counting them. */
async function slowExa(): Promise<{ url: string; server: Server; blocks: () => number }> {
  let blocks = 0;
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const block = /^\/exa\/users\/([^/]+)\/block$/.exec(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && block) {
        blocks += 1;
        setTimeout(
          () => response.end(JSON.stringify({ reference: decodeURIComponent(block[1]!), status: 'blocked' })),
          150,
        );
      } else if (request.method === 'GET' && request.url === '/exa/packages') {
        response.end(JSON.stringify({ packages: [{ code: 'EXA-SEG-BASICO', name: 'EXA Segurança Básico' }] }));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ success: false, message: 'not here' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/exa`, server, blocks: () => blocks };
}

/** Active contracts with an EXA user each, written straight to the database; their ids. */
async function seed(url: string, env: Record<string, string>, partnerUrl: string, count: number) {
  const db = await openDatabase({ kind: 'postgresql', url, poolSize: 2 });
  try {
    await migrate(db.sql);
    const app = await buildApp({ config: loadConfig(env), db, overrides: { logger: false } });
    const integration = await app.useCases.sva.createSvaIntegration({
      platform: 'exa',
      url: partnerUrl,
      prefix: 'producao',
    });
    if (!integration.ok) throw new Error('could not register the integration');
    const product = await app.useCases.products.createProduct({
      name: 'EXA',
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: integration.value.id,
      svaPackage: 'EXA-SEG-BASICO',
    });
    if (!product.ok) throw new Error('could not create the product');
    const seeded = await seedContracts(db, count, integration.value.id, product.value.id);
    await app.http.close();
    return seeded.map((s) => s.contract);
  } finally {
    await db.close();
  }
}
