import { randomUUID } from 'node:crypto';
import type { TargetKind } from '../../../domain/deliveries/delivery';
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
}

// Which deliveries are due, and the plan that finds them, live in ponte_claim_deliveries; writing
// outcomes and then claiming, in one round trip, in ponte_exchange_deliveries (see their migrations).
const CLAIM = `SELECT * FROM ponte_claim_deliveries($1::timestamptz, $2::integer, $3::uuid, $4::timestamptz)`;
const EXCHANGE = `SELECT * FROM ponte_exchange_deliveries($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::timestamptz, $9::integer, $10::uuid, $11::timestamptz)`;

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
});

/** The outcomes as the columns ponte_exchange_deliveries takes them. */
function outcomeColumns(outcomes: readonly AttemptOutcome[]): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], [], []];
  for (const o of outcomes) {
    const failed = o.status !== 'succeeded';
    columns[0]!.push(o.claim.id);
    columns[1]!.push(o.claim.leaseToken);
    columns[2]!.push(o.status);
    columns[3]!.push(o.status === 'pending' ? o.nextAttemptAt.toISOString() : null);
    columns[4]!.push(o.at.toISOString());
    columns[5]!.push(failed ? o.failure.kind : null);
    columns[6]!.push(failed ? o.failure.message : null);
  }
  return columns;
}

export const RELEASE = `
UPDATE integration_deliveries d
SET lease_token = NULL, leased_until = NULL, attempts = d.attempts - 1
FROM unnest($1::uuid[], $2::uuid[]) AS r(id, lease_token)
WHERE d.id = ANY ($1::uuid[]) AND d.id = r.id AND d.lease_token = r.lease_token`;

export function createSqlDeliveryQueue(sql: SqlConnection): DeliveryQueue {
  const queue: DeliveryQueue = {
    async claim(limit, leaseMs, now) {
      const token = randomUUID();
      const rows = await sql.query<ClaimRow>(
        CLAIM,
        [now.toISOString(), limit, token, new Date(now.getTime() + leaseMs).toISOString()],
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
