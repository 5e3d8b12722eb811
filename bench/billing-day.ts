/**
 * Billing day: 200,000 active contracts with an EXA user each; 50,000 of them blocked in one bulk
 * call to an API process, and the 50,000 block calls drained by four dispatchers at once — two
 * worker processes and the two API processes' own — all on one PostgreSQL. The partner is a
 * counting EXA stand-in in this process: every block call it receives is counted per user, so a
 * lost or a repeated call shows.
 *
 *   BENCH_BILLING_CONTRACTS=200000 BENCH_BILLING_BLOCKED=50000 npm run bench:dispatch
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { buildApp } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { withBenchDatabase } from './bench-database';
import { seedContracts } from './seed-contracts';
import { freePort, start, stopped, type Child, until } from './processes';
import { secondsSince } from './stats';

const CONTRACTS = Number(process.env.BENCH_BILLING_CONTRACTS ?? 200_000);
const BLOCKED = Number(process.env.BENCH_BILLING_BLOCKED ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ADMIN_KEY = `ponte_bench_${randomBytes(16).toString('hex')}`;

/** EXA as far as a block goes, counting the calls per user. */
function countingExa(): Promise<{ url: string; blocks: Map<string, number>; server: Server }> {
  const blocks = new Map<string, number>();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const block = /^\/exa\/users\/([^/]+)\/block$/.exec(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && block) {
        const reference = decodeURIComponent(block[1]!);
        blocks.set(reference, (blocks.get(reference) ?? 0) + 1);
        response.end(JSON.stringify({ reference, status: 'blocked' }));
      } else if (request.method === 'GET' && request.url === '/exa/packages') {
        response.end(JSON.stringify({ packages: [{ code: 'EXA-SEG-BASICO', name: 'EXA Segurança Básico' }] }));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ success: false, message: 'not here' }));
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/exa`, blocks, server }),
    ),
  );
}

const answers = (url: string) =>
  fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` }, signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.ok,
    () => false,
  );
async function seed(url: string, env: Record<string, string>, partnerUrl: string) {
  const db = await openDatabase({ kind: 'postgresql', url, poolSize: 4 });
  try {
    await migrate(db.sql);
    const app = await buildApp({ config: loadConfig(env), db, overrides: { logger: false } });
    const integration = await app.useCases.sva.createSvaIntegration({
      platform: 'exa',
      url: partnerUrl,
      prefix: 'bench-billing-day',
    });
    if (!integration.ok) throw new Error(`could not register the integration: ${JSON.stringify(integration.error)}`);
    // The stand-in has no limit: what is measured is Ponte's own cost (bench:billing-day measures limits).
    await app.useCases.deliveries.updateIntegrationLimits(
      integration.value.id,
      { concurrency: 1_000, ratePerSecond: 1_000_000 },
      'bench',
    );
    const product = await app.useCases.products.createProduct({
      name: 'EXA',
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: integration.value.id,
      svaPackage: 'EXA-SEG-BASICO',
    });
    if (!product.ok) throw new Error('could not create the product');
    const seeded = await seedContracts(db, CONTRACTS, integration.value.id, product.value.id);
    await db.sql.query('ANALYZE');
    await app.http.close();
    return seeded.slice(0, BLOCKED);
  } finally {
    await db.close();
  }
}

export async function billingDay(): Promise<{ lines: string[]; ok: boolean }> {
  const partner = await countingExa();
  const children: Child[] = [];
  try {
    return await withBenchDatabase(async (url) => {
      const env = {
        DATABASE_URL: url,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        BOOTSTRAP_API_KEY: ADMIN_KEY,
        // The partner stand-in speaks plain HTTP on loopback, which only sandbox mode lets partner calls reach.
        SANDBOX: 'on',
        LOG_LEVEL: 'warn',
        DISPATCH_CONCURRENCY: String(CONCURRENCY),
      };
      const seedStart = process.hrtime.bigint();
      const blocked = await seed(url, env, partner.url);
      const seedSeconds = secondsSince(seedStart);

      const ports = [await freePort(), await freePort()];
      // One after the other: the first mints the admin key, the second finds it there.
      for (const port of ports) {
        const child = start('main', { ...env, PORT: String(port) });
        children.push(child);
        await until(`the API process on ${port}`, child, () => answers(`http://127.0.0.1:${port}/v1/api-keys?limit=1`));
      }
      const workers = [0, 1].map(() => start('worker', { ...env, LOG_LEVEL: 'info' }));
      children.push(...workers);
      for (const worker of workers)
        await until('a worker', worker, () => worker.output().includes('dispatcher started'));

      const db = await openDatabase({ kind: 'postgresql', url, poolSize: 2 });
      try {
        const started = process.hrtime.bigint();
        const response = await fetch(`http://127.0.0.1:${ports[0]}/v1/contracts/bulk-events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ADMIN_KEY}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({
            type: 'block',
            mode: 'automatic',
            reason: 'billing day',
            contractIds: blocked.map((b) => b.contract),
          }),
        });
        const body = (await response.json()) as { applied?: string[] };
        const bulkSeconds = secondsSince(started);
        if (response.status !== 200 || body.applied?.length !== BLOCKED)
          throw new Error(`the bulk call answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        const pending = async () =>
          Number(
            (
              await db.sql.query<{ n: string }>(
                `SELECT count(*) AS n FROM integration_deliveries WHERE status = 'pending'`,
              )
            )[0]!.n,
          );
        const deadline = Date.now() + 15 * 60_000;
        while ((await pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        const totalSeconds = secondsSince(started);
        const drainSeconds = totalSeconds - bulkSeconds;

        const [outbox] = await db.sql.query<{ succeeded: string; dead: string; pending: string }>(
          `SELECT count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status = 'dead') AS dead, count(*) FILTER (WHERE status = 'pending') AS pending
           FROM integration_deliveries WHERE action = 'block_user'`,
        );
        const calls = [...partner.blocks.values()].reduce((a, b) => a + b, 0);
        const lost = blocked.filter((b) => !partner.blocks.has(b.user)).length;
        const duplicated = calls - partner.blocks.size;
        const expected = new Set(blocked.map((b) => b.user));
        const strays = [...partner.blocks.keys()].filter((reference) => !expected.has(reference)).length;
        return {
          lines: [
            `Billing day: ${CONTRACTS.toLocaleString('en')} contracts, ${BLOCKED.toLocaleString('en')} blocked in one bulk call; two API processes and two workers, concurrency ${CONCURRENCY} each (seeded in ${seedSeconds.toFixed(1)} s)`,
            `  bulk call             : ${bulkSeconds.toFixed(2)} s`,
            `  drained after the call: ${drainSeconds.toFixed(2)} s (${(BLOCKED / drainSeconds).toFixed(0)} deliveries/s)`,
            `  total                 : ${totalSeconds.toFixed(2)} s (${(BLOCKED / totalSeconds).toFixed(0)} blocks/s end to end)`,
            `  outbox: succeeded ${outbox!.succeeded}, dead ${outbox!.dead}, pending ${outbox!.pending}; partner calls ${calls}; lost ${lost}, duplicated ${duplicated}, to other users ${strays}`,
          ],
          ok: lost === 0 && duplicated === 0 && strays === 0 && Number(outbox!.succeeded) === BLOCKED,
        };
      } finally {
        await db.close();
        for (const child of children) child.process.kill('SIGTERM');
        await Promise.all(children.map(stopped));
      }
    });
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
    partner.server.close();
  }
}
