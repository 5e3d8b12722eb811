import type { ChargeRepository } from '../../../domain/receivables/ports';
import type { Charge, ChargeStatus } from '../../../domain/receivables/charge';
import type { Charge as ChargeRow } from '../../../generated/prisma/client';
import { dateColumn, type Db, isoDate, keysetArgs, toPage } from '../prisma-client';

const toCharge = (row: ChargeRow): Charge => ({
  ...row,
  dueDate: isoDate(row.dueDate)!,
  status: row.status as ChargeStatus,
});

export function createPrismaChargeRepository(db: Db): ChargeRepository {
  return {
    async create(charge) {
      return toCharge(await db.charge.create({ data: { ...charge, dueDate: dateColumn(charge.dueDate) } }));
    },
    async findById(id) {
      const row = await db.charge.findUnique({ where: { id } });
      return row ? toCharge(row) : null;
    },
    async lockById(id) {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM charges WHERE id = ${id}::uuid FOR UPDATE`;
      return locked.length === 0 ? null : this.findById(id);
    },
    async listByContract(contractId, filter, page) {
      const args = keysetArgs(page);
      return toPage(
        await db.charge.findMany({ ...args, where: { ...args.where, contractId, ...filter } }),
        page,
        toCharge,
      );
    },
    async listPayments(chargeId) {
      return db.chargePayment.findMany({ where: { chargeId }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
    },
    async addPayment(payment, charge, now) {
      await db.chargePayment.create({ data: payment });
      return toCharge(await db.charge.update({ where: { id: payment.chargeId }, data: { ...charge, updatedAt: now } }));
    },
    async cancel(id, now) {
      return toCharge(
        await db.charge.update({ where: { id }, data: { status: 'cancelled', cancelledAt: now, updatedAt: now } }),
      );
    },
    async oldestOverdue(contractId, today) {
      const [row] = await db.$queryRaw<{ chargeId: string; dueDate: string }[]>`
        SELECT id AS "chargeId", due_date::text AS "dueDate" FROM charges
         WHERE contract_id = ${contractId}::uuid AND status = 'open' AND due_date < ${today}::date
         ORDER BY due_date, id LIMIT 1`;
      return row ?? null;
    },
  };
}
