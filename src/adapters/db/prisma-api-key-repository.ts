import type { ApiKeyRecord, ApiKeyRepository } from '../../domain/ports/repositories';
import type { ApiKey as ApiKeyRow } from '../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from './prisma-client';

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
    async delete(id) {
      const { count } = await db.apiKey.deleteMany({ where: { id } });
      return count > 0;
    },
    async count() {
      return db.apiKey.count();
    },
  };
}
