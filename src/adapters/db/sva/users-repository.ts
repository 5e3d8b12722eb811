import type { SvaUserRecord, SvaUserRepository } from '../../../domain/ports/repositories';
import { fail, ok } from '../../../domain/shared/result';
import { cpfTaken } from '../../../domain/sva/sva-user-data';
import type { SvaPlatformName, SvaUserStatus } from '../../../domain/sva/sva';
import type { SvaUser as Row } from '../../../generated/prisma/client';
import { syncStatusesOf } from '../deliveries/repository';
import { type Db, keysetArgs, toPage } from '../prisma-client';

const toRecord = (row: Row): SvaUserRecord => ({
  ...row,
  platform: row.platform as SvaPlatformName,
  documentType: row.documentType as SvaUserRecord['documentType'],
  status: row.status as SvaUserStatus,
  hasPassword: row.sealedPassword !== null,
});

// The columns under Prisma's field names, for the set-based reads.
const USER_COLUMNS = `id, contract_id AS "contractId", integration_id AS "integrationId", platform, product_id AS "productId",
  package_code AS "packageCode", document, document_type AS "documentType", username, email, name, mobile_phone AS "mobilePhone",
  sealed_password AS "sealedPassword", status, created_at AS "createdAt", updated_at AS "updatedAt"`;

const toRow = ({ hasPassword: _hasPassword, ...user }: SvaUserRecord) => user;

export function createPrismaSvaUserRepository(db: Db): SvaUserRepository {
  return {
    async create(user) {
      // INSERT … ON CONFLICT DO NOTHING RETURNING; when nothing was stored, the unique index that said no tells why.
      const [row] = await db.svaUser.createManyAndReturn({ data: [toRow(user)], skipDuplicates: true });
      if (row) return ok(toRecord(row));
      const sameDocument = await db.svaUser.count({ where: { contractId: user.contractId, platform: user.platform, document: user.document }, take: 1 });
      if (sameDocument > 0) return cpfTaken();
      // Seed 003: the EXA user name is the e-mail, and the platform knows each one once.
      return fail('SVA_USER_EMAIL_TAKEN', `The e-mail ${user.email} is already the user name of another user of this EXA integration.`, [{ field: 'email', message: 'Already in use on this integration.' }]);
    },
    async findById(id) {
      const row = await db.svaUser.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async listByContract(contractId, page) {
      const args = keysetArgs(page);
      return toPage(await db.svaUser.findMany({ ...args, where: { ...args.where, contractId } }), page, toRecord);
    },
    async listAllByContracts(contractIds) {
      if (contractIds.length === 0) return [];
      const rows = await db.$queryRawUnsafe<Row[]>(`SELECT ${USER_COLUMNS} FROM sva_users WHERE contract_id = ANY($1::uuid[]) ORDER BY id`, [...contractIds]);
      return rows.map(toRecord);
    },
    async update(id, fields, now) {
      return toRecord(await db.svaUser.update({ where: { id }, data: { ...fields, updatedAt: now } }));
    },
    async delete(id) {
      await db.svaUser.delete({ where: { id } });
    },
    syncStatuses: (ids) => syncStatusesOf(db, 'sva_user', ids),
  };
}
