import type { ContractEventOf, MovedTarget } from '../../domain/ports/repositories';
import type { LinePolicyRow } from '../../domain/voip/sip-line';
import type { Db } from './prisma-client';

/**
 * Moves the lines of these contracts (each with its own event) as the policy rows say, in one
 * statement joined on the rows; returns each line moved and the call that follows it.
 */
export async function applyLinePolicy<S extends string, A extends string>(
  db: Db,
  table: 'sip_lines' | 'mvno_lines',
  events: readonly ContractEventOf[],
  rows: readonly LinePolicyRow<S, A>[],
  now: Date,
): Promise<MovedTarget<A>[]> {
  if (events.length === 0) return [];
  return db.$queryRawUnsafe<MovedTarget<A>[]>(
    `UPDATE ${table} l SET status = r.target, updated_at = $6::timestamptz
       FROM unnest($1::uuid[], $2::text[]) AS e(contract_id, event)
       JOIN unnest($3::text[], $4::text[], $5::text[], $7::text[]) AS r(event, source, target, action) ON r.event = e.event
      WHERE l.contract_id = e.contract_id AND l.status = r.source
      RETURNING l.id, l.contract_id AS "contractId", r.action`,
    events.map((e) => e.contractId),
    events.map((e) => e.event),
    rows.map((r) => r.event),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    now.toISOString(),
    rows.map((r) => r.action),
  );
}
