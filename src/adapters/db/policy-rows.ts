import type { TargetPolicy } from '../../domain/contracts/ports';
import type { AnyTargetCall, Part, Text } from '../../domain/deliveries/target-call';

/*
 * The SQL of a target kind's calls, generated from the domain's definition of them (TargetCall):
 * its records live in the table named for the kind (`sva_user` in `sva_users`), one column per
 * field in snake case, so the payload and ordering key a bulk event writes are the ones effectOf
 * builds for a single target.
 */

const column = (field: string) => `t.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const part = (p: Part<string>) => ('text' in p ? literal(p.text) : column(p.field));
const concat = (parts: readonly Part<string>[]) => parts.map(part).join(' || ');
const text = (t: Text<string>) =>
  'when' in t
    ? `CASE WHEN ${column(t.when.field)} = ${literal(t.when.is)} THEN ${concat(t.then)} ELSE ${concat(t.otherwise)} END`
    : concat(t);

function statusCall(call: AnyTargetCall) {
  const fields = Object.entries(call.payload.fields).map(([name, field]) => `${literal(name)}, ${column(field)}`);
  const flagged = call.state;
  const told = Object.entries(call.told.fields).map(([name, p]) => `${literal(name)}, ${part(p)}`);
  // A state kept as a status and a flag is told as the status the API shows.
  const stored = (state: string) =>
    flagged
      ? `CASE WHEN ${state} = ${literal(flagged.flagged)} THEN ${literal(flagged.status)} ELSE ${state} END`
      : state;
  return {
    table: `${call.kind}s`,
    platform: part(call.platform),
    integrationId: call.integrationId ? part(call.integrationId) : 'NULL::uuid',
    orderingKey: text(call.orderingKey),
    body: `jsonb_build_object(${literal(call.payload.name)}, jsonb_build_object(${fields.join(', ')}))`,
    // toldOf's data, from the row as moved and the cell that moved it.
    told: `jsonb_build_object(${literal(call.told.name)}, jsonb_build_object(${[...told, `'status', t.status`, `'previousStatus', ${stored('r.source')}`].join(', ')}),
             'cause', jsonb_build_object('historyId', e.cause, 'action', r.action))`,
    state: flagged && {
      read: `CASE WHEN t.status = ${literal(flagged.status)} AND ${column(flagged.flag)} THEN ${literal(flagged.flagged)} ELSE t.status END`,
      write: `status = CASE WHEN r.target = ${literal(flagged.flagged)} THEN ${literal(flagged.status)} ELSE r.target END, ${column(flagged.flag).slice(2)} = (r.target = ${literal(flagged.flagged)})`,
    },
  };
}

/**
 * What follows contract events on their targets, as CTEs of one statement over the relation
 * `events` (contract_id, event, cause): for each policy, the targets its cells move (SVA users
 * matched on their platform too; a table whose state is more than its status says how it reads it), and then one INSERT of every moved target's partner call, under
 * its contract's cause, with its payload built from the row it moved (statusCall). `told` selects
 * the event of each move (type, resource_kind, resource_id, contract_id, data), for the caller to
 * write with its own (docs/webhooks.md). `param` adds
 * a parameter and answers its placeholder; `now` is the placeholder of the time. Answers the CTEs
 * and an expression counting the targets moved.
 */
export function followPolicies(
  policies: readonly TargetPolicy[],
  events: string,
  now: string,
  param: (value: unknown) => string,
): { ctes: string[]; moved: string; told: string | null } {
  const ctes: string[] = [];
  const calls: string[] = [];
  policies.forEach((policy, n) => {
    const call = statusCall(policy.call);
    const rows = policy.rows;
    const samePlatform = rows.some((r) => r.platform !== undefined) ? ' AND t.platform = r.platform' : '';
    ctes.push(`moved_${n} AS (
       UPDATE ${call.table} t SET ${call.state?.write ?? 'status = r.target'}, updated_at = ${now}
         FROM ${events} e
         JOIN unnest(${param(rows.map((r) => r.event))}::text[], ${param(rows.map((r) => r.from))}::text[], ${param(rows.map((r) => r.to))}::text[],
                     ${param(rows.map((r) => r.action))}::text[], ${param(rows.map((r) => r.platform ?? null))}::text[]) AS r(event, source, target, action, platform) ON r.event = e.event
        WHERE t.contract_id = e.contract_id AND ${call.state?.read ?? 't.status'} = r.source${samePlatform}
        RETURNING t.id, t.contract_id, e.cause, r.action, ${call.platform} AS platform, ${call.integrationId} AS integration_id,
                  ${call.orderingKey} AS ordering_key, jsonb_build_object('action', r.action) || ${call.body} AS payload,
                  ${call.told} AS told)`);
    calls.push(
      `SELECT ${literal(policy.call.kind)} AS target_kind, ${literal(policy.call.told.type)} AS told_type, ${literal(policy.call.told.resourceKind)} AS told_kind, * FROM moved_${n}`,
    );
  });
  if (calls.length === 0) return { ctes, moved: '0', told: null };
  ctes.push(`queued AS (
       INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at)
       SELECT ponte_uuid_v7(), m.ordering_key, m.cause || ':' || m.action || ':' || m.id, m.target_kind, m.id, m.platform, m.integration_id, m.contract_id, m.action,
              m.payload, ${now}, ${now}
         FROM (${calls.join(' UNION ALL ')}) m
       ON CONFLICT (idempotency_key) DO NOTHING)`);
  return {
    ctes,
    moved: policies.map((_, n) => `(SELECT count(*) FROM moved_${n})`).join(' + '),
    told: `SELECT m.told_type AS type, m.told_kind AS resource_kind, m.id AS resource_id, m.contract_id, m.told AS data
             FROM (${calls.join(' UNION ALL ')}) m`,
  };
}
