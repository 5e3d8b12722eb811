import type { SvaIntegrationRecord, SvaIntegrationRepository } from '../../../domain/sva/ports';
import { fail, ok } from '../../../domain/shared/result';
import type { SvaIntegration, SvaPlatformName } from '../../../domain/sva/sva';
import type { SvaIntegration as Row } from '../../../generated/prisma/client';
import { type Db, inTransaction, keysetArgs, toPage } from '../prisma-client';

const toRecord = (row: Row): SvaIntegrationRecord => ({
  id: row.id,
  platform: row.platform as SvaPlatformName,
  description: row.description,
  url: row.url,
  autoCreateUsers: row.autoCreateUsers,
  sealedCredentials: row.sealedCredentials,
  authError: row.authErrorAt && row.authError ? { at: row.authErrorAt, message: row.authError } : null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The integration without its credentials: what may leave the repository for a response. */
const toIntegration = (row: Row): SvaIntegration => {
  const { sealedCredentials: _sealed, ...integration } = toRecord(row);
  return integration;
};

export function createPrismaSvaIntegrationRepository(db: Db): SvaIntegrationRepository {
  return {
    async create(integration) {
      const { authError, ...fields } = integration;
      // Seed 002: one Saber+ integration only, kept by a partial unique index; ON CONFLICT DO NOTHING reads it.
      const [row] = await db.svaIntegration.createManyAndReturn({
        data: [{ ...fields, authErrorAt: authError?.at ?? null, authError: authError?.message ?? null }],
        skipDuplicates: true,
      });
      if (!row)
        return fail('SVA_INTEGRATION_SABER_PLUS_EXISTS', 'Only one Saber+ integration can be registered.', [
          { field: 'platform', message: 'A Saber+ integration already exists.' },
        ]);
      return ok(toIntegration(row));
    },
    async findById(id) {
      const row = await db.svaIntegration.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async lockForReference(id) {
      const rows = await db.$queryRaw<
        { id: string }[]
      >`SELECT id FROM sva_integrations WHERE id = ${id}::uuid FOR KEY SHARE`;
      return rows.length === 1;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.svaIntegration.findMany({
        ...args,
        where: { ...args.where, ...(filter.platform ? { platform: filter.platform } : {}) },
      });
      return toPage(rows, page, toIntegration);
    },
    async update(id, { authError, ...fields }, now) {
      const authFields =
        authError === undefined ? {} : { authErrorAt: authError?.at ?? null, authError: authError?.message ?? null };
      const [row] = await db.svaIntegration.updateManyAndReturn({
        where: { id },
        data: { ...fields, ...authFields, updatedAt: now },
      });
      return row ? toIntegration(row) : null;
    },
    async recordAuthError(id, message, at) {
      await db.svaIntegration.updateMany({ where: { id }, data: { authErrorAt: at, authError: message } });
    },
    delete(id) {
      // The row lock waits for any product being created on the integration, so the check below sees it.
      return inTransaction(db, async (tx) => {
        const locked = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM sva_integrations WHERE id = ${id}::uuid FOR UPDATE`;
        if (locked.length === 0) return fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
        const [products, users] = [
          await tx.product.count({ where: { svaIntegrationId: id }, take: 1 }),
          await tx.svaUser.count({ where: { integrationId: id }, take: 1 }),
        ];
        if (products + users > 0)
          return fail('SVA_INTEGRATION_IN_USE', 'Products or SVA users still use this integration; remove them first.');
        await tx.svaIntegration.delete({ where: { id } });
        return ok(undefined);
      });
    },
  };
}
