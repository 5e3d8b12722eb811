import type { Delivery, DeliveryStatus, FailureKind } from '../../domain/delivery/delivery';
import type { OutboxRepository } from '../../domain/ports/repositories';
import type { SvaAction, SvaPlatformName } from '../../domain/sva/sva';
import { orderingKeyOf } from '../../domain/sva/sva';
import type { IntegrationDelivery as Row } from '../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from './prisma-client';

export const toDelivery = (row: Pick<Row, keyof Omit<Row, 'payload' | 'seq' | 'orderingKey' | 'idempotencyKey' | 'leaseToken' | 'leasedUntil'>>): Delivery => ({
  id: row.id,
  platform: row.platform as SvaPlatformName,
  integrationId: row.integrationId,
  contractId: row.contractId,
  svaUserId: row.svaUserId,
  action: row.action as SvaAction,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastError: row.lastErrorKind && row.lastError && row.lastErrorAt ? { kind: row.lastErrorKind as FailureKind, message: row.lastError, at: row.lastErrorAt } : null,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
});

export function createPrismaOutboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(effects, now) {
      if (effects.length === 0) return;
      await db.integrationDelivery.createMany({
        data: effects.map(({ id, cause, effect }) => ({
          id,
          orderingKey: orderingKeyOf(effect.user),
          idempotencyKey: `${cause}:${effect.action}:${effect.user.svaUserId}`,
          platform: effect.user.platform,
          integrationId: effect.user.integrationId,
          contractId: effect.user.contractId,
          svaUserId: effect.user.svaUserId,
          action: effect.action,
          payload: effect as object,
          nextAttemptAt: now,
          createdAt: now,
        })),
        skipDuplicates: true,
      });
    },
    async findById(id) {
      const row = await db.integrationDelivery.findUnique({ where: { id } });
      return row ? toDelivery(row) : null;
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
          ...(filter.svaUserId ? { svaUserId: filter.svaUserId } : {}),
        },
      });
      return toPage(rows, page, toDelivery);
    },
    async retry(id, now) {
      const updated = await db.integrationDelivery.updateManyAndReturn({
        where: { id, status: { in: ['pending', 'dead'] } },
        data: { status: 'pending', attempts: 0, nextAttemptAt: now, completedAt: null },
      });
      if (updated[0]) return toDelivery(updated[0]);
      const row = await db.integrationDelivery.findUnique({ where: { id } });
      return row ? toDelivery(row) : null;
    },
  };
}
