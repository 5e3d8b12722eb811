import type { SvaSyncStatus, SvaUserRecord, SvaUserRepository } from '../../domain/ports/repositories';
import { fail, ok } from '../../domain/shared/result';
import type { SvaPlatformName, SvaUserStatus } from '../../domain/sva/sva';
import type { SvaUser as Row } from '../../generated/prisma/client';
import { type Db, isUniqueViolation, keysetArgs, toPage } from './prisma-client';

const toRecord = (row: Row): SvaUserRecord => ({
  ...row,
  platform: row.platform as SvaPlatformName,
  documentType: row.documentType as SvaUserRecord['documentType'],
  status: row.status as SvaUserStatus,
  hasPassword: row.sealedPassword !== null,
});

const toRow = ({ hasPassword: _hasPassword, ...user }: SvaUserRecord) => user;

export function createPrismaSvaUserRepository(db: Db): SvaUserRepository {
  return {
    async create(user) {
      try {
        return ok(toRecord(await db.svaUser.create({ data: toRow(user) })));
      } catch (error) {
        // Seed 002: "A plataforma permite a ativação de somente um usuário por CPF e por contrato."
        if (isUniqueViolation(error)) return fail('SVA_USER_CPF_TAKEN', 'CPF já cadastrado', [{ field: 'document', message: 'This contract already has a user with this CPF/CNPJ on this platform.' }]);
        throw error;
      }
    },
    async findById(id) {
      const row = await db.svaUser.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async listByContract(contractId, page) {
      const args = keysetArgs(page);
      return toPage(await db.svaUser.findMany({ ...args, where: { ...args.where, contractId } }), page, toRecord);
    },
    async listAllByContract(contractId) {
      return (await db.svaUser.findMany({ where: { contractId }, orderBy: { id: 'asc' } })).map(toRecord);
    },
    async update(id, fields, now) {
      return toRecord(await db.svaUser.update({ where: { id }, data: { ...fields, updatedAt: now } }));
    },
    async setStatuses(ids, status, now) {
      if (ids.length > 0) await db.svaUser.updateMany({ where: { id: { in: [...ids] } }, data: { status, updatedAt: now } });
    },
    async delete(id) {
      await db.svaUser.delete({ where: { id } });
    },
    async syncStatuses(ids) {
      const open = ids.length === 0 ? [] : await db.integrationDelivery.groupBy({
        by: ['svaUserId', 'status'],
        where: { svaUserId: { in: [...ids] }, status: { in: ['pending', 'dead'] } },
      });
      const result = new Map<string, SvaSyncStatus>(ids.map((id) => [id, 'synced']));
      for (const row of open) {
        if (!row.svaUserId) continue;
        if (row.status === 'dead') result.set(row.svaUserId, 'failed');
        else if (result.get(row.svaUserId) !== 'failed') result.set(row.svaUserId, 'pending');
      }
      return result;
    },
  };
}
