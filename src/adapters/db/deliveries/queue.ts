import { randomUUID } from 'node:crypto';
import type { TargetKind } from '../../../domain/deliveries/delivery';
import { FALLBACK_LIMITS, PLATFORM_LIMITS, type Limits } from '../../../domain/deliveries/limits';
import type { AttemptOutcome, ClaimedDelivery, DeliveryQueue } from '../../../domain/ports/delivery-queue';
import type { SqlConnection } from '../database';

interface ClaimRow {
  id: string;
  target_kind: TargetKind;
  target_id: string;
  platform: string;
  integration_id: string | null;
  action: string;
  payload: unknown;
  attempts: number;
  attempts_before_retry: number;
  trace_parent: string | null;
  limit_key: string;
  start_in_ms: number | string;
}

// Which deliveries are due, and the plan that finds them, live in ponte_claim_deliveries; writing
// outcomes and then claiming, in one round trip, in ponte_exchange_deliveries (see their migrations).
// Each integration's limits are applied there too (docs/operations.md, "Partner limits").
const CLAIM = `SELECT * FROM ponte_claim_deliveries($1::timestamptz, $2::integer, $3::uuid, $4::timestamptz, $5::integer, $6::text[], $7::integer[], $8::float8[], $9::float8[])`;
const EXCHANGE = `SELECT * FROM ponte_exchange_deliveries($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::boolean[], $9::float8[], $10::float8[], $11::integer[], $12::timestamptz, $13::integer, $14::uuid, $15::timestamptz, $16::integer, $17::text[], $18::integer[], $19::float8[], $20::float8[])`;

const toClaim = (row: ClaimRow, token: string): ClaimedDelivery => ({
  id: row.id,
  leaseToken: token,
  target: { kind: row.target_kind, id: row.target_id },
  platform: row.platform,
  integrationId: row.integration_id,
  action: row.action,
  payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload,
  attempts: row.attempts,
  attemptsSinceRetry: row.attempts - row.attempts_before_retry,
  traceParent: row.trace_parent,
  limitKey: row.limit_key,
  startInMs: Math.max(0, Number(row.start_in_ms)),
});

/** The outcomes as the columns ponte_exchange_deliveries takes them. */
function outcomeColumns(outcomes: readonly AttemptOutcome[]): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  for (const o of outcomes) {
    const failed = o.status !== 'succeeded';
    const throttled = failed && o.failure.throttled === true;
    const retryAfterMs = failed ? o.failure.retryAfterMs : undefined;
    columns[0]!.push(o.claim.id);
    columns[1]!.push(o.claim.leaseToken);
    columns[2]!.push(o.status);
    columns[3]!.push(o.status === 'pending' ? o.nextAttemptAt.toISOString() : null);
    columns[4]!.push(o.at.toISOString());
    columns[5]!.push(failed ? o.failure.kind : null);
    columns[6]!.push(failed ? o.failure.message : null);
    columns[7]!.push(throttled);
    // The partner's Retry-After on a throttled call pauses the whole integration until then.
    columns[8]!.push(throttled && retryAfterMs !== undefined ? retryAfterMs : null);
    columns[9]!.push(o.observedRatePerSecond ?? null);
    columns[10]!.push(o.partnerCalls ?? 0);
  }
  return columns;
}

/** Gives deliveries back unattempted, and their places on their integrations with them. */
export const RELEASE = `
WITH given AS (
  UPDATE integration_deliveries d
  SET lease_token = NULL, leased_until = NULL, attempts = d.attempts - 1
  FROM unnest($1::uuid[], $2::uuid[]) AS r(id, lease_token)
  WHERE d.id = ANY ($1::uuid[]) AND d.id = r.id AND d.lease_token = r.lease_token
  RETURNING r.lease_token, COALESCE(d.integration_id::text, d.platform) AS lk
), places AS (
  SELECT given.lease_token, given.lk, count(*)::integer AS n FROM given GROUP BY given.lease_token, given.lk
), emptied AS (
  DELETE FROM integration_leases l USING places g WHERE l.token = g.lease_token AND l.key = g.lk AND l.held <= g.n
)
UPDATE integration_leases l SET held = l.held - g.n
FROM places g WHERE l.token = g.lease_token AND l.key = g.lk AND l.held > g.n`;

export interface DeliveryQueueOptions {
  /** How far ahead a claim books start times on a rate-limited integration. */
  readonly horizonMs?: number;
  /** The platforms' default limits (an integration's overrides are in the database); '*' for any other. */
  readonly defaults?: Readonly<Record<string, Limits & { readonly callsPerDelivery?: number }>>;
}

export const DEFAULT_HORIZON_MS = 500;

/** The defaults as the claim functions take them: platforms, caps and rates, in step. */
function defaultColumns(
  defaults: Readonly<Record<string, Limits & { readonly callsPerDelivery?: number }>>,
): [string[], number[], number[], number[]] {
  const entries = Object.entries({ '*': FALLBACK_LIMITS, ...defaults });
  return [
    entries.map(([p]) => p),
    entries.map(([, l]) => l.concurrency),
    entries.map(([, l]) => l.ratePerSecond),
    entries.map(([, l]) => l.callsPerDelivery ?? 1),
  ];
}

export function createSqlDeliveryQueue(sql: SqlConnection, options: DeliveryQueueOptions = {}): DeliveryQueue {
  const horizonMs = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const limits = defaultColumns(options.defaults ?? PLATFORM_LIMITS);
  const queue: DeliveryQueue = {
    async claim(limit, leaseMs, now) {
      const token = randomUUID();
      const rows = await sql.query<ClaimRow>(
        CLAIM,
        [now.toISOString(), limit, token, new Date(now.getTime() + leaseMs).toISOString(), horizonMs, ...limits],
        { name: 'ponte_claim_deliveries' },
      );
      return rows.map((row) => toClaim(row, token));
    },
    async exchange(outcomes, claim) {
      const token = randomUUID();
      const now = claim?.now ?? new Date();
      const rows = await sql.query<ClaimRow & { recorded: string | null }>(
        EXCHANGE,
        [
          ...outcomeColumns(outcomes),
          now.toISOString(),
          claim?.limit ?? 0,
          token,
          new Date(now.getTime() + (claim?.leaseMs ?? 0)).toISOString(),
          horizonMs,
          ...limits,
        ],
        { name: 'ponte_exchange_deliveries' },
      );
      const recorded = new Set<string>();
      const claimed: ClaimedDelivery[] = [];
      for (const row of rows) {
        if (row.recorded !== null) recorded.add(row.recorded);
        else claimed.push(toClaim(row, token));
      }
      return { recorded, claimed };
    },
    async record(outcomes) {
      if (outcomes.length === 0) return new Set();
      return (await queue.exchange(outcomes, null)).recorded;
    },
    async release(claims) {
      if (claims.length === 0) return;
      await sql.query(RELEASE, [claims.map((c) => c.id), claims.map((c) => c.leaseToken)], {
        name: 'ponte_release_deliveries',
      });
    },
    async counts() {
      const rows = await sql.query<{ status: 'pending' | 'dead' | 'succeeded'; n: number | string }>(
        `SELECT status, count(*) AS n FROM integration_deliveries GROUP BY status`,
      );
      const counts = { pending: 0, dead: 0, succeeded: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
  };
  return queue;
}
