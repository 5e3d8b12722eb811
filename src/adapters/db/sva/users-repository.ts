import type { SvaUserRecord, SvaUserRepository } from '../../../domain/sva/ports';
import { ok } from '../../../domain/shared/result';
import { cpfTaken, emailTaken, productServed } from '../../../domain/sva/sva-user-data';
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
      if (user.platform === 'exa') {
        // Seed 003: the e-mail is the EXA user name and names one person on an integration. Two
        // customers taking one e-mail at once are serialised by a lock held to the end of the
        // transaction, under which the check sees every committed user.
        await db.$executeRawUnsafe(
          `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
          `sva-exa-email:${user.integrationId}:${user.email}`,
        );
        const others = await db.svaUser.count({
          where: {
            integrationId: user.integrationId,
            platform: 'exa',
            email: user.email,
            document: { not: user.document },
          },
          take: 1,
        });
        if (others > 0) return emailTaken(user.email);
      }
      // INSERT … ON CONFLICT DO NOTHING RETURNING; nothing stored means the contract's rule said no.
      const [row] = await db.svaUser.createManyAndReturn({ data: [toRow(user)], skipDuplicates: true });
      if (row) return ok(toRecord(row));
      return user.platform === 'exa' ? productServed() : cpfTaken();
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
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT ${USER_COLUMNS} FROM sva_users WHERE contract_id = ANY($1::uuid[]) ORDER BY id`,
        [...contractIds],
      );
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
