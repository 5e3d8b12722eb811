/**
 * The overdue policy at scale, on PostgreSQL: 100,000 active contracts, each with a current charge
 * and an EXA user, one in five with a SIP line and one in five with a TeleCall line; 10 % of them
 * owe an overdue charge, spread over the three stages (late payment at 5 days, block at 15, cancel
 * at 60). Measured on the same data:
 *
 * 1. equivalent raw SQL: one statement deciding every contract's stage and writing states,
 *    history, SVA users, lines and outbox rows (run in a transaction that is rolled back);
 * 2. the preview of the day (GET /v1/overdue/preview, served by the app);
 * 3. Ponte's run (POST /v1/overdue/runs).
 *
 *   npm run bench:overdue              # PostgreSQL at postgresql://postgres@127.0.0.1:5432/test
 *   BENCH_DATABASE_URL=… BENCH_CONTRACTS=100000 npm run bench:overdue
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { buildApp } from '../src/app/build-app';
import { loadConfig } from '../src/app/config';
import { BENCH_SERVER_URL } from './bench-database';
import { median, secondsSince } from './stats';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const OVERDUE_SHARE = 0.1;
const POLICY = { reportLatePaymentAfterDays: 5, blockAfterDays: 15, cancelAfterDays: 60, trustReleaseMaxDays: 3 };

/** Writes the data set with set-based statements; returns how many contracts owe at each stage. */
async function seed(db: Database, integrationId: string, productId: string) {
  await db.sql.query(
    `INSERT INTO customers (id, name, document, document_type, email, mobile_phone)
     SELECT gen_random_uuid(), 'Cliente ' || n, lpad(n::text, 14, '0'), 'cnpj', 'c' || n || '@example.com', '+5511912345678' FROM generate_series(1, $1) AS n`,
    [CONTRACTS],
  );
  await db.sql.query(
    `INSERT INTO contracts (id, customer_id, status, access_status, activated_at)
     SELECT gen_random_uuid(), id, 'active', 'active', now() FROM customers`,
  );
  await db.sql.query(`CREATE TEMP TABLE numbered AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM contracts`);
  // Every contract: a charge not yet due, an EXA user.
  await db.sql.query(
    `INSERT INTO charges (id, contract_id, amount_cents, due_date, competence, status, created_at, updated_at)
     SELECT gen_random_uuid(), id, 9990, current_date + 10, to_char(current_date, 'YYYY-MM'), 'open', now(), now() FROM numbered`,
  );
  await db.sql.query(
    `INSERT INTO sva_users (id, contract_id, integration_id, platform, product_id, package_code, document, document_type, username, email, name, mobile_phone, status)
     SELECT gen_random_uuid(), k.id, $1, 'exa', $2, 'EXA-SEG-BASICO', c.document, 'cnpj', c.email, c.email, c.name, c.mobile_phone, 'active'
     FROM contracts k JOIN customers c ON c.id = k.customer_id`,
    [integrationId, productId],
  );
  await db.sql.query(
    `INSERT INTO sip_lines (id, contract_id, extension, number, status, created_at, updated_at)
     SELECT gen_random_uuid(), id, (100000 + n)::text, '+5511' || (30000000 + n)::text, 'active', now(), now() FROM numbered WHERE n % 5 = 0`,
  );
  await db.sql.query(
    `INSERT INTO mvno_lines (id, contract_id, msisdn, iccid, plan, status, created_at, updated_at)
     SELECT gen_random_uuid(), id, '+55119' || (70000000 + n)::text, '89551' || lpad(n::text, 14, '0'), 'TELECALL-10GB', 'active', now(), now() FROM numbered WHERE n % 5 = 1`,
  );
  // The overdue tenth: one in three at each stage (7, 20 and 70 days), a second, newer overdue charge for some.
  const overdue = Math.round(CONTRACTS * OVERDUE_SHARE);
  await db.sql.query(
    `INSERT INTO charges (id, contract_id, amount_cents, due_date, competence, status, created_at, updated_at)
     SELECT gen_random_uuid(), id, 9990, current_date - (ARRAY[7, 20, 70])[n % 3 + 1], to_char(current_date - 70, 'YYYY-MM'), 'open', now(), now()
       FROM numbered WHERE n <= $1
     UNION ALL
     SELECT gen_random_uuid(), id, 4990, current_date - 3, to_char(current_date, 'YYYY-MM'), 'open', now(), now() FROM numbered WHERE n <= $1 AND n % 2 = 0`,
    [overdue],
  );
  await db.sql.query('ANALYZE');
  return overdue;
}

/** The policy's decisions and writes as one statement, with the same tables and the same outcome. */
const RAW_RUN = `
WITH oldest AS (
  SELECT DISTINCT ON (contract_id) contract_id, id AS charge_id, due_date FROM charges
   WHERE status = 'open' AND due_date < current_date ORDER BY contract_id, due_date, id),
decided AS (
  SELECT k.id, k.access_status AS before, o.charge_id, o.due_date, current_date - o.due_date AS days,
         CASE WHEN current_date - o.due_date >= $3 THEN 'cancel'
              WHEN current_date - o.due_date >= $2 AND k.access_status IN ('active', 'late_payment') THEN 'block'
              WHEN current_date - o.due_date >= $1 AND k.access_status = 'active' THEN 'report_late_payment' END AS stage
    FROM oldest o JOIN contracts k ON k.id = o.contract_id
   WHERE k.status = 'active' AND (k.trust_release_ends_on IS NULL OR k.trust_release_ends_on <= current_date)
     FOR UPDATE OF k),
moved AS (
  UPDATE contracts k SET
    status = CASE d.stage WHEN 'cancel' THEN 'inactive' ELSE 'active' END,
    access_status = CASE d.stage WHEN 'cancel' THEN 'disabled' WHEN 'block' THEN 'automatic_block' ELSE 'late_payment' END,
    blocked_at = CASE d.stage WHEN 'block' THEN now() ELSE k.blocked_at END,
    ended_at = CASE d.stage WHEN 'cancel' THEN now() ELSE k.ended_at END,
    version = k.version + 1, updated_at = now()
    FROM decided d WHERE k.id = d.id AND d.stage IS NOT NULL
  RETURNING k.id, d.stage, d.before, k.status, k.access_status, d.charge_id, d.due_date, d.days),
history AS (
  INSERT INTO contract_events (id, contract_id, type, mode, reason, actor, status_before, access_status_before, status_after, access_status_after, at)
  SELECT gen_random_uuid(), id, stage, 'automatic', 'Overdue policy, ' || stage || ' stage: charge ' || charge_id || ' due ' || due_date || ' is ' || days || ' days overdue.',
         'system:overdue-policy', 'active', before, status, access_status, now() FROM moved),
users AS (
  UPDATE sva_users u SET status = 'blocked', updated_at = now() FROM moved m WHERE u.contract_id = m.id AND u.status = 'active'
  RETURNING u.*),
sip AS (
  UPDATE sip_lines l SET status = CASE m.stage WHEN 'cancel' THEN 'cancelled' ELSE 'blocked' END, updated_at = now()
    FROM moved m WHERE l.contract_id = m.id AND m.stage IN ('block', 'cancel') AND l.status <> 'cancelled'
  RETURNING l.*),
mvno AS (
  UPDATE mvno_lines l SET status = CASE m.stage WHEN 'cancel' THEN 'cancelled' WHEN 'block' THEN 'blocked_total' ELSE 'blocked_partial' END, updated_at = now()
    FROM moved m WHERE l.contract_id = m.id AND l.status NOT IN ('cancelled', 'blocked_total')
  RETURNING l.*)
INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload)
SELECT gen_random_uuid(), 'sva:' || integration_id || ':' || username, 'raw:' || id, 'sva_user', id, platform, integration_id, contract_id, 'block_user',
       jsonb_build_object('action', 'block_user', 'user', jsonb_build_object('svaUserId', id, 'integrationId', integration_id, 'platform', platform, 'contractId', contract_id,
         'username', username, 'document', document, 'email', email, 'name', name, 'mobilePhone', mobile_phone, 'packageCode', package_code))
  FROM users
UNION ALL
SELECT gen_random_uuid(), 'sip_line:' || id, 'raw:' || id, 'sip_line', id, 'voip', NULL, contract_id, CASE status WHEN 'cancelled' THEN 'cancel_line' ELSE 'block_line' END,
       jsonb_build_object('action', CASE status WHEN 'cancelled' THEN 'cancel_line' ELSE 'block_line' END, 'line', jsonb_build_object('sipLineId', id, 'contractId', contract_id, 'extension', extension, 'number', number))
  FROM sip
UNION ALL
SELECT gen_random_uuid(), 'mvno_line:' || id, 'raw:' || id, 'mvno_line', id, 'telecall', NULL, contract_id,
       CASE status WHEN 'cancelled' THEN 'cancel_line' WHEN 'blocked_total' THEN 'block_line_total' ELSE 'block_line_partial' END,
       jsonb_build_object('action', CASE status WHEN 'cancelled' THEN 'cancel_line' WHEN 'blocked_total' THEN 'block_line_total' ELSE 'block_line_partial' END,
         'line', jsonb_build_object('mvnoLineId', id, 'contractId', contract_id, 'msisdn', msisdn, 'iccid', iccid, 'plan', plan))
  FROM mvno`;

/** The raw statement on the data as it is, in a transaction rolled back: its time and what it would have written. */
async function rawRun(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const start = process.hrtime.bigint();
    await client.query(RAW_RUN, [POLICY.reportLatePaymentAfterDays, POLICY.blockAfterDays, POLICY.cancelAfterDays]);
    const time = secondsSince(start);
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM integration_deliveries');
    await client.query('ROLLBACK');
    return { time, outbox: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

const ROUNDS = 3;

async function main() {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  const name = `ponte_bench_${randomBytes(4).toString('hex')}`;
  const urlOf = (db: string) => Object.assign(new URL(BENCH_SERVER_URL), { pathname: `/${db}` }).toString();
  const config = (url: string) =>
    loadConfig({
      DATABASE_URL: url,
      SECRETS_KEY: secretsKey,
      SANDBOX: 'on',
      LOG_LEVEL: 'silent',
      DISPATCH_IN_PROCESS: 'off',
      OVERDUE_RUN_EVERY_MINUTES: 'off',
      TIME_ZONE: 'UTC',
    });
  const secretsKey = randomBytes(32).toString('base64');
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    // The data set, written once into a template: every round starts from a fresh copy of it.
    let start = process.hrtime.bigint();
    const db = await openDatabase({ kind: 'postgresql', url: urlOf(name), poolSize: 20 });
    await migrate(db.sql);
    const app = await buildApp({ config: config(urlOf(name)), db, overrides: { logger: false } });
    const integration = await app.useCases.sva.createSvaIntegration({
      platform: 'exa',
      url: 'https://exa.example.com/api',
      prefix: 'bench-provedor',
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
    const key = await app.useCases.apiKeys.createApiKey({ name: 'bench', scopes: ['admin'] });
    if (!key.ok) throw new Error('could not mint a key');
    const authorization = `Bearer ${key.value.key}`;
    if (
      (
        await app.http.inject({
          method: 'PUT',
          url: '/v1/settings/overdue-policy',
          headers: { authorization },
          payload: POLICY,
        })
      ).statusCode !== 200
    )
      throw new Error('could not set the policy');
    const overdue = await seed(db, integration.value.id, product.value.id);
    await app.http.close();
    await db.close();
    const seeding = secondsSince(start);

    const raws: number[] = [];
    const runs: number[] = [];
    const previews: number[] = [];
    let outcome = {
      outbox: 0,
      rawOutbox: 0,
      run: { latePaymentsReported: 0, blocked: 0, cancelled: 0, rejected: 0 },
      listed: 0,
    };
    // Alternately, each on its own copy: the raw statement (rolled back), then Ponte's preview and run.
    for (let round = 0; round < ROUNDS; round += 1) {
      const copy = `${name}_${round}`;
      await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
      try {
        const raw = await rawRun(urlOf(copy));
        raws.push(raw.time);
        const roundDb = await openDatabase({ kind: 'postgresql', url: urlOf(copy), poolSize: 20 });
        const roundApp = await buildApp({ config: config(urlOf(copy)), db: roundDb, overrides: { logger: false } });
        try {
          start = process.hrtime.bigint();
          const preview = await roundApp.http.inject({
            method: 'GET',
            url: '/v1/overdue/preview',
            headers: { authorization },
          });
          previews.push(secondsSince(start));
          if (preview.statusCode !== 200) throw new Error(`the preview answered ${preview.statusCode}`);
          start = process.hrtime.bigint();
          const ran = await roundApp.http.inject({
            method: 'POST',
            url: '/v1/overdue/runs',
            headers: { authorization },
          });
          runs.push(secondsSince(start));
          if (ran.statusCode !== 201) throw new Error(`the run answered ${ran.statusCode}: ${ran.body}`);
          const [outbox] = await roundDb.sql.query<{ n: string }>('SELECT count(*) AS n FROM integration_deliveries');
          outcome = {
            outbox: Number(outbox!.n),
            rawOutbox: raw.outbox,
            run: ran.json().run,
            listed: preview.json().changes.length,
          };
        } finally {
          await roundApp.http.close();
          await roundDb.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
      }
    }

    const ms = (values: number[]) => values.map((v) => (v * 1000).toFixed(0)).join(', ');
    process.stdout.write(
      [
        `Overdue policy on ${CONTRACTS.toLocaleString('en')} contracts (${overdue.toLocaleString('en')} overdue), PostgreSQL ${new URL(BENCH_SERVER_URL).host}; seeded in ${seeding.toFixed(1)} s; ${ROUNDS} rounds, each on a fresh copy`,
        `  equivalent raw SQL    : median ${(median(raws) * 1000).toFixed(0)} ms (${ms(raws)}; ${outcome.rawOutbox} outbox rows)`,
        `  Ponte run             : median ${(median(runs) * 1000).toFixed(0)} ms (${ms(runs)}); ratio ${(median(runs) / median(raws)).toFixed(2)}×, target ≤ 2×`,
        `    late payment ${outcome.run.latePaymentsReported}, blocked ${outcome.run.blocked}, cancelled ${outcome.run.cancelled}, rejected ${outcome.run.rejected}; outbox rows ${outcome.outbox}`,
        `  preview of the day    : median ${(median(previews) * 1000).toFixed(0)} ms (${ms(previews)}; ${outcome.listed} changes listed; target ≤ 1 s)`,
        '',
      ].join('\n'),
    );
    if (outcome.run.rejected !== 0 || outcome.outbox !== outcome.rawOutbox) process.exitCode = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
