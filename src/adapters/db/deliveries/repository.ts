import { currentTraceparent } from '../../telemetry/trace-context';
import type {
  Delivery,
  DeliveryAttempt,
  DeliveryDetail,
  DeliveryStatus,
  FailureKind,
  TargetKind,
} from '../../../domain/deliveries/delivery';
import type { OutboxRepository } from '../../../domain/deliveries/ports';
import type {
  IntegrationDelivery as Row,
  IntegrationDeliveryAttempt as AttemptRow,
} from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

export const toDelivery = (
  row: Pick<
    Row,
    keyof Omit<
      Row,
      'payload' | 'seq' | 'orderingKey' | 'idempotencyKey' | 'leaseToken' | 'leasedUntil' | 'attemptsBeforeRetry'
    >
  >,
): Delivery => ({
  id: row.id,
  target: { kind: row.targetKind as TargetKind, id: row.targetId },
  platform: row.platform,
  integrationId: row.integrationId,
  contractId: row.contractId,
  action: row.action,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastError:
    row.lastErrorKind && row.lastError && row.lastErrorAt
      ? { kind: row.lastErrorKind as FailureKind, message: row.lastError, at: row.lastErrorAt }
      : null,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
});

const toAttempt = (row: AttemptRow): DeliveryAttempt => ({
  attempt: row.attempt,
  at: row.at,
  outcome: row.outcome as DeliveryAttempt['outcome'],
  message: row.message,
});

const withHistory = { attemptLog: { orderBy: { attempt: 'asc' } } } as const;
const toDetail = (row: Row & { attemptLog: AttemptRow[] }): DeliveryDetail => ({
  ...toDelivery(row),
  attemptHistory: row.attemptLog.map(toAttempt),
});

export function createPrismaOutboxRepository(db: Db): OutboxRepository {
  return {
    async backlog() {
      // The unfinished rows only, through the partial index that excludes succeeded ones.
      const rows = await db.$queryRaw<{ kind: string; pending: number; oldest: Date | null; dead: number }[]>`
        SELECT target_kind AS kind,
               count(*) FILTER (WHERE status = 'pending')::int AS pending,
               min(created_at) FILTER (WHERE status = 'pending') AS oldest,
               count(*) FILTER (WHERE status = 'dead')::int AS dead
          FROM integration_deliveries WHERE status <> 'succeeded' GROUP BY target_kind`;
      return rows.map((r) => ({ targetKind: r.kind, pending: r.pending, oldestPendingAt: r.oldest, dead: r.dead }));
    },
    async enqueue(effects, now) {
      if (effects.length === 0) return;
      const column = <T>(pick: (e: (typeof effects)[number]) => T) => effects.map(pick);
      // One statement for any number of effects; a cause repeated (a replayed request) adds nothing.
      await db.$executeRawUnsafe(
        `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at, trace_parent)
         SELECT v.*, $11::timestamptz, $11::timestamptz, $12::text
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
        // The request's trace, which the dispatcher's partner call continues (docs/operations.md, "Traces").
        currentTraceparent(),
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
          ...(filter.target?.kind
            ? { targetKind: filter.target.kind }
            : filter.exceptKinds
              ? { targetKind: { notIn: [...filter.exceptKinds] } }
              : {}),
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
export async function syncStatusesOf(
  db: Db,
  kind: TargetKind,
  ids: readonly string[],
): Promise<Map<string, 'synced' | 'pending' | 'failed'>> {
  const open =
    ids.length === 0
      ? []
      : await db.integrationDelivery.groupBy({
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
