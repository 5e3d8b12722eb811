import type { SvaIntegrationRecord, SvaIntegrationRepository } from '../../domain/ports/repositories';
import { fail, ok } from '../../domain/shared/result';
import type { SvaIntegration, SvaPlatformName } from '../../domain/sva/sva';
import type { SvaIntegration as Row } from '../../generated/prisma/client';
import { type Db, isForeignKeyViolation, isNotFound, isUniqueViolation, keysetArgs, toPage } from './prisma-client';

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
      try {
        return ok(toIntegration(await db.svaIntegration.create({ data: { ...fields, authErrorAt: authError?.at ?? null, authError: authError?.message ?? null } })));
      } catch (error) {
        if (isUniqueViolation(error)) return fail('SVA_INTEGRATION_SABER_PLUS_EXISTS', 'Only one Saber+ integration can be registered.', [{ field: 'platform', message: 'A Saber+ integration already exists.' }]);
        throw error;
      }
    },
    async findById(id) {
      const row = await db.svaIntegration.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.svaIntegration.findMany({ ...args, where: { ...args.where, ...(filter.platform ? { platform: filter.platform } : {}) } });
      return toPage(rows, page, toIntegration);
    },
    async update(id, { authError, ...fields }, now) {
      try {
        const authFields = authError === undefined ? {} : { authErrorAt: authError?.at ?? null, authError: authError?.message ?? null };
        return toIntegration(await db.svaIntegration.update({ where: { id }, data: { ...fields, ...authFields, updatedAt: now } }));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(id) {
      try {
        await db.svaIntegration.delete({ where: { id } });
        return ok(undefined);
      } catch (error) {
        if (isNotFound(error)) return fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
        if (isForeignKeyViolation(error)) return fail('SVA_INTEGRATION_IN_USE', 'Products or SVA users still use this integration; remove them first.');
        throw error;
      }
    },
  };
}
