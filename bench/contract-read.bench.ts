/**
 * GET /v1/contracts/{id} on Ponte (auth, validation, Prisma, serialisation) against the same read
 * on a bare fastify + pg handler, over the same PostgreSQL. Each server runs in its own process,
 * both started and warmed first; autocannon then drives them in turn, ROUNDS times each
 * alternately, so that a slow spell of the machine falls on both sides. It prints each round, the
 * median of each side and the median of the rounds' ratios.
 *
 *   npm run bench                      # PostgreSQL at postgresql://postgres@127.0.0.1:5432/test
 *   BENCH_DATABASE_URL=… BENCH_SECONDS=20 BENCH_CONNECTIONS=32 npm run bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { buildApp } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { startTelemetry } from '../src/app/telemetry';
import { BENCH_SERVER_URL, withBenchDatabase } from './bench-database';
import { alternate, median } from './stats';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const POOL_SIZE = 10;
const BENCH_SECRETS_KEY = Buffer.alloc(32, 1).toString('base64');

async function servePonte(url: string) {
  // As production runs: metrics and trace context always, spans exported when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  await startTelemetry();
  const db = await openDatabase({ kind: 'postgresql', url, poolSize: POOL_SIZE });
  const app = await buildApp({
    config: loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      SECRETS_KEY: BENCH_SECRETS_KEY,
      // One key asks far more than a client would: its limit stays on (its cost is measured), out of reach.
      RATE_LIMIT_PER_KEY: '100000000',
    }),
    db,
    overrides: { logger: false },
  });
  return app.http.listen({ port: 0, host: '127.0.0.1' });
}

async function serveBare(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/v1/contracts/:id', async (request, reply) => {
    const { rows } = await pool.query('SELECT * FROM contracts WHERE id = $1', [request.params.id]);
    return rows[0] ?? reply.code(404).send({ status: 404 });
  });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

function startServer(mode: 'ponte' | 'bare', url: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, `serve-${mode}`, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ child, address: chunk.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

interface Side {
  readonly child: ChildProcess;
  run(duration: number): Promise<{ reqPerSec: number; p99: number }>;
}

async function side(mode: 'ponte' | 'bare', url: string, path: string, headers: Record<string, string>): Promise<Side> {
  const { child, address } = await startServer(mode, url);
  return {
    child,
    async run(duration) {
      const result = await autocannon({ url: `${address}${path}`, connections, duration, headers });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${mode}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return { reqPerSec: result.requests.average, p99: result.latency.p99 };
    },
  };
}

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 2 });
    await migrate(db.sql);
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: url, SECRETS_KEY: BENCH_SECRETS_KEY }),
      db,
      overrides: { logger: false },
    });
    const key = await app.useCases.apiKeys.createApiKey({ name: 'bench', scopes: ['contracts:read'] });
    const customer = await app.useCases.customers.createCustomer({ name: 'Bench', document: '52998224725' });
    if (!key.ok || !customer.ok) throw new Error('seeding failed');
    const contract = await app.useCases.contracts.createContract({
      customerId: customer.value.id,
      description: 'Fibra 500',
      billingDay: 10,
    });
    if (!contract.ok) throw new Error('seeding failed');
    await app.useCases.contracts.applyContractEvent({
      contractId: contract.value.id,
      type: 'activate',
      mode: 'manual',
      reason: null,
      actor: 'bench',
    });
    await db.close();

    const path = `/v1/contracts/${contract.value.id}`;
    const bare = await side('bare', url, path, {});
    const ponte = await side('ponte', url, path, { authorization: `Bearer ${key.value.key}` });
    try {
      // Warm-up: JIT, pools, caches.
      await bare.run(2);
      await ponte.run(2);
      const lines = [
        `GET /v1/contracts/{id}, ${connections} connections, ${ROUNDS} rounds of ${seconds}s per side, alternately, PostgreSQL ${new URL(BENCH_SERVER_URL).host}`,
      ];
      const runs = await alternate(
        ROUNDS,
        () => bare.run(seconds),
        () => ponte.run(seconds),
      );
      const rounds = runs.a.map((bareRun, i) => ({ bare: bareRun, ponte: runs.b[i]! }));
      rounds.forEach(({ bare: b, ponte: p }, i) =>
        lines.push(
          `  round ${i + 1}: bare ${b.reqPerSec.toFixed(0)} req/s (p99 ${b.p99} ms), Ponte ${p.reqPerSec.toFixed(0)} req/s (p99 ${p.p99} ms), ratio ${(p.reqPerSec / b.reqPerSec).toFixed(2)}`,
        ),
      );
      lines.push(
        `  bare fastify + pg : ${median(rounds.map((r) => r.bare.reqPerSec)).toFixed(0)} req/s (median)`,
        `  Ponte             : ${median(rounds.map((r) => r.ponte.reqPerSec)).toFixed(0)} req/s (median)`,
        `  ratio Ponte/bare  : ${median(rounds.map((r) => r.ponte.reqPerSec / r.bare.reqPerSec)).toFixed(2)} (median of the rounds; target ≥ 0.85)`,
        '',
      );
      process.stdout.write(lines.join('\n'));
    } finally {
      bare.child.kill('SIGTERM');
      ponte.child.kill('SIGTERM');
    }
  });
}

const [mode, url] = process.argv.slice(2);
if (mode === 'serve-ponte' || mode === 'serve-bare') {
  void (mode === 'serve-ponte' ? servePonte(url!) : serveBare(url!)).then((address) =>
    process.stdout.write(`${address}\n`),
  );
} else {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
