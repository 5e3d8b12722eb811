import type { MvnoLineRepository } from '../../../domain/mvno/ports';
import type { MvnoLine, MvnoLineStatus } from '../../../domain/mvno/mvno-line';
import { fail, ok } from '../../../domain/shared/result';
import type { MvnoLine as Row } from '../../../generated/prisma/client';
import { syncStatusesOf } from '../deliveries/repository';
import { type Db, keysetArgs, toPage } from '../prisma-client';

const toLine = (row: Row): MvnoLine => ({ ...row, status: row.status as MvnoLineStatus });

export function createPrismaMvnoLineRepository(db: Db): MvnoLineRepository {
  return {
    async create(line) {
      // INSERT … ON CONFLICT DO NOTHING RETURNING; when nothing was stored, the live line holding the number or the SIM says why.
      const [row] = await db.mvnoLine.createManyAndReturn({ data: [line], skipDuplicates: true });
      if (row) return ok(toLine(row));
      const msisdn = await db.mvnoLine.count({ where: { msisdn: line.msisdn, status: { not: 'cancelled' } }, take: 1 });
      return msisdn > 0
        ? fail('MVNO_MSISDN_TAKEN', `The number ${line.msisdn} belongs to another live line.`, [
            { field: 'msisdn', message: 'Already in use.' },
          ])
        : fail('MVNO_ICCID_TAKEN', 'This SIM card (ICCID) belongs to another live line.', [
            { field: 'iccid', message: 'Already in use.' },
          ]);
    },
    async findById(id) {
      const row = await db.mvnoLine.findUnique({ where: { id } });
      return row ? toLine(row) : null;
    },
    async lockById(id) {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM mvno_lines WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const row = await db.mvnoLine.findUnique({ where: { id } });
      return row ? toLine(row) : null;
    },
    async listByContract(contractId, page) {
      const args = keysetArgs(page);
      return toPage(await db.mvnoLine.findMany({ ...args, where: { ...args.where, contractId } }), page, toLine);
    },
    async update(id, fields, now) {
      return toLine(await db.mvnoLine.update({ where: { id }, data: { ...fields, updatedAt: now } }));
    },
    async markActivated(id, now) {
      await db.mvnoLine.updateMany({ where: { id, status: 'pending' }, data: { status: 'active', updatedAt: now } });
    },
    async delete(id) {
      await db.mvnoLine.delete({ where: { id } });
    },
    syncStatuses: (ids) => syncStatusesOf(db, 'mvno_line', ids),
  };
}
