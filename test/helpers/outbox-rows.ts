import type { Database } from '../../src/adapters/db/database';
import type { OutboxEffect } from '../../src/domain/deliveries/delivery';

/** An outbox row as stored, without its cause (the idempotency key's first part) and ids. */
export interface StoredEffect {
  readonly idempotency_key: string;
  readonly ordering_key: string;
  readonly target_id: string;
  readonly platform: string;
  readonly integration_id: string | null;
  readonly contract_id: string | null;
  readonly action: string;
  readonly payload: unknown;
}

/** The outbox rows of a target kind, oldest first, leaving out some actions. */
export async function storedEffects(
  db: Database,
  targetKind: string,
  leaveOut: readonly string[],
): Promise<StoredEffect[]> {
  const rows = await db.sql.query<StoredEffect>(
    `SELECT idempotency_key, ordering_key, target_id, platform, integration_id, contract_id, action, payload
       FROM integration_deliveries WHERE target_kind = $1 AND NOT (action = ANY($2::text[])) ORDER BY id`,
    [targetKind, [...leaveOut]],
  );
  return rows.map((row) => ({
    ...row,
    idempotency_key: row.idempotency_key.split(':').slice(1).join(':'),
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
  }));
}

/** The row the domain's effect makes, in the same shape. */
export const asStored = (effect: OutboxEffect): StoredEffect => ({
  idempotency_key: `${effect.action}:${effect.target.id}`,
  ordering_key: effect.orderingKey,
  target_id: effect.target.id,
  platform: effect.platform,
  integration_id: effect.integrationId,
  contract_id: effect.contractId,
  action: effect.action,
  payload: effect.payload,
});
