/**
 * Partner deliveries and bulk changes, measured on PostgreSQL. Every side is warmed first, then run
 * ROUNDS times alternately with the side it is compared with; the medians and their ratio are
 * printed with every round. A side runs a few percent slower right after a round of its own than
 * after the other side's, so ROUNDS is even by default (4): each side goes first as often as second.
 *
 * 1. Throughput: N SVA users are queued for creation on the EXA sandbox, which Ponte serves over
 *    loopback HTTP; the dispatcher delivers them. Compared with the same number of bare HTTP calls
 *    to the same sandbox at the same concurrency. Every round's contracts and deliveries are
 *    written before the first round (the deliveries held back); a round releases its own with the
 *    dispatcher stopped, and starts it with the clock. Each round counts the sandbox's users:
 *    nothing may be lost or duplicated, and nothing may arrive before the clock starts. Each round
 *    also prints the process's CPU time per call (the sandbox's share included, the same on both
 *    sides), where a gap shows first.
 * 2. Claim cost: the claim statement with 3,000 and with 100,000 due deliveries waiting, the rows
 *    just written and not analysed.
 * 3. Bulk: 10,000 active contracts, each with an SVA user, blocked at once through the use case
 *    (states, history, SVA users and outbox rows in one transaction), against one raw SQL
 *    statement doing the equivalent writes; then again with one webhook endpoint subscribed to
 *    every event (each contract's event and its delivery written too; the raw statement unchanged).
 * 4. Billing day (bench/billing-day.ts): 200,000 contracts, 50,000 blocked in one bulk call, drained
 *    by two worker processes and two API processes.
 *
 *   npm run bench:dispatch             # PostgreSQL at postgresql://postgres@127.0.0.1:5432/test
 *   BENCH_DATABASE_URL=… BENCH_DELIVERIES=5000 BENCH_CONTRACTS=10000 BENCH_ROUNDS=6 npm run bench:dispatch
 *   BENCH_BILLING_DAY=off npm run bench:dispatch      # sections 1 to 3 only
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { openDatabase, type Database } from '../src/adapters/db/database';
import { createSqlDeliveryQueue } from '../src/adapters/db/deliveries/queue';
import { migrate } from '../src/adapters/db/migrator';
import { buildApp, type App } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { svaUserEffect } from '../src/domain/sva/sva';
import { BENCH_SERVER_URL, withBenchDatabase } from './bench-database';
import { billingDay } from './billing-day';
import { seedContracts } from './seed-contracts';
import { alternate, median, secondsSince } from './stats';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const BACKLOGS = [3_000, 100_000];
const CLAIMS_PER_BACKLOG = 200;
const PREFIX = 'bench-provedor';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The process's CPU time (every thread: JavaScript, garbage collection, I/O) per call since `since`, in µs. */
const cpuPerCall = (since: NodeJS.CpuUsage, calls: number) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / calls;
};
/** Deliveries due and not done: the released round's (the others are held back), read on the claim's index. */
const dueCount = async (db: Database) =>
  Number(
    (
      await db.sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM integration_deliveries WHERE status = 'pending' AND next_attempt_at <= now()`,
      )
    )[0]!.n,
  );

interface Setup {
  readonly app: App;
  readonly db: Database;
  readonly address: string;
  readonly integrationId: string;
  readonly productId: string;
}

/**
 * An EXA tenant of the sandbox with its product: every round gets its own, so that no round meets
 * the sandbox's limit of users per tenant.
 */
async function tenant(app: App, address: string, prefix: string) {
  const integration = await app.useCases.sva.createSvaIntegration({
    platform: 'exa',
    url: `${address}/sandbox/exa`,
    prefix,
  });
  if (!integration.ok) throw new Error('could not register the integration');
  // The partner has no limit here: what is measured is Ponte's own cost (bench:billing-day measures limits).
  await app.useCases.deliveries.updateIntegrationLimits(
    integration.value.id,
    { concurrency: 1_000, ratePerSecond: 1_000_000 },
    'bench',
  );
  const product = await app.useCases.products.createProduct({
    name: `EXA ${prefix}`,
    type: 'sva',
    priceCents: 990,
    svaIntegrationId: integration.value.id,
    svaPackage: 'EXA-SEG-BASICO',
  });
  if (!product.ok) throw new Error('could not create the product');
  return { integrationId: integration.value.id, productId: product.value.id };
}

/** A round's data, written before the first round: its tenant and, for Ponte, its queued deliveries held back. */
interface Prepared {
  readonly prefix: string;
  readonly integrationId: string;
}

const HELD_BACK = 365 * 24 * 3600_000;

/**
 * Seeds `count` contracts with an EXA user each and queues their creation as a contract change
 * would, due a year from now: ponteRound releases them. Every round is prepared before the first
 * one runs, so that no round starts with what seeding leaves behind (garbage in the process,
 * dirty pages in PostgreSQL) still to clear on its clock.
 */
async function preparePonte({ app, db, address }: Setup, count: number, round: string): Promise<Prepared> {
  const prefix = `${PREFIX}-${round}`;
  const { integrationId, productId } = await tenant(app, address, prefix);
  const ids = await seedContracts(db, count, integrationId, productId);
  const users = await db.sql.query<{
    id: string;
    contract_id: string;
    username: string;
    document: string;
    name: string;
  }>(`SELECT id, contract_id, username, document, name FROM sva_users WHERE id = ANY($1::uuid[])`, [
    ids.map((i) => i.user),
  ]);
  await app.deps.store.outbox.enqueue(
    users.map((u) => ({
      id: randomUUID(),
      cause: `bench-${u.id}`,
      effect: svaUserEffect(
        'create_user',
        {
          id: u.id,
          integrationId,
          platform: 'exa',
          contractId: u.contract_id,
          username: u.username,
          document: u.document,
          email: u.username,
          name: u.name,
          mobilePhone: '+5511912345678',
          packageCode: 'EXA-SEG-BASICO',
        },
        null,
      ),
    })),
    new Date(Date.now() + HELD_BACK),
  );
  return { prefix, integrationId };
}

/** The sandbox answers only registered credentials: the bare calls of each round get a tenant of their own. */
async function prepareBare({ app, address }: Setup, round: string): Promise<Prepared> {
  const prefix = `${PREFIX}-bare-${round}`;
  return { prefix, ...(await tenant(app, address, prefix)) };
}

/**
 * Releases the round's deliveries with the dispatcher stopped, starts it with the clock, lets it
 * deliver them, and counts what arrived.
 */
async function ponteRound({ app, db }: Setup, count: number, { prefix, integrationId }: Prepared) {
  await db.sql.query(
    `UPDATE integration_deliveries SET next_attempt_at = now() WHERE integration_id = $1 AND status = 'pending'`,
    [integrationId],
  );
  // What the release leaves to do in the background (vacuum, analyze, dirty pages) is done
  // before the clock starts: the round measures the deliveries.
  await db.sql.exec('VACUUM ANALYZE integration_deliveries');
  await db.sql.exec('CHECKPOINT');
  if (app.sandbox!.exa.userCount(prefix) !== 0) throw new Error('deliveries went out before the clock started');
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await app.dispatcher.start();
  // Watched in the sandbox first (its count, not a list: the watch must cost the shared thread next
  // to nothing), so that no polling query competes with the dispatcher for the database; the round
  // ends once the outbox has every outcome recorded.
  while (app.sandbox!.exa.userCount(prefix) < count) await sleep(10);
  while ((await dueCount(db)) > 0) await sleep(2);
  const rate = count / secondsSince(start);
  const cpuUs = cpuPerCall(cpu, count);
  await app.dispatcher.stop();
  const arrived = app.sandbox!.exa.userCount(prefix);
  return { rate, cpuUs, lost: count - arrived };
}

/** The same creates as plain HTTP calls, CONCURRENCY at a time. */
async function bareRound({ address }: Setup, count: number, { prefix }: Prepared) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  let next = 0;
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const n = next++;
        const response = await fetch(`${address}/sandbox/exa/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-exa-prefix': prefix },
          body: JSON.stringify({
            reference: randomUUID(),
            email: `bare-${n}@example.com`,
            document: String(n).padStart(11, '0'),
            mobilePhone: '+5511912345678',
            name: 'Bare',
            packageCode: 'EXA-SEG-BASICO',
          }),
          dispatcher: agent,
        } as unknown as RequestInit);
        await response.text();
        if (response.status !== 201) throw new Error(`the bare baseline got ${response.status}`);
      }
    }),
  );
  const rate = count / secondsSince(start);
  const cpuUs = cpuPerCall(cpu, count);
  await agent.close();
  return { rate, cpuUs };
}

async function throughput(setup: Setup) {
  const names = ['warm', ...Array.from({ length: ROUNDS }, (_, i) => String(i + 1))];
  const ponteData = new Map<string, Prepared>();
  const bareData = new Map<string, Prepared>();
  for (const name of names) {
    ponteData.set(name, await preparePonte(setup, DELIVERIES, name));
    bareData.set(name, await prepareBare(setup, name));
  }
  // A whole round each to warm up: the JIT, the pools, the sandbox.
  await ponteRound(setup, DELIVERIES, ponteData.get('warm')!);
  await bareRound(setup, DELIVERIES, bareData.get('warm')!);
  const runs = await alternate(
    ROUNDS,
    (round) => ponteRound(setup, DELIVERIES, ponteData.get(String(round))!),
    (round) => bareRound(setup, DELIVERIES, bareData.get(String(round))!),
  );
  const counts = await createSqlDeliveryQueue(setup.db.sql).counts();
  const ponte = median(runs.a.map((r) => r.rate));
  const bare = median(runs.b.map((r) => r.rate));
  return {
    lines: [
      `Deliveries to the EXA sandbox over loopback HTTP, ${DELIVERIES} creates per round, concurrency ${CONCURRENCY}`,
      ...runs.a.map((r, i) => {
        const b = runs.b[i]!;
        return `  round ${i + 1}: Ponte ${r.rate.toFixed(0)} deliveries/s (${r.cpuUs.toFixed(0)} µs CPU each), bare ${b.rate.toFixed(0)} calls/s (${b.cpuUs.toFixed(0)} µs), ratio ${(r.rate / b.rate).toFixed(2)}, lost ${r.lost}`;
      }),
      `  bare HTTP calls       : ${bare.toFixed(0)} calls/s (median)`,
      `  Ponte dispatcher      : ${ponte.toFixed(0)} deliveries/s (median; ratio ${(ponte / bare).toFixed(2)}, target ≥ 0.92)`,
      `  outbox: succeeded ${counts.succeeded}, dead ${counts.dead}, pending ${counts.pending}; lost ${runs.a.reduce((n, r) => n + r.lost, 0)}`,
    ],
    ok: runs.a.every((r) => r.lost === 0) && counts.dead === 0 && counts.pending === 0,
  };
}

/** The median time of one claim of CONCURRENCY deliveries with `backlog` due deliveries waiting. */
async function claimTime(db: Database, backlog: number) {
  await db.sql.query(
    `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, action, payload, next_attempt_at)
     SELECT gen_random_uuid(), 'backlog:' || g, 'backlog:' || g, 'sva_user', gen_random_uuid(), 'backlog', 'block_user', '{}'::jsonb, now() - interval '1 minute'
     FROM generate_series(1, $1::integer) AS g`,
    [backlog],
  );
  // A platform without limits: the claim's own cost is measured.
  const queue = createSqlDeliveryQueue(db.sql, {
    defaults: { backlog: { concurrency: 1_000, ratePerSecond: 1_000_000 } },
  });
  const times: number[] = [];
  for (let i = 0; i < CLAIMS_PER_BACKLOG; i += 1) {
    const start = process.hrtime.bigint();
    const claims = await queue.claim(CONCURRENCY, 60_000, new Date());
    times.push(secondsSince(start) * 1000);
    if (claims.length !== CONCURRENCY) throw new Error(`a claim found ${claims.length} deliveries`);
    await queue.release(claims);
  }
  await db.sql.query(`DELETE FROM integration_deliveries WHERE platform = 'backlog'`);
  return median(times);
}

async function claimCost(db: Database) {
  await claimTime(db, 100); // warm-up
  const [small, large] = [await claimTime(db, BACKLOGS[0]!), await claimTime(db, BACKLOGS[1]!)];
  return [
    `Claiming ${CONCURRENCY} due deliveries (median of ${CLAIMS_PER_BACKLOG} claims; the backlog just written, not analysed)`,
    `  ${BACKLOGS[0]!.toLocaleString('en')} due  : ${small.toFixed(2)} ms`,
    `  ${BACKLOGS[1]!.toLocaleString('en')} due: ${large.toFixed(2)} ms (ratio ${(large / small).toFixed(2)}, target ≤ 2)`,
  ];
}

/** The same writes as one statement: contracts, history, SVA users, outbox rows. */
const RAW_BLOCK = `
WITH blocked AS (
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
FROM users`;

async function bulkRound({ app, db, integrationId, productId }: Setup, count: number, side: 'ponte' | 'raw') {
  const contracts = (await seedContracts(db, count, integrationId, productId)).map((i) => i.contract);
  await db.sql.query('ANALYZE');
  const start = process.hrtime.bigint();
  if (side === 'ponte') {
    const result = await app.useCases.contracts.applyContractEventToMany({
      contractIds: contracts,
      type: 'block',
      mode: 'automatic',
      reason: 'bench',
      actor: 'bench',
    });
    if (!result.ok || result.value.applied.length !== count)
      throw new Error('the bulk block did not apply to every contract');
  } else {
    await db.sql.query(RAW_BLOCK, [contracts]);
  }
  const ms = secondsSince(start) * 1000;
  const [written] = await db.sql.query<{ n: string; events: string }>(
    `SELECT (SELECT count(*) FROM integration_deliveries WHERE action = 'block_user' AND contract_id = ANY($1::uuid[])) AS n,
            (SELECT count(*) FROM events WHERE type = 'contract.status_changed' AND resource_id = ANY($1::uuid[])) AS events`,
    [contracts],
  );
  return { ms, outbox: Number(written!.n), events: Number(written!.events) };
}

/**
 * The bulk block against raw SQL; `subscribed`: with one webhook endpoint that wants every event,
 * so that each contract's `contract.status_changed` and its delivery are written too (the raw
 * statement writes neither: the ratio is the whole cost of telling frontends).
 */
async function bulk(setup: Setup, subscribed = false) {
  await bulkRound(setup, 1000, 'ponte');
  await bulkRound(setup, 1000, 'raw');
  const runs = await alternate(
    ROUNDS,
    () => bulkRound(setup, CONTRACTS, 'ponte'),
    () => bulkRound(setup, CONTRACTS, 'raw'),
  );
  const ponte = median(runs.a.map((r) => r.ms));
  const raw = median(runs.b.map((r) => r.ms));
  return {
    lines: [
      `Block ${CONTRACTS.toLocaleString('en')} contracts at once (states, history, SVA users, outbox rows)${subscribed ? ', one webhook endpoint subscribed to every event' : ''}`,
      ...runs.a.map(
        (r, i) =>
          `  round ${i + 1}: Ponte ${r.ms.toFixed(0)} ms, raw ${runs.b[i]!.ms.toFixed(0)} ms, ratio ${(r.ms / runs.b[i]!.ms).toFixed(2)}×`,
      ),
      `  one raw SQL statement : ${raw.toFixed(0)} ms (median)`,
      `  Ponte bulk use case   : ${ponte.toFixed(0)} ms (median; ratio ${(ponte / raw).toFixed(2)}×, target ≤ 1.5×)`,
      `  outbox rows per round : ${runs.a.map((r) => r.outbox).join(', ')} (expected ${CONTRACTS} each)`,
      ...(subscribed
        ? [
            `  events per round      : ${runs.a.map((r) => r.events).join(', ')} (expected ${CONTRACTS} each; their deliveries are queued by the fan-out, after)`,
          ]
        : []),
    ],
    ok:
      [...runs.a, ...runs.b].every((r) => r.outbox === CONTRACTS) &&
      runs.a.every((r) => r.events === (subscribed ? CONTRACTS : r.events)),
  };
}

/** The fan-out of what the subscribed rounds wrote: each event's delivery to the endpoint, outside their transaction. */
async function fanOut(db: Database, app: App) {
  const start = process.hrtime.bigint();
  let events = 0;
  let deliveries = 0;
  for (;;) {
    const fanned = await app.store.events.fanOut(1_000);
    if (!fanned || fanned.events === 0) break;
    events += fanned.events;
    deliveries += fanned.deliveries;
  }
  const seconds = secondsSince(start);
  const [left] = await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE NOT fanned_out`);
  return [
    `Fan-out after them: ${events.toLocaleString('en')} events → ${deliveries.toLocaleString('en')} webhook deliveries in ${(seconds * 1000).toFixed(0)} ms (${Math.round(deliveries / seconds).toLocaleString('en')}/s), ${left!.n} left`,
  ];
}

async function main() {
  const out = (lines: readonly string[]) => process.stdout.write(`${lines.join('\n')}\n`);
  out([`PostgreSQL ${new URL(BENCH_SERVER_URL).host}, ${ROUNDS} rounds per side, alternately, after a warm-up`]);
  let ok = true;
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
      // The dispatcher runs only during a delivery round (ponteRound starts and stops it).
      const setup: Setup = { app, db, address, ...(await tenant(app, address, `${PREFIX}-bulk`)) };

      const t = await throughput(setup);
      out(t.lines);
      out(await claimCost(db));
      const b = await bulk(setup);
      out(b.lines);
      // Every event is written with its change: with an endpoint that wants them all, each blocked
      // contract's event and its delivery go in the same transaction (docs/webhooks.md).
      const endpoint = await app.useCases.webhooks.createWebhookEndpoint(
        { url: `${address}/sandbox/webhooks/bench` },
        { name: 'bench', seesPersonalData: true },
      );
      if (!endpoint.ok) throw new Error('could not register the webhook endpoint');
      const subscribed = await bulk(setup, true);
      out(subscribed.lines);
      out(await fanOut(db, app));
      await app.http.close();
      ok = t.ok && b.ok && subscribed.ok;
    } finally {
      await db.close();
    }
  });
  if (process.env.BENCH_BILLING_DAY !== 'off') {
    const day = await billingDay();
    out(day.lines);
    ok &&= day.ok;
  }
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
