import type { TargetPolicy } from '../../domain/contracts/ports';

type Table = 'sva_users' | 'sip_lines' | 'mvno_lines';

/**
 * Each target kind's table and its targets as their status calls need them, as expressions over
 * the moved row `t`: the platform, the integration, the ordering key and the payload besides its
 * action — as toOutboxEffect, sipLineEffect (no password) and mvnoLineEffect build them in the
 * domain (tests keep them equal).
 */
const STATUS_CALLS: Record<
  TargetPolicy['kind'],
  {
    readonly table: Table;
    readonly platform: string;
    readonly integrationId: string;
    readonly orderingKey: string;
    readonly body: string;
    readonly state?: { readonly read: string; readonly write: string };
  }
> = {
  sva_user: {
    table: 'sva_users',
    platform: 't.platform',
    integrationId: 't.integration_id',
    orderingKey: `CASE WHEN t.platform = 'exa' THEN 'sva:' || t.integration_id || ':' || t.username ELSE 'sva:' || t.id END`,
    body: `jsonb_build_object('user', jsonb_build_object('svaUserId', t.id, 'integrationId', t.integration_id, 'platform', t.platform, 'contractId', t.contract_id,
      'username', t.username, 'document', t.document, 'email', t.email, 'name', t.name, 'mobilePhone', t.mobile_phone, 'packageCode', t.package_code))`,
  },
  sip_line: {
    table: 'sip_lines',
    platform: `'voip'`,
    integrationId: 'NULL::uuid',
    orderingKey: `'sip_line:' || t.id`,
    // The state the policy reads and writes (sipLineStateOf, sipLineFieldsOf): a block says who made it.
    state: {
      read: `CASE WHEN t.status = 'blocked' AND t.blocked_with_contract THEN 'blocked_with_contract' ELSE t.status END`,
      write: `status = CASE WHEN r.target = 'blocked_with_contract' THEN 'blocked' ELSE r.target END, blocked_with_contract = (r.target = 'blocked_with_contract')`,
    },
    body: `jsonb_build_object('line', jsonb_build_object('sipLineId', t.id, 'contractId', t.contract_id, 'extension', t.extension, 'number', t.number))`,
  },
  mvno_line: {
    table: 'mvno_lines',
    platform: `'telecall'`,
    integrationId: 'NULL::uuid',
    orderingKey: `'mvno_line:' || t.id`,
    body: `jsonb_build_object('line', jsonb_build_object('mvnoLineId', t.id, 'contractId', t.contract_id, 'msisdn', t.msisdn, 'iccid', t.iccid, 'plan', t.plan))`,
  },
};

/**
 * What follows contract events on their targets, as CTEs of one statement over the relation
 * `events` (contract_id, event, cause): for each policy, the targets its cells move (SVA users
 * matched on their platform too; a table whose state is more than its status says how it reads it), and then one INSERT of every moved target's partner call, under
 * its contract's cause, with its payload built from the row it moved (STATUS_CALLS). `param` adds
 * a parameter and answers its placeholder; `now` is the placeholder of the time. Answers the CTEs
 * and an expression counting the targets moved.
 */
export function followPolicies(
  policies: readonly TargetPolicy[],
  events: string,
  now: string,
  param: (value: unknown) => string,
): { ctes: string[]; moved: string } {
  const ctes: string[] = [];
  const calls: string[] = [];
  policies.forEach((policy, n) => {
    const call = STATUS_CALLS[policy.kind];
    const rows: readonly { event: string; from: string; to: string; action: string; platform?: string }[] = policy.rows;
    const samePlatform = policy.kind === 'sva_user' ? ' AND t.platform = r.platform' : '';
    ctes.push(`moved_${n} AS (
       UPDATE ${call.table} t SET ${call.state?.write ?? 'status = r.target'}, updated_at = ${now}
         FROM ${events} e
         JOIN unnest(${param(rows.map((r) => r.event))}::text[], ${param(rows.map((r) => r.from))}::text[], ${param(rows.map((r) => r.to))}::text[],
                     ${param(rows.map((r) => r.action))}::text[], ${param(rows.map((r) => r.platform ?? null))}::text[]) AS r(event, source, target, action, platform) ON r.event = e.event
        WHERE t.contract_id = e.contract_id AND ${call.state?.read ?? 't.status'} = r.source${samePlatform}
        RETURNING t.id, t.contract_id, e.cause, r.action, ${call.platform} AS platform, ${call.integrationId} AS integration_id,
                  ${call.orderingKey} AS ordering_key, jsonb_build_object('action', r.action) || ${call.body} AS payload)`);
    calls.push(`SELECT '${policy.kind}' AS target_kind, * FROM moved_${n}`);
  });
  if (calls.length === 0) return { ctes, moved: '0' };
  ctes.push(`queued AS (
       INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at)
       SELECT ponte_uuid_v7(), m.ordering_key, m.cause || ':' || m.action || ':' || m.id, m.target_kind, m.id, m.platform, m.integration_id, m.contract_id, m.action,
              m.payload, ${now}, ${now}
         FROM (${calls.join(' UNION ALL ')}) m
       ON CONFLICT (idempotency_key) DO NOTHING)`);
  return { ctes, moved: policies.map((_, n) => `(SELECT count(*) FROM moved_${n})`).join(' + ') };
}
