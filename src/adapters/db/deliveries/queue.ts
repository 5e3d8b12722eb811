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

/*
 * A delivery is due when it is pending, its time has come, no live lease holds it, and no older
 * unfinished delivery with the same ordering key (its target, by default) exists (a dead one holds the line until an
 * operator retries it: a block must not overtake the create it depends on).
 */
const CLAIM = `
WITH due AS (
  SELECT d.id FROM integration_deliveries d
  WHERE d.status = 'pending' AND d.next_attempt_at <= $1
    AND (d.leased_until IS NULL OR d.leased_until < $1)
    AND NOT EXISTS (
      SELECT 1 FROM integration_deliveries e
      WHERE e.ordering_key = d.ordering_key AND e.status <> 'succeeded' AND e.seq < d.seq)
  ORDER BY d.next_attempt_at, d.seq
  LIMIT $2
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE integration_deliveries d
SET lease_token = $3, leased_until = $4, attempts = d.attempts + 1
FROM due WHERE d.id = due.id
RETURNING d.id, d.target_kind, d.target_id, d.platform, d.integration_id, d.action, d.payload, d.attempts, d.attempts_before_retry`;

export function createSqlDeliveryQueue(sql: SqlConnection): DeliveryQueue {
  return {
    async claim(limit, leaseMs, now) {
      const token = randomUUID();
      const rows = await sql.query<ClaimRow>(CLAIM, [now, limit, token, new Date(now.getTime() + leaseMs)]);
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
    // The outcome and its line in the attempt history are one statement: both or neither.
    async succeed(claim, now) {
      const rows = await sql.query(
        `WITH done AS (
           UPDATE integration_deliveries
           SET status = 'succeeded', completed_at = $3, lease_token = NULL, leased_until = NULL,
               last_error_kind = NULL, last_error = NULL, last_error_at = NULL
           WHERE id = $1 AND lease_token = $2 RETURNING id, attempts)
         INSERT INTO integration_delivery_attempts (delivery_id, attempt, at, outcome)
         SELECT id, attempts, $3, 'succeeded' FROM done RETURNING delivery_id`,
        [claim.id, claim.leaseToken, now],
      );
      return rows.length === 1;
    },
    async fail(claim, failure, outcome, now) {
      const rows = await sql.query(
        `WITH failed AS (
           UPDATE integration_deliveries
           SET status = $3, next_attempt_at = COALESCE($4, next_attempt_at), completed_at = $5,
               last_error_kind = $6, last_error = $7, last_error_at = $8, lease_token = NULL, leased_until = NULL
           WHERE id = $1 AND lease_token = $2 RETURNING id, attempts)
         INSERT INTO integration_delivery_attempts (delivery_id, attempt, at, outcome, message)
         SELECT id, attempts, $8, $6, $7 FROM failed RETURNING delivery_id`,
        [
          claim.id,
          claim.leaseToken,
          outcome.status,
          outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          outcome.status === 'dead' ? now : null,
          failure.kind,
          failure.message,
          now,
        ],
      );
      return rows.length === 1;
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
