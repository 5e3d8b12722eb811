import { randomUUID } from 'node:crypto';
import type { TargetKind } from '../../../domain/deliveries/delivery';
import type { ClaimedDelivery, DeliveryQueue } from '../../../domain/ports/delivery-queue';
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
}

// Which deliveries are due, and the plan that finds them, live in ponte_claim_deliveries (see its migration).
const CLAIM = `SELECT * FROM ponte_claim_deliveries($1::timestamptz, $2::integer, $3::uuid, $4::timestamptz)`;

/*
 * Every outcome of a dispatcher's tick in one statement, each with its line in the attempt
 * history: both or neither. Only deliveries whose lease is still the one claimed are touched. The
 * ids are also given as an index condition, so that no plan, whatever the statistics say of the
 * table, reads more of it than these rows.
 */
export const RECORD = `
WITH outcome AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[])
    AS o(id, lease_token, status, next_attempt_at, at, error_kind, error)
), recorded AS (
  UPDATE integration_deliveries d
  SET status = o.status,
      next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
      completed_at = CASE WHEN o.status = 'pending' THEN NULL ELSE o.at END,
      last_error_kind = o.error_kind, last_error = o.error, last_error_at = CASE WHEN o.error_kind IS NULL THEN NULL ELSE o.at END,
      lease_token = NULL, leased_until = NULL
  FROM outcome o
  WHERE d.id = ANY ($1::uuid[]) AND d.id = o.id AND d.lease_token = o.lease_token
  RETURNING d.id, d.attempts, o.at, o.status, o.error_kind, o.error
)
INSERT INTO integration_delivery_attempts (delivery_id, attempt, at, outcome, message)
SELECT id, attempts, at, COALESCE(error_kind, status), error FROM recorded
RETURNING delivery_id`;

export const RELEASE = `
UPDATE integration_deliveries d
SET lease_token = NULL, leased_until = NULL, attempts = d.attempts - 1
FROM unnest($1::uuid[], $2::uuid[]) AS r(id, lease_token)
WHERE d.id = ANY ($1::uuid[]) AND d.id = r.id AND d.lease_token = r.lease_token`;

export function createSqlDeliveryQueue(sql: SqlConnection): DeliveryQueue {
  return {
    async claim(limit, leaseMs, now) {
      const token = randomUUID();
      const rows = await sql.query<ClaimRow>(CLAIM, [now.toISOString(), limit, token, new Date(now.getTime() + leaseMs).toISOString()], { name: 'ponte_claim_deliveries' });
      return rows.map(
        (row): ClaimedDelivery => ({
          id: row.id,
          leaseToken: token,
          target: { kind: row.target_kind, id: row.target_id },
          platform: row.platform,
          integrationId: row.integration_id,
          action: row.action,
          payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload,
          attempts: row.attempts,
          attemptsSinceRetry: row.attempts - row.attempts_before_retry,
        }),
      );
    },
    async record(outcomes) {
      if (outcomes.length === 0) return new Set();
      const column = <T>(pick: (o: (typeof outcomes)[number]) => T) => outcomes.map(pick);
      const rows = await sql.query<{ delivery_id: string }>(
        RECORD,
        [
          column((o) => o.claim.id),
          column((o) => o.claim.leaseToken),
          column((o) => o.status),
          column((o) => (o.status === 'pending' ? o.nextAttemptAt.toISOString() : null)),
          column((o) => o.at.toISOString()),
          column((o) => (o.status === 'succeeded' ? null : o.failure.kind)),
          column((o) => (o.status === 'succeeded' ? null : o.failure.message)),
        ],
        { name: 'ponte_record_deliveries' },
      );
      return new Set(rows.map((row) => row.delivery_id));
    },
    async release(claims) {
      if (claims.length === 0) return;
      await sql.query(RELEASE, [claims.map((c) => c.id), claims.map((c) => c.leaseToken)], { name: 'ponte_release_deliveries' });
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
}
