import { randomUUID } from 'node:crypto';
import type { Database, SqlSession } from '../../src/adapters/db/database';
import type { ClaimedDelivery } from '../../src/domain/ports/delivery-queue';
import { createSqlDeliveryQueue, RELEASE } from '../../src/adapters/db/deliveries/queue';
import { DATABASE_KINDS, openTestDatabase, resetTables } from '../helpers/databases';

const BACKLOG = 100_000;
const NOW = new Date('2026-11-23T12:00:00Z');

/** `count` pending deliveries due at NOW, `perKey` of them per ordering key, in seq order, on `platform`. */
async function queueDeliveries(db: Database, count: number, perKey: number, status = 'pending', platform = 'exa') {
  await db.sql.query(
    `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, action, payload, status, next_attempt_at, created_at)
     SELECT gen_random_uuid(), $6 || '-key-' || ((g - 1) / $2), 'cause-' || g || '-' || $4, 'sva_user', gen_random_uuid(), $6, 'block_user', '{}'::jsonb, $3, $1::timestamptz - interval '1 minute', $1::timestamptz
     FROM generate_series(1, $5) AS g`,
    [NOW.toISOString(), perKey, status, randomUUID(), count, platform],
  );
}

/**
 * One integration's claim as ponte_claim_integration_deliveries runs it: its own query text, with
 * the settings it declares, planned as PL/pgSQL plans it (with the values at first, generic later on).
 */
async function claimPlans(session: SqlSession): Promise<{ custom: string; generic: string }> {
  const [fn] = await session.query<{ prosrc: string; proconfig: string[] }>(
    `SELECT prosrc, proconfig FROM pg_proc WHERE proname = 'ponte_claim_integration_deliveries'`,
  );
  for (const setting of fn!.proconfig) {
    const [name, value] = setting.split('=');
    await session.query(`SELECT set_config($1, $2, true)`, [name, value]);
  }
  const query = /RETURN QUERY([\s\S]*?);\s*END/
    .exec(fn!.prosrc)![1]!
    .replaceAll('p_now', '$1::timestamptz')
    .replaceAll('p_limit', '$2::integer')
    .replaceAll('p_token', '$3::uuid')
    .replaceAll('p_leased_until', '$4::timestamptz')
    .replaceAll('p_key', '$5::text');
  await session.query(`PREPARE claim_plan AS ${query}`);
  const args = `'${NOW.toISOString()}', 32, '${randomUUID()}', '${new Date(NOW.getTime() + 60_000).toISOString()}', 'exa'`;
  const plan = async () =>
    (await session.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE claim_plan(${args})`))
      .map((row) => row['QUERY PLAN'])
      .join('\n');
  await session.query(`SELECT set_config('plan_cache_mode', 'force_custom_plan', true)`);
  const custom = await plan();
  await session.query(`SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`);
  const generic = await plan();
  await session.query('DEALLOCATE claim_plan');
  return { custom, generic };
}

/** The statement ponte_exchange_deliveries writes outcomes with, its arguments as parameters $1 to $11. */
async function recordStatement(session: SqlSession): Promise<string> {
  const [fn] = await session.query<{ prosrc: string }>(
    `SELECT prosrc FROM pg_proc WHERE proname = 'ponte_exchange_deliveries'`,
  );
  return /RETURN QUERY([\s\S]*?);\s*END IF/
    .exec(fn!.prosrc)![1]!
    .replaceAll('p_ids', '$1::uuid[]')
    .replaceAll('p_lease_tokens', '$2::uuid[]')
    .replaceAll('p_statuses', '$3::text[]')
    .replaceAll('p_next_attempts', '$4::timestamptz[]')
    .replaceAll('p_ats', '$5::timestamptz[]')
    .replaceAll('p_error_kinds', '$6::text[]')
    .replaceAll('p_errors', '$7::text[]')
    .replaceAll('p_throttled', '$8::boolean[]')
    .replaceAll('p_retry_after_ms', '$9::float8[]')
    .replaceAll('p_observed_rates', '$10::float8[]')
    .replaceAll('p_calls', '$11::integer[]')
    .replaceAll('v_clock', 'clock_timestamp()');
}

/** A statement's plans with these values, custom and generic, as a prepared statement gets them. */
async function statementPlans(session: SqlSession, sql: string, values: string): Promise<string[]> {
  await session.query(`PREPARE statement_plan AS ${sql}`);
  const plans: string[] = [];
  for (const mode of ['force_custom_plan', 'force_generic_plan']) {
    await session.query(`SELECT set_config('plan_cache_mode', $1, true)`, [mode]);
    plans.push(
      (await session.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE statement_plan(${values})`))
        .map((row) => row['QUERY PLAN'])
        .join('\n'),
    );
  }
  await session.query('DEALLOCATE statement_plan');
  return plans;
}

const sqlArray = (values: readonly (string | null)[], type: string) =>
  `ARRAY[${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')}]::${type}[]`;

describe.each(DATABASE_KINDS)('claiming deliveries [%s]', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetTables(db);
  });

  test(`when ${BACKLOG.toLocaleString('en')} deliveries are pending and the statistics say the table is empty, then the claim walks the open index in order, sorts nothing and leases by primary key`, async () => {
    // Statistics from when the table was empty, and the server must not refresh them behind the test's back.
    if (kind === 'postgresql') await db.sql.exec('ALTER TABLE integration_deliveries SET (autovacuum_enabled = false)');
    await db.sql.exec('ANALYZE integration_deliveries');
    await queueDeliveries(db, BACKLOG, 2);
    const plans = await db.sql.transaction((session) => claimPlans(session));
    for (const plan of [plans.custom, plans.generic]) {
      expect(plan).toMatch(/Index Scan using integration_deliveries_limit_idx on integration_deliveries/);
      expect(plan).toMatch(
        /Index Scan using integration_deliveries_pkey on integration_deliveries d\s[\s\S]*Index Cond: \(id = ANY/,
      );
      expect(plan).not.toMatch(/Seq Scan|Bitmap|Sort|Join Filter|Hash/);
    }
    const claims = await createSqlDeliveryQueue(db.sql, {
      defaults: { exa: { concurrency: 1_000, ratePerSecond: 100_000 } },
    }).claim(32, 60_000, NOW);
    expect(claims).toHaveLength(32);

    // Writing their outcomes, or giving them back, reads these rows by primary key and nothing else.
    const ids = sqlArray(
      claims.map((c) => c.id),
      'uuid',
    );
    const tokens = sqlArray(
      claims.map((c) => c.leaseToken),
      'uuid',
    );
    const at = sqlArray(
      claims.map(() => NOW.toISOString()),
      'timestamptz',
    );
    const written = await db.sql.transaction(async (session) => [
      ...(await statementPlans(
        session,
        await recordStatement(session),
        `${ids}, ${tokens}, ${sqlArray(
          claims.map(() => 'succeeded'),
          'text',
        )}, ${sqlArray(
          claims.map(() => null),
          'timestamptz',
        )}, ${at}, ${sqlArray(
          claims.map(() => null),
          'text',
        )}, ${sqlArray(
          claims.map(() => null),
          'text',
        )}, ${sqlArray(
          claims.map(() => 'false'),
          'boolean',
        )}, ${sqlArray(
          claims.map(() => null),
          'float8',
        )}, ${sqlArray(
          claims.map(() => null),
          'float8',
        )}, ${sqlArray(
          claims.map(() => '1'),
          'integer',
        )}`,
      )),
      ...(await statementPlans(session, RELEASE, `${ids}, ${tokens}`)),
    ]);
    for (const plan of written) {
      expect(plan).toMatch(/Index Scan (using|on) integration_deliveries_pkey[\s\S]*?Index Cond: \(id = ANY/);
      expect(plan).not.toMatch(/Seq Scan on integration_deliveries|Join Filter/);
    }
  }, 60_000);

  test('when a target has several deliveries, then only its oldest unfinished one is claimed, and the next once the first is recorded', async () => {
    await queueDeliveries(db, 6, 2);
    const queue = createSqlDeliveryQueue(db.sql);
    const first = await queue.claim(10, 60_000, NOW);
    expect(new Set(first.map((c) => c.id)).size).toBe(3);
    const keys = await db.sql.query<{ id: string; ordering_key: string; seq: string }>(
      `SELECT id, ordering_key, seq FROM integration_deliveries ORDER BY seq`,
    );
    expect(first.map((c) => c.id).sort()).toEqual(
      keys
        .filter((_, i) => i % 2 === 0)
        .map((k) => k.id)
        .sort(),
    );
    expect(await queue.claim(10, 60_000, NOW)).toEqual([]);

    const recorded = await queue.record([
      { claim: first[0]!, at: NOW, status: 'succeeded' },
      {
        claim: first[1]!,
        at: NOW,
        status: 'pending',
        nextAttemptAt: new Date(NOW.getTime() + 60_000),
        failure: { kind: 'retryable', message: 'HTTP 503' },
      },
      { claim: first[2]!, at: NOW, status: 'dead', failure: { kind: 'rejected', message: 'HTTP 422' } },
      { claim: { ...first[2]!, leaseToken: randomUUID() }, at: NOW, status: 'succeeded' },
    ]);
    expect([...recorded].sort()).toEqual(first.map((c) => c.id).sort());
    // The succeeded one lets its follower through; the one waiting to retry and the dead one hold theirs.
    const next = await queue.claim(10, 60_000, NOW);
    const follower = keys.find(
      (k) => k.ordering_key === keys.find((f) => f.id === first[0]!.id)!.ordering_key && k.id !== first[0]!.id,
    )!;
    expect(next.map((c) => c.id)).toEqual([follower.id]);

    const rows = await db.sql.query<{
      id: string;
      status: string;
      last_error_kind: string | null;
      lease_token: string | null;
      completed_at: Date | null;
    }>(
      `SELECT id, status, last_error_kind, lease_token, completed_at FROM integration_deliveries WHERE id = ANY($1::uuid[])`,
      [first.map((c) => c.id)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first[0]!.id)).toMatchObject({ status: 'succeeded', last_error_kind: null, lease_token: null });
    expect(byId.get(first[1]!.id)).toMatchObject({
      status: 'pending',
      last_error_kind: 'retryable',
      lease_token: null,
      completed_at: null,
    });
    expect(byId.get(first[2]!.id)).toMatchObject({ status: 'dead', last_error_kind: 'rejected', lease_token: null });
    const attempts = await db.sql.query<{ delivery_id: string; outcome: string }>(
      `SELECT delivery_id, outcome FROM integration_delivery_attempts ORDER BY outcome`,
    );
    expect(attempts.map((a) => [a.delivery_id, a.outcome]).sort()).toEqual(
      [
        [first[0]!.id, 'succeeded'],
        [first[1]!.id, 'retryable'],
        [first[2]!.id, 'rejected'],
      ].sort(),
    );
  });

  test('when outcomes and a claim go in one round trip, then the claim sees the outcomes: the follower of a delivery that succeeded is claimed with it, and a lost lease records nothing', async () => {
    await queueDeliveries(db, 4, 2);
    const queue = createSqlDeliveryQueue(db.sql);
    const first = await queue.claim(10, 60_000, NOW);
    expect(first).toHaveLength(2);
    const keys = await db.sql.query<{ id: string; ordering_key: string }>(
      `SELECT id, ordering_key FROM integration_deliveries ORDER BY seq`,
    );
    const followerOf = (id: string) =>
      keys.find((k) => k.ordering_key === keys.find((f) => f.id === id)!.ordering_key && k.id !== id)!.id;

    const { recorded, claimed } = await queue.exchange(
      [
        { claim: first[0]!, at: NOW, status: 'succeeded' },
        { claim: { ...first[1]!, leaseToken: randomUUID() }, at: NOW, status: 'succeeded' },
      ],
      { limit: 10, leaseMs: 60_000, now: NOW },
    );
    expect([...recorded]).toEqual([first[0]!.id]);
    expect(claimed.map((c) => c.id)).toEqual([followerOf(first[0]!.id)]);
    expect(claimed[0]).toMatchObject({
      target: { kind: 'sva_user' },
      platform: 'exa',
      action: 'block_user',
      payload: {},
      attempts: 1,
    });
    const attempts = await db.sql.query<{ delivery_id: string }>(
      `SELECT delivery_id FROM integration_delivery_attempts`,
    );
    expect(attempts.map((a) => a.delivery_id)).toEqual([first[0]!.id]);

    // Outcomes alone claim nothing; a claim alone records nothing.
    expect(await queue.exchange([{ claim: claimed[0]!, at: NOW, status: 'succeeded' }], null)).toEqual({
      recorded: new Set([claimed[0]!.id]),
      claimed: [],
    });
    expect((await queue.exchange([], { limit: 10, leaseMs: 60_000, now: NOW })).recorded.size).toBe(0);
  });

  test('when claims are given back, then they are due again at once with their attempt uncounted, and a stale lease gives nothing back', async () => {
    await queueDeliveries(db, 2, 1);
    const queue = createSqlDeliveryQueue(db.sql);
    const claims = await queue.claim(10, 60_000, NOW);
    await queue.release([claims[0]!, { ...claims[1]!, leaseToken: randomUUID() }]);
    const again = await queue.claim(10, 60_000, NOW);
    expect(again.map((c) => [c.id, c.attempts])).toEqual([[claims[0]!.id, 1]]);
  });

  test('when the database makes ids for the rows it writes, then they are UUID version 7 carrying the time they were made, as the ids Ponte makes', async () => {
    const before = Date.now();
    const rows = await db.sql.query<{ id: string }>('SELECT ponte_uuid_v7()::text AS id FROM generate_series(1, 50)');
    const after = Date.now();
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
    for (const { id } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(millis).toBeGreaterThanOrEqual(before - 5);
      expect(millis).toBeLessThanOrEqual(after + 5);
    }
  });

  describe("each integration's limits", () => {
    const LEASE = 60_000;
    const limitsOf = async (key: string) =>
      (
        await db.sql.query<{
          paused_until: Date | null;
          pause_reason: string | null;
          throttled_rate: number | null;
          concurrency_in_force: number | null;
        }>(`SELECT * FROM integration_limits WHERE key = $1`, [key])
      )[0];
    const throttled = (claim: ClaimedDelivery, retryAfterMs?: number, observedRatePerSecond?: number) =>
      ({
        claim,
        at: NOW,
        status: 'pending',
        nextAttemptAt: NOW,
        failure: {
          kind: 'retryable',
          message: 'The platform answered 429: slow down.',
          throttled: true,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
        ...(observedRatePerSecond !== undefined ? { observedRatePerSecond } : {}),
      }) as const;

    test('when two processes claim on one integration, then together they hold no more than its concurrency, and each outcome frees a place', async () => {
      await queueDeliveries(db, 20, 1);
      const defaults = { exa: { concurrency: 5, ratePerSecond: 100_000 } };
      const one = createSqlDeliveryQueue(db.sql, { defaults });
      const two = createSqlDeliveryQueue(db.sql, { defaults });
      const first = await one.claim(4, LEASE, NOW);
      const second = await two.claim(4, LEASE, NOW);
      expect([first.length, second.length]).toEqual([4, 1]);
      expect(await two.claim(4, LEASE, NOW)).toEqual([]);
      await one.record([{ claim: first[0]!, at: NOW, status: 'succeeded' }]);
      await two.release([second[0]!]);
      expect(await two.claim(4, LEASE, NOW)).toHaveLength(2);
      // A lease that ran out no longer holds its place.
      const later = new Date(NOW.getTime() + LEASE + 1);
      expect(await two.claim(10, LEASE, later)).toHaveLength(5);
    });

    test('when an integration has a rate, then each claim gets start times one 1/rate apart, following on from the last claim, booked no further than the horizon', async () => {
      await queueDeliveries(db, 40, 1);
      const queue = createSqlDeliveryQueue(db.sql, {
        defaults: { exa: { concurrency: 100, ratePerSecond: 20 } },
        horizonMs: 400,
      });
      const first = await queue.claim(40, LEASE, NOW);
      // 0, 50, …, 400 ms: nine slots within 400 ms.
      expect(first).toHaveLength(9);
      const starts = first.map((c) => c.startInMs).sort((a, b) => a - b);
      starts.slice(1).forEach((start, i) => expect(start - starts[i]!).toBeCloseTo(50, 0));
      expect(starts[0]).toBeLessThan(5);
      const second = await queue.claim(40, LEASE, NOW);
      expect(second.length).toBeLessThanOrEqual(1);
      for (const claim of second) expect(claim.startInMs).toBeGreaterThan(starts.at(-1)! + 40);
    });

    test('when the integrations with work have limits, then a claim shares itself among them, and one at its cap does not hold back the other', async () => {
      await queueDeliveries(db, 30, 1, 'pending', 'exa');
      await queueDeliveries(db, 30, 1, 'pending', 'saber_plus');
      const queue = createSqlDeliveryQueue(db.sql, {
        defaults: {
          exa: { concurrency: 3, ratePerSecond: 100_000 },
          saber_plus: { concurrency: 50, ratePerSecond: 100_000 },
        },
      });
      const claimed = await queue.claim(20, LEASE, NOW);
      const byKey = (claims: readonly ClaimedDelivery[], key: string) =>
        claims.filter((c) => c.limitKey === key).length;
      expect(byKey(claimed, 'exa')).toBe(3);
      expect(byKey(claimed, 'saber_plus')).toBeGreaterThanOrEqual(10);
      const more = await queue.claim(20, LEASE, NOW);
      expect(byKey(more, 'exa')).toBe(0);
      expect(byKey(more, 'saber_plus')).toBeGreaterThan(0);
    });

    test('when the partner answers 429 with Retry-After, then the integration is paused for every process until then, others go on, and the attempt does not count against the budget', async () => {
      await queueDeliveries(db, 10, 1, 'pending', 'exa');
      await queueDeliveries(db, 10, 1, 'pending', 'saber_plus');
      const queue = createSqlDeliveryQueue(db.sql);
      const claims = await queue.claim(4, LEASE, NOW);
      const exa =
        claims.find((c) => c.limitKey === 'exa') ??
        (await queue.claim(20, LEASE, NOW)).find((c) => c.limitKey === 'exa')!;
      await queue.record([throttled(exa, 700)]);
      const paused = await limitsOf('exa');
      expect(paused!.pause_reason).toBe('The platform answered 429: slow down.');
      expect(paused!.paused_until!.getTime()).toBeGreaterThan(Date.now() + 300);
      const meanwhile = await createSqlDeliveryQueue(db.sql).claim(20, LEASE, NOW);
      expect(meanwhile.filter((c) => c.limitKey === 'exa')).toEqual([]);
      expect(meanwhile.filter((c) => c.limitKey === 'saber_plus').length).toBeGreaterThan(0);
      const [row] = await db.sql.query<{ attempts: number; attempts_before_retry: number }>(
        `SELECT attempts, attempts_before_retry FROM integration_deliveries WHERE id = $1`,
        [exa.id],
      );
      expect(row).toEqual({ attempts: 1, attempts_before_retry: 1 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await queue.claim(20, LEASE, NOW)).filter((c) => c.limitKey === 'exa').length).toBeGreaterThan(0);
    });

    test('when deliveries of an integration take two partner calls each, then it learns so and spaces its start times for two calls', async () => {
      await queueDeliveries(db, 60, 1);
      const queue = createSqlDeliveryQueue(db.sql, { defaults: { exa: { concurrency: 100, ratePerSecond: 20 } } });
      const claims = await queue.claim(60, LEASE, NOW);
      await queue.record(claims.map((claim) => ({ claim, at: NOW, status: 'succeeded' as const, partnerCalls: 2 })));
      const [row] = await db.sql.query<{ calls_per_delivery: number }>(
        `SELECT calls_per_delivery FROM integration_limits WHERE key = 'exa'`,
      );
      expect(row!.calls_per_delivery).toBeGreaterThan(1.4);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const next = (await queue.claim(60, LEASE, NOW)).map((c) => c.startInMs).sort((a, b) => a - b);
      expect(next.length).toBeGreaterThan(1);
      expect(next[1]! - next[0]!).toBeGreaterThan(50 * 1.4);
    });

    test('when the partner answers 429 without Retry-After, then the rate halves from the lower of the configured and the observed one, once a second at most, and grows back as calls succeed', async () => {
      await queueDeliveries(db, 60, 1);
      const queue = createSqlDeliveryQueue(db.sql, {
        defaults: { exa: { concurrency: 100, ratePerSecond: 40 } },
        horizonMs: 2_000,
      });
      const claims = [...(await queue.claim(60, LEASE, NOW))];
      await queue.record([throttled(claims.shift()!, undefined, 30)]);
      expect((await limitsOf('exa'))!.throttled_rate).toBe(15);
      await queue.record([throttled(claims.shift()!, undefined, 30)]);
      expect((await limitsOf('exa'))!.throttled_rate).toBe(15);
      // Each success adds max(1, 40/20)/rate: 15 successes, two calls per second more.
      await queue.record(claims.splice(0, 15).map((claim) => ({ claim, at: NOW, status: 'succeeded' as const })));
      expect((await limitsOf('exa'))!.throttled_rate).toBeCloseTo(17, 5);
      await queue.record(claims.splice(0, 40).map((claim) => ({ claim, at: NOW, status: 'succeeded' as const })));
      expect((await limitsOf('exa'))!.throttled_rate).toBeCloseTo(17 + 40 * (2 / 17), 5);
    });
  });
});
