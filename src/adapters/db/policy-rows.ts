import type { ContractEventOf, MovedTarget } from '../../domain/ports/repositories';
import type { Db } from './prisma-client';

/** One cell of a target's policy table where the target changes (SVA cells also name their platform). */
interface PolicyRow<A extends string> {
  readonly event: string;
  readonly from: string;
  readonly to: string;
  readonly action: A;
  readonly platform?: string;
}

/**
 * Moves the targets of these contracts (each contract with its own event) as the policy rows say,
 * in one statement joined on the rows; returns each target moved and the call that follows it.
 * SVA users are matched on their platform too.
 */
export async function applyPolicyRows<A extends string>(
  db: Db,
  table: 'sva_users' | 'sip_lines' | 'mvno_lines',
  events: readonly ContractEventOf[],
  rows: readonly PolicyRow<A>[],
  now: Date,
): Promise<MovedTarget<A>[]> {
  if (events.length === 0) return [];
  const samePlatform = table === 'sva_users' ? ' AND t.platform = r.platform' : '';
  return db.$queryRawUnsafe<MovedTarget<A>[]>(
    `UPDATE ${table} t SET status = r.target, updated_at = $6::timestamptz
       FROM unnest($1::uuid[], $2::text[]) AS e(contract_id, event)
       JOIN unnest($3::text[], $4::text[], $5::text[], $7::text[], $8::text[]) AS r(event, source, target, action, platform) ON r.event = e.event
      WHERE t.contract_id = e.contract_id AND t.status = r.source${samePlatform}
      RETURNING t.id, t.contract_id AS "contractId", r.action`,
    events.map((e) => e.contractId),
    events.map((e) => e.event),
    rows.map((r) => r.event),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    now.toISOString(),
    rows.map((r) => r.action),
    rows.map((r) => r.platform ?? null),
  );
}
