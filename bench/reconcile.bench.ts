/**
 * Reconciliation at scale (docs/reconciliation.md), on PostgreSQL: SUBSCRIPTIONS SVA users across
 * TENANTS EXA integrations, the sandbox's EXA holding the same users, then DRIFT of them (1 % by
 * default) changed behind Ponte's back, a quarter of each kind: blocked on the platform (status),
 * another package (attribute), deleted (missing), and as many users Ponte does not have (extra).
 *
 * Each integration's rate is set to RATE calls a second, and the sandbox's EXA refuses a tenant's
 * calls past it with 429: the run must read every page within the partner's limit. A plan of
 * everything is timed; it must find every injected change and nothing else, and change nothing.
 * The bare best case reads the same pages at exactly the same rate, reads Ponte's users in one
 * statement and compares them in a map: the floor the partner's limit and the data set together
 * set.
 *
 *   npm run bench:reconcile            # PostgreSQL at postgresql://postgres@127.0.0.1:5432/test
 *   BENCH_SUBSCRIPTIONS=20000 BENCH_RATE=5 npm run bench:reconcile
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import type { SimulatedUser } from '../src/adapters/sandbox/sva/simulator';
import { buildApp, type App } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { makeReconciliationRunner, PLATFORM_PAGE } from '../src/app/use-cases/reconciliation/runner';
import { BENCH_SERVER_URL, withBenchDatabase } from './bench-database';
import { seedContracts } from './seed-contracts';
import { secondsSince } from './stats';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 10);
const DRIFT = Number(process.env.BENCH_DRIFT ?? 0.01);
const RATE = Number(process.env.BENCH_RATE ?? 10);

const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tenant {
  readonly prefix: string;
  readonly integrationId: string;
  readonly users: { id: string; contract: string }[];
}

/** An EXA tenant: its integration (at the partner's rate), its product, its users in Ponte and on the platform. */
async function seedTenant(app: App, db: Database, address: string, index: number, count: number): Promise<Tenant> {
  const prefix = `bench-loja-${index}`;
  const integration = await app.useCases.sva.createSvaIntegration({
    platform: 'exa',
    url: `${address}/sandbox/exa`,
    prefix,
  });
  if (!integration.ok) throw new Error('could not register the integration');
  await app.useCases.deliveries.updateIntegrationLimits(
    integration.value.id,
    { concurrency: 4, ratePerSecond: RATE },
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
  const seeded = await seedContracts(db, count, integration.value.id, product.value.id);
  const rows = await db.sql.query<{ id: string; username: string; document: string; name: string }>(
    `SELECT id::text, username, document, name FROM sva_users WHERE integration_id = $1`,
    [integration.value.id],
  );
  const held = new Map<string, SimulatedUser>();
  for (const [n, row] of rows.entries())
    held.set(row.id, {
      id: `exa-${index}-${n}`,
      reference: row.id,
      username: row.username,
      document: row.document,
      email: row.username,
      name: row.name,
      mobilePhone: '+5511912345678',
      packageCode: 'EXA-SEG-BASICO',
      status: 'active',
      password: null,
      log: ['created'],
    });
  app.sandbox!.exa.tenants.set(prefix, held);
  return {
    prefix,
    integrationId: integration.value.id,
    users: seeded.map((s) => ({ id: s.user, contract: s.contract })),
  };
}

/** Drift of every kind, spread over the tenants: what a plan must find, as `kind reference`. */
function injectDrift(app: App, tenants: readonly Tenant[]): Set<string> {
  const expected = new Set<string>();
  const perKind = Math.max(1, Math.round((SUBSCRIPTIONS * DRIFT) / 4));
  const exa = app.sandbox!.exa;
  for (let i = 0; i < perKind; i += 1) {
    const tenant = tenants[i % tenants.length]!;
    const slot = Math.floor(i / tenants.length) * 3;
    const [blocked, moved, deleted] = [tenant.users[slot]!, tenant.users[slot + 1]!, tenant.users[slot + 2]!];
    exa.drift({ reference: blocked.id, status: 'blocked' });
    expected.add(`status ${blocked.id}`);
    exa.drift({ reference: moved.id, package: 'EXA-BACKUP-100' });
    expected.add(`attribute ${moved.id}`);
    exa.drift({ reference: deleted.id, delete: true });
    expected.add(`missing ${deleted.id}`);
    const extra = `erp-antigo-${i}`;
    const made = exa.drift({
      extra: {
        reference: extra,
        email: `antigo-${i}@example.com`,
        document: String(10_000_000_000 + i),
        name: `Antigo ${i}`,
        tenantOf: tenant.users[0]!.id,
      },
    });
    if (typeof made === 'string') throw new Error(made);
    expected.add(`extra ${extra}`);
  }
  return expected;
}

/** The floor: every page read at exactly the partner's rate, Ponte's users in one statement, compared in a map. */
async function bare(app: App, db: Database, address: string, tenants: readonly Tenant[]) {
  const start = process.hrtime.bigint();
  let calls = 0;
  const findings = new Set<string>();
  for (const tenant of tenants) {
    const held = new Map<string, { status: string; packageCode: string }>();
    let cursor: string | null = null;
    let next = performance.now();
    do {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      next = Math.max(next, performance.now()) + 1000 / RATE;
      const response = await fetch(
        `${address}/sandbox/exa/users?limit=${PLATFORM_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { 'x-exa-prefix': tenant.prefix } },
      );
      calls += 1;
      const page = (await response.json()) as {
        users: { reference: string; status: string; packageCode: string }[];
        next: string | null;
      };
      for (const user of page.users) held.set(user.reference, user);
      cursor = page.next;
    } while (cursor !== null);
    const desired = await db.sql.query<{ id: string; status: string; package_code: string }>(
      `SELECT id::text, status, package_code FROM sva_users WHERE integration_id = $1`,
      [tenant.integrationId],
    );
    for (const user of desired) {
      const actual = held.get(user.id);
      held.delete(user.id);
      if (!actual) findings.add(`missing ${user.id}`);
      else if (actual.status !== user.status) findings.add(`status ${user.id}`);
      else if (actual.packageCode !== user.package_code) findings.add(`attribute ${user.id}`);
    }
    for (const reference of held.keys()) findings.add(`extra ${reference}`);
  }
  void app;
  return { seconds: secondsSince(start), calls, findings };
}

async function main() {
  out(
    `PostgreSQL ${new URL(BENCH_SERVER_URL).host}: ${SUBSCRIPTIONS.toLocaleString('en')} SVA subscriptions on ${TENANTS} EXA tenants, ${DRIFT * 100} % drift, the partner at ${RATE} calls/s per tenant`,
  );
  let ok = true;
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 10 });
    try {
      await migrate(db.sql);
      const config = loadConfig({
        DATABASE_URL: url,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        SANDBOX: 'on',
        LOG_LEVEL: 'silent',
        RECONCILIATION_PLAN_AT: 'off',
      });
      const app = await buildApp({ config, db, overrides: { logger: false } });
      const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
      try {
        const seedStart = process.hrtime.bigint();
        const tenants: Tenant[] = [];
        for (let i = 0; i < TENANTS; i += 1)
          tenants.push(await seedTenant(app, db, address, i, Math.ceil(SUBSCRIPTIONS / TENANTS)));
        await db.sql.exec('VACUUM ANALYZE');
        out(`  seeded in ${secondsSince(seedStart).toFixed(1)} s`);
        const expected = injectDrift(app, tenants);
        // The partner's own limit: a tenant's calls past RATE a second are refused with 429.
        const load = app.sandbox!.load.get('exa')!;
        load.set({ p50Ms: 0, p99Ms: 0, ratePerSecond: RATE, burst: 2 });
        const before = JSON.stringify(app.sandbox!.exa.users().map((u) => [u.reference, u.status, u.packageCode]));

        const floor = await bare(app, db, address, tenants);
        out(
          `  bare best case : ${floor.seconds.toFixed(1)} s, ${floor.calls} calls, ${floor.findings.size} findings (${[...expected].every((f) => floor.findings.has(f)) && floor.findings.size === expected.size ? 'exact' : 'WRONG'})`,
        );
        await sleep(1_500);
        load.set({ p50Ms: 0, p99Ms: 0, ratePerSecond: RATE, burst: 2 });

        const started = await app.useCases.reconciliation.startReconciliation({ mode: 'plan' }, 'bench');
        if (!started.ok) throw new Error(started.error.message);
        const runner = makeReconciliationRunner(app.deps, `bench-${randomUUID()}`);
        const callsBefore = app.sandbox!.exa.calls;
        const start = process.hrtime.bigint();
        await runner.runOnce();
        const seconds = secondsSince(start);
        const got = await app.useCases.reconciliation.getReconciliation(started.value.id);
        const run = got.ok ? got.value : null;
        const found = new Set<string>();
        let cursor: string | undefined;
        for (;;) {
          const page = await app.deps.store.reconciliation.listFindings(
            started.value.id,
            {},
            {
              limit: 1_000,
              ...(cursor ? { after: cursor } : {}),
            },
          );
          for (const finding of page.items) found.add(`${finding.kind} ${finding.reference}`);
          if (!page.last) break;
          cursor = page.last;
        }
        const missed = [...expected].filter((f) => !found.has(f)).length;
        const invented = [...found].filter((f) => !expected.has(f)).length;
        const unchanged =
          JSON.stringify(app.sandbox!.exa.users().map((u) => [u.reference, u.status, u.packageCode])) === before;
        const { refused } = load.counted;
        const calls = app.sandbox!.exa.calls - callsBefore;
        out(
          `  Ponte plan     : ${seconds.toFixed(1)} s (ratio ${(seconds / floor.seconds).toFixed(2)} of the bare best case), ${run?.progress.platformCalls ?? 0} platform calls, ${run?.progress.compared ?? 0} targets compared, ${run?.status}`,
        );
        out(
          `  findings       : ${found.size} of ${expected.size} injected; missed ${missed}, invented ${invented}; platform ${unchanged ? 'unchanged' : 'CHANGED'}`,
        );
        out(`  partner's limit: ${calls} calls reached EXA during the plan, ${refused} answered 429`);
        out(
          `reconcile: ${SUBSCRIPTIONS} subscriptions in ${seconds.toFixed(1)} s (target < 300 s), ${run?.progress.platformCalls ?? 0} calls, missed ${missed}, invented ${invented}, 429s ${refused}`,
        );
        ok = run?.status === 'finished' && missed === 0 && invented === 0 && unchanged && refused === 0;
      } finally {
        await app.http.close();
      }
    } finally {
      await db.close();
    }
  });
  if (!ok) process.exitCode = 1;
}

void main();
