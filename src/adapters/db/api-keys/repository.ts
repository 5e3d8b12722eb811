import type { ApiKeyRecord, ApiKeyRepository } from '../../../domain/api-keys/ports';
import type { ApiKey as ApiKeyRow } from '../../../generated/prisma/client';
import { type Db, inTransaction, keysetArgs, toPage } from '../prisma-client';

const toRecord = ({ keyHash: _hash, ...row }: ApiKeyRow): ApiKeyRecord => row;

export function createPrismaApiKeyRepository(db: Db): ApiKeyRepository {
  return {
    async create(key, keyHash) {
      return toRecord(await db.apiKey.create({ data: { ...key, scopes: [...key.scopes], keyHash } }));
    },
    async findByHash(keyHash) {
      const row = await db.apiKey.findUnique({ where: { keyHash } });
      return row ? toRecord(row) : null;
    },
    async list(page) {
      return toPage(await db.apiKey.findMany(keysetArgs(page)), page, toRecord);
    },
    delete(id) {
      // Every admin key is locked first, so two revocations at once cannot remove the last two.
      return inTransaction(db, async (tx) => {
        const admins = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM api_keys WHERE 'admin' = ANY(scopes) ORDER BY id FOR UPDATE`;
        if (admins.length === 1 && admins[0]!.id === id) return 'last_admin';
        const { count } = await tx.apiKey.deleteMany({ where: { id } });
        return count > 0 ? 'deleted' : 'not_found';
      });
    },
    async count() {
      return db.apiKey.count();
    },
    createFirst(key, keyHash) {
      // Processes starting together with the same BOOTSTRAP_API_KEY: one makes it, the others see it.
      return inTransaction(db, async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('ponte:first-api-key', 0))`;
        if ((await tx.apiKey.count()) > 0) return null;
        return toRecord(await tx.apiKey.create({ data: { ...key, scopes: [...key.scopes], keyHash } }));
      });
    },
  };
}
