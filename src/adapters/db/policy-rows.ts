import type { TargetKind } from '../../domain/deliveries/delivery';
import type { ContractEventOf } from '../../domain/ports/repositories';
import type { Db } from './prisma-client';

type Table = 'sva_users' | 'sip_lines' | 'mvno_lines';

/**
 * Each table's targets as their status calls need them, as expressions over the moved row `t`:
 * the target kind, the platform, the integration, the ordering key and the payload besides its
 * action — as toOutboxEffect, sipLineEffect (no password) and mvnoLineEffect build them in the
 * domain (tests keep them equal).
 */
const STATUS_CALLS: Record<Table, { readonly kind: TargetKind; readonly platform: string; readonly integrationId: string; readonly orderingKey: string; readonly body: string }> = {
  sva_users: {
    kind: 'sva_user',
    platform: 't.platform',
    integrationId: 't.integration_id',
    orderingKey: `CASE WHEN t.platform = 'exa' THEN 'sva:' || t.integration_id || ':' || t.username ELSE 'sva:' || t.id END`,
    body: `jsonb_build_object('user', jsonb_build_object('svaUserId', t.id, 'integrationId', t.integration_id, 'platform', t.platform, 'contractId', t.contract_id,
      'username', t.username, 'document', t.document, 'email', t.email, 'name', t.name, 'mobilePhone', t.mobile_phone, 'packageCode', t.package_code))`,
  },
  sip_lines: {
    kind: 'sip_line',
    platform: `'voip'`,
    integrationId: 'NULL::uuid',
    orderingKey: `'sip_line:' || t.id`,
    body: `jsonb_build_object('line', jsonb_build_object('sipLineId', t.id, 'contractId', t.contract_id, 'extension', t.extension, 'number', t.number))`,
  },
  mvno_lines: {
    kind: 'mvno_line',
    platform: `'telecall'`,
    integrationId: 'NULL::uuid',
    orderingKey: `'mvno_line:' || t.id`,
    body: `jsonb_build_object('line', jsonb_build_object('mvnoLineId', t.id, 'contractId', t.contract_id, 'msisdn', t.msisdn, 'iccid', t.iccid, 'plan', t.plan))`,
  },
};

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
 * and queues the partner call that follows each target moved, under its contract's cause, with its
 * payload built from the row it moved (STATUS_CALLS): one statement, nothing sent back and forth.
 * SVA users are matched on their platform too. Answers how many targets moved.
 */
export async function applyPolicyRows<A extends string>(
  db: Db,
  table: Table,
  events: readonly ContractEventOf[],
  rows: readonly PolicyRow<A>[],
  now: Date,
): Promise<number> {
  if (events.length === 0) return 0;
  const samePlatform = table === 'sva_users' ? ' AND t.platform = r.platform' : '';
  const call = STATUS_CALLS[table];
  const [result] = await db.$queryRawUnsafe<{ moved: number | bigint }[]>(
    `WITH moved AS (
       UPDATE ${table} t SET status = r.target, updated_at = $6::timestamptz
         FROM unnest($1::uuid[], $2::text[], $9::text[]) AS e(contract_id, event, cause)
         JOIN unnest($3::text[], $4::text[], $5::text[], $7::text[], $8::text[]) AS r(event, source, target, action, platform) ON r.event = e.event
        WHERE t.contract_id = e.contract_id AND t.status = r.source${samePlatform}
        RETURNING t.id, t.contract_id, e.cause, r.action, ${call.platform} AS platform, ${call.integrationId} AS integration_id,
                  ${call.orderingKey} AS ordering_key, jsonb_build_object('action', r.action) || ${call.body} AS payload),
     queued AS (
       INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at)
       SELECT ponte_uuid_v7(), m.ordering_key, m.cause || ':' || m.action || ':' || m.id, $10, m.id, m.platform, m.integration_id, m.contract_id, m.action,
              m.payload, $6::timestamptz, $6::timestamptz
         FROM moved m
       ON CONFLICT (idempotency_key) DO NOTHING)
     SELECT count(*)::integer AS moved FROM moved`,
    events.map((e) => e.contractId),
    events.map((e) => e.event),
    rows.map((r) => r.event),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    now.toISOString(),
    rows.map((r) => r.action),
    rows.map((r) => r.platform ?? null),
    events.map((e) => e.cause),
    call.kind,
  );
  return Number(result?.moved ?? 0);
}
