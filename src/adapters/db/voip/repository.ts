import type { SipLineRecord, SipLineRepository } from '../../../domain/voip/ports';
import { fail, ok } from '../../../domain/shared/result';
import type { SipLineStatus } from '../../../domain/voip/sip-line';
import type { SipLine as Row } from '../../../generated/prisma/client';
import { syncStatusesOf } from '../deliveries/repository';
import { type Db, keysetArgs, toPage } from '../prisma-client';

const toRecord = (row: Row): SipLineRecord => ({
  ...row,
  status: row.status as SipLineStatus,
  passwordSet: row.sealedPassword !== null,
});
const toRow = ({ passwordSet: _passwordSet, ...line }: SipLineRecord) => line;

export function createPrismaSipLineRepository(db: Db): SipLineRepository {
  return {
    async create(line) {
      // INSERT … ON CONFLICT DO NOTHING RETURNING; when nothing was stored, the live line holding the extension or number says why.
      const [row] = await db.sipLine.createManyAndReturn({ data: [toRow(line)], skipDuplicates: true });
      if (row) return ok(toRecord(row));
      const extension = await db.sipLine.count({
        where: { extension: line.extension, status: { not: 'cancelled' } },
        take: 1,
      });
      return extension > 0
        ? fail('SIP_EXTENSION_TAKEN', `The extension ${line.extension} belongs to another live line.`, [
            { field: 'extension', message: 'Already in use.' },
          ])
        : fail('SIP_NUMBER_TAKEN', `The number ${line.number} belongs to another live line.`, [
            { field: 'number', message: 'Already in use.' },
          ]);
    },
    async findById(id) {
      const row = await db.sipLine.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async lockById(id) {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM sip_lines WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const row = await db.sipLine.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async listByContract(contractId, page) {
      const args = keysetArgs(page);
      return toPage(await db.sipLine.findMany({ ...args, where: { ...args.where, contractId } }), page, toRecord);
    },
    async countByContract(contractId) {
      return db.sipLine.count({ where: { contractId } });
    },
    async update(id, fields, now) {
      return toRecord(await db.sipLine.update({ where: { id }, data: { ...fields, updatedAt: now } }));
    },
    async delete(id) {
      await db.sipLine.delete({ where: { id } });
    },
    syncStatuses: (ids) => syncStatusesOf(db, 'sip_line', ids),
  };
}
