import type { Delivery, DeliveryAttempt, DeliveryDetail, DeliveryStatus, FailureKind, TargetKind } from '../../../domain/deliveries/delivery';
import type { OutboxRepository } from '../../../domain/ports/repositories';
import type { IntegrationDelivery as Row, IntegrationDeliveryAttempt as AttemptRow } from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

export const toDelivery = (row: Pick<Row, keyof Omit<Row, 'payload' | 'seq' | 'orderingKey' | 'idempotencyKey' | 'leaseToken' | 'leasedUntil' | 'attemptsBeforeRetry'>>): Delivery => ({
  id: row.id,
  target: { kind: row.targetKind as TargetKind, id: row.targetId },
  platform: row.platform,
  integrationId: row.integrationId,
  contractId: row.contractId,
  action: row.action,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastError: row.lastErrorKind && row.lastError && row.lastErrorAt ? { kind: row.lastErrorKind as FailureKind, message: row.lastError, at: row.lastErrorAt } : null,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
});

const toAttempt = (row: AttemptRow): DeliveryAttempt => ({ attempt: row.attempt, at: row.at, outcome: row.outcome as DeliveryAttempt['outcome'], message: row.message });

const withHistory = { attemptLog: { orderBy: { attempt: 'asc' } } } as const;
const toDetail = (row: Row & { attemptLog: AttemptRow[] }): DeliveryDetail => ({ ...toDelivery(row), attemptHistory: row.attemptLog.map(toAttempt) });

/**
 * Each target kind as a status call needs it: platform, integration, ordering key and the payload
 * besides its action — as toOutboxEffect, sipLineEffect (no password) and mvnoLineEffect build
 * them in the domain (tests keep them equal).
 */
const STATUS_CALL_TARGETS: Record<TargetKind, string> = {
  sva_user: `SELECT u.id, u.contract_id, u.platform, u.integration_id,
      CASE WHEN u.platform = 'exa' THEN 'sva:' || u.integration_id || ':' || u.username ELSE 'sva:' || u.id END AS ordering_key,
      jsonb_build_object('user', jsonb_build_object('svaUserId', u.id, 'integrationId', u.integration_id, 'platform', u.platform, 'contractId', u.contract_id,
        'username', u.username, 'document', u.document, 'email', u.email, 'name', u.name, 'mobilePhone', u.mobile_phone, 'packageCode', u.package_code)) AS body
    FROM sva_users u`,
  sip_line: `SELECT l.id, l.contract_id, 'voip' AS platform, NULL::uuid AS integration_id, 'sip_line:' || l.id AS ordering_key,
      jsonb_build_object('line', jsonb_build_object('sipLineId', l.id, 'contractId', l.contract_id, 'extension', l.extension, 'number', l.number)) AS body
    FROM sip_lines l`,
  mvno_line: `SELECT l.id, l.contract_id, 'telecall' AS platform, NULL::uuid AS integration_id, 'mvno_line:' || l.id AS ordering_key,
      jsonb_build_object('line', jsonb_build_object('mvnoLineId', l.id, 'contractId', l.contract_id, 'msisdn', l.msisdn, 'iccid', l.iccid, 'plan', l.plan)) AS body
    FROM mvno_lines l`,
};

export function createPrismaOutboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(effects, now) {
      if (effects.length === 0) return;
      const column = <T>(pick: (e: (typeof effects)[number]) => T) => effects.map(pick);
      // One statement for any number of effects; a cause repeated (a replayed request) adds nothing.
      await db.$executeRawUnsafe(
        `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at)
         SELECT v.*, $11::timestamptz, $11::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::uuid[], $9::text[], $10::text[]::jsonb[]) AS v
         ON CONFLICT (idempotency_key) DO NOTHING`,
        column((e) => e.id),
        column((e) => e.effect.orderingKey),
        column((e) => `${e.cause}:${e.effect.action}:${e.effect.target.id}`),
        column((e) => e.effect.target.kind),
        column((e) => e.effect.target.id),
        column((e) => e.effect.platform),
        column((e) => e.effect.integrationId),
        column((e) => e.effect.contractId),
        column((e) => e.effect.action),
        column((e) => JSON.stringify(e.effect.payload)),
        now.toISOString(),
      );
    },
    async enqueueStatusCalls(kind, calls, now) {
      if (calls.length === 0) return;
      await db.$executeRawUnsafe(
        `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at)
         SELECT v.id, t.ordering_key, v.cause || ':' || v.action || ':' || t.id, $6, t.id, t.platform, t.integration_id, t.contract_id, v.action,
                jsonb_build_object('action', v.action) || t.body, $5::timestamptz, $5::timestamptz
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS v(id, cause, target_id, action)
           JOIN (${STATUS_CALL_TARGETS[kind]}) t ON t.id = v.target_id
         ON CONFLICT (idempotency_key) DO NOTHING`,
        calls.map((c) => c.id),
        calls.map((c) => c.cause),
        calls.map((c) => c.targetId),
        calls.map((c) => c.action),
        now.toISOString(),
        kind,
      );
    },
    async findById(id) {
      const row = await db.integrationDelivery.findUnique({ where: { id }, include: withHistory });
      return row ? toDetail(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.integrationDelivery.findMany({
        ...args,
        where: {
          ...args.where,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.platform ? { platform: filter.platform } : {}),
          ...(filter.contractId ? { contractId: filter.contractId } : {}),
          ...(filter.target?.kind ? { targetKind: filter.target.kind } : {}),
          ...(filter.target?.id ? { targetId: filter.target.id } : {}),
        },
      });
      return toPage(rows, page, toDelivery);
    },
    async retry(id, now) {
      // The budget of tries restarts from the attempts made so far; the attempts themselves stay.
      await db.$executeRaw`UPDATE integration_deliveries
        SET status = 'pending', attempts_before_retry = attempts, next_attempt_at = ${now}, completed_at = NULL
        WHERE id = ${id}::uuid AND status IN ('pending', 'dead')`;
      const row = await db.integrationDelivery.findUnique({ where: { id }, include: withHistory });
      return row ? toDetail(row) : null;
    },
  };
}

/**
 * Where each target's effects stand: `failed` when one is dead, `pending` when some are on their
 * way, `synced` when all are done (targets without deliveries are synced).
 */
export async function syncStatusesOf(db: Db, kind: TargetKind, ids: readonly string[]): Promise<Map<string, 'synced' | 'pending' | 'failed'>> {
  const open = ids.length === 0 ? [] : await db.integrationDelivery.groupBy({
    by: ['targetId', 'status'],
    where: { targetKind: kind, targetId: { in: [...ids] }, status: { in: ['pending', 'dead'] } },
  });
  const result = new Map<string, 'synced' | 'pending' | 'failed'>(ids.map((id) => [id, 'synced']));
  for (const row of open) {
    if (row.status === 'dead') result.set(row.targetId, 'failed');
    else if (result.get(row.targetId) !== 'failed') result.set(row.targetId, 'pending');
  }
  return result;
}
