/**
 * Partner deliveries, measured on PostgreSQL:
 *
 * 1. Throughput: N SVA users are queued for creation on the EXA sandbox, which Ponte serves over
 *    loopback HTTP; the dispatcher delivers them. Compared with the same number of bare HTTP calls
 *    to the same sandbox at the same concurrency. Then every delivery and every sandbox user is
 *    counted: nothing may be lost or duplicated.
 * 2. Bulk: 10,000 active contracts, each with an SVA user, blocked at once through the use case
 *    (states, history, SVA users and outbox rows in one transaction), against one raw SQL
 *    statement doing the equivalent writes.
 *
 *   npm run bench:dispatch             # PostgreSQL at postgresql://postgres@127.0.0.1:5432/test
 *   BENCH_DATABASE_URL=… BENCH_DELIVERIES=5000 BENCH_CONTRACTS=10000 npm run bench:dispatch
 */
import { toOutboxEffect } from '../src/domain/sva/sva';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { openDatabase, type Database } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { createSqlDeliveryQueue } from '../src/adapters/db/deliveries/queue';
import { buildApp, type App } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { BENCH_SERVER_URL, withBenchDatabase } from './bench-database';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PREFIX = 'bench-provedor';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Customers, active contracts with the EXA product, and their SVA users, written directly. */
async function seed(db: Database, count: number, integrationId: string, productId: string, status: 'active' | 'blocked' = 'active') {
  const ids = Array.from({ length: count }, () => ({ customer: randomUUID(), contract: randomUUID(), user: randomUUID() }));
  const tag = randomBytes(3).toString('hex');
  await db.sql.query(
    `INSERT INTO customers (id, name, document, document_type, email, mobile_phone)
     SELECT c, 'Cliente ' || n, lpad(n::text || $2, 14, '0'), 'cnpj', 'c' || n || '-' || $2 || '@example.com', '+5511912345678'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(c, n)`,
    [ids.map((i) => i.customer), tag],
  );
  await db.sql.query(
    `INSERT INTO contracts (id, customer_id, status, access_status, activated_at)
     SELECT k, c, 'active', 'active', now() FROM unnest($1::uuid[], $2::uuid[]) AS t(k, c)`,
    [ids.map((i) => i.contract), ids.map((i) => i.customer)],
  );
  await db.sql.query(
    `INSERT INTO contract_items (id, contract_id, product_id, price_cents) SELECT gen_random_uuid(), k, $2, 990 FROM unnest($1::uuid[]) AS t(k)`,
    [ids.map((i) => i.contract), productId],
  );
  await db.sql.query(
    `INSERT INTO sva_users (id, contract_id, integration_id, platform, product_id, package_code, document, document_type, username, email, name, mobile_phone, status)
     SELECT u, k, $3, 'exa', $4, 'EXA-SEG-BASICO', c.document, 'cnpj', c.email, c.email, c.name, c.mobile_phone, $5
     FROM unnest($1::uuid[], $2::uuid[]) AS t(u, k) JOIN contracts ON contracts.id = k JOIN customers c ON c.id = contracts.customer_id`,
    [ids.map((i) => i.user), ids.map((i) => i.contract), integrationId, productId, status],
  );
  return ids;
}

async function throughput(app: App, db: Database, address: string, integrationId: string, productId: string) {
  const ids = await seed(db, DELIVERIES, integrationId, productId);
  const users = await db.sql.query<{ id: string; contract_id: string; username: string; document: string; name: string }>(
    `SELECT id, contract_id, username, document, name FROM sva_users WHERE id = ANY($1::uuid[])`,
    [ids.map((i) => i.user)],
  );
  await app.deps.store.outbox.enqueue(
    users.map((u) => ({
      id: randomUUID(),
      cause: `bench-${u.id}`,
      effect: toOutboxEffect({
        action: 'create_user' as const,
        user: { svaUserId: u.id, integrationId, platform: 'exa' as const, contractId: u.contract_id, username: u.username, document: u.document, email: u.username, name: u.name, mobilePhone: '+5511912345678', packageCode: 'EXA-SEG-BASICO' },
        sealedPassword: null,
      }),
    })),
    new Date(),
  );
  const queue = createSqlDeliveryQueue(db.sql);
  const start = process.hrtime.bigint();
  app.dispatcher.start();
  while ((await queue.counts()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const ponte = DELIVERIES / seconds(start);
  await app.dispatcher.stop();
  const counts = await queue.counts();
  const onPlatform = app.sandbox!.exa.users(PREFIX).length;

  // The bare baseline: the same creates as plain HTTP calls, CONCURRENCY at a time.
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  let next = 0;
  const bareStart = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DELIVERIES) {
        const n = next++;
        const response = await fetch(`${address}/sandbox/exa/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-exa-prefix': `${PREFIX}-bare` },
          body: JSON.stringify({ reference: randomUUID(), email: `bare${n}@example.com`, document: String(n).padStart(11, '0'), mobilePhone: '+5511912345678', name: 'Bare', packageCode: 'EXA-SEG-BASICO' }),
          dispatcher: agent,
        } as unknown as RequestInit);
        await response.text();
        if (response.status !== 201) throw new Error(`the bare baseline got ${response.status}`);
      }
    }),
  );
  const bare = DELIVERIES / seconds(bareStart);
  await agent.close();
  return { ponte, bare, counts, onPlatform };
}

async function bulkBlock(app: App, db: Database, integrationId: string, productId: string) {
  const ours = await seed(db, CONTRACTS, integrationId, productId);
  const raw = await seed(db, CONTRACTS, integrationId, productId);
  await db.sql.query('ANALYZE');

  let start = process.hrtime.bigint();
  const result = await app.useCases.applyContractEventToMany({ contractIds: ours.map((i) => i.contract), type: 'block', mode: 'automatic', reason: 'bench', actor: 'bench' });
  const ponte = seconds(start);
  if (!result.ok || result.value.applied.length !== CONTRACTS) throw new Error('the bulk block did not apply to every contract');

  // The same writes as one statement: contracts, history, SVA users, outbox rows.
  start = process.hrtime.bigint();
  await db.sql.query(
    `WITH blocked AS (
       UPDATE contracts SET access_status = 'automatic_block', blocked_at = now(), version = version + 1, updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status = 'active' AND access_status IN ('active', 'late_payment')
       RETURNING id, access_status),
     history AS (
       INSERT INTO contract_events (id, contract_id, type, mode, reason, actor, status_before, access_status_before, status_after, access_status_after, at)
       SELECT gen_random_uuid(), id, 'block', 'automatic', 'bench', 'bench', 'active', 'active', 'active', 'automatic_block', now() FROM blocked),
     users AS (
       UPDATE sva_users u SET status = 'blocked', updated_at = now() FROM blocked
       WHERE u.contract_id = blocked.id AND u.status = 'active'
       RETURNING u.*)
     INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload)
     SELECT gen_random_uuid(), 'sva:' || integration_id || ':' || username, 'raw:' || id, 'sva_user', id, platform, integration_id, contract_id, 'block_user',
            jsonb_build_object('action', 'block_user', 'user', jsonb_build_object('svaUserId', id, 'integrationId', integration_id, 'platform', platform,
              'contractId', contract_id, 'username', username, 'document', document, 'email', email, 'name', name, 'mobilePhone', mobile_phone, 'packageCode', package_code))
     FROM users`,
    [raw.map((i) => i.contract)],
  );
  const bare = seconds(start);
  const [written] = await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM integration_deliveries WHERE action = 'block_user'`);
  return { ponte, bare, outbox: Number(written!.n) };
}

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 20 });
    try {
      await migrate(db.sql);
      const config = loadConfig({
        DATABASE_URL: url,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        SANDBOX: 'on',
        LOG_LEVEL: 'silent',
        DISPATCH_CONCURRENCY: String(CONCURRENCY),
        DISPATCH_POLL_MS: '20',
      });
      const app = await buildApp({ config, db, overrides: { logger: false } });
      const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
      const integration = await app.useCases.createSvaIntegration({ platform: 'exa', url: `${address}/sandbox/exa`, prefix: PREFIX });
      // The sandbox answers only registered credentials: the bare baseline gets a tenant of its own.
      const bareTenant = await app.useCases.createSvaIntegration({ platform: 'exa', url: `${address}/sandbox/exa`, prefix: `${PREFIX}-bare` });
      if (!integration.ok || !bareTenant.ok) throw new Error('could not register the integrations');
      const product = await app.useCases.createProduct({ name: 'EXA', type: 'sva', priceCents: 990, svaIntegrationId: integration.value.id, svaPackage: 'EXA-SEG-BASICO' });
      if (!product.ok) throw new Error('could not create the product');

      const t = await throughput(app, db, address, integration.value.id, product.value.id);
      const b = await bulkBlock(app, db, integration.value.id, product.value.id);
      await app.http.close();
      const lost = DELIVERIES - t.onPlatform;
      process.stdout.write(
        [
          `Deliveries to the EXA sandbox over loopback HTTP, ${DELIVERIES} creates, concurrency ${CONCURRENCY}, PostgreSQL ${new URL(BENCH_SERVER_URL).host}`,
          `  bare HTTP calls       : ${t.bare.toFixed(0)} calls/s`,
          `  Ponte dispatcher      : ${t.ponte.toFixed(0)} deliveries/s (ratio ${(t.ponte / t.bare).toFixed(2)})`,
          `  succeeded ${t.counts.succeeded}, dead ${t.counts.dead}, pending ${t.counts.pending}; users on the platform ${t.onPlatform}; lost ${lost}`,
          `Block ${CONTRACTS} contracts at once (states, history, SVA users, outbox rows)`,
          `  one raw SQL statement : ${(b.bare * 1000).toFixed(0)} ms`,
          `  Ponte bulk use case   : ${(b.ponte * 1000).toFixed(0)} ms (ratio ${(b.ponte / b.bare).toFixed(2)}×, target ≤ 2×)`,
          `  outbox rows written   : ${b.outbox} (expected ${2 * CONTRACTS})`,
          '',
        ].join('\n'),
      );
      if (lost !== 0 || t.counts.dead !== 0 || b.outbox !== 2 * CONTRACTS) process.exitCode = 1;
    } finally {
      await db.close();
    }
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
