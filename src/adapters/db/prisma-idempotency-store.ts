import type { IdempotencyStore } from '../../app/http/idempotency';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';

export function createPrismaIdempotencyStore(prisma: PrismaClient): IdempotencyStore {
  return {
    async claim(apiKeyId, key, method, path, requestHash) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO idempotency_keys (api_key_id, key, method, path, request_hash)
        VALUES (${apiKeyId}::uuid, ${key}, ${method}, ${path}, ${requestHash})
        ON CONFLICT (api_key_id, key) DO NOTHING`;
      if (inserted === 1) return null;
      const row = await prisma.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
      if (!row) return this.claim(apiKeyId, key, method, path, requestHash);
      return { requestHash: row.requestHash, statusCode: row.statusCode, body: row.responseBody, createdAt: row.createdAt };
    },
    async complete(apiKeyId, key, statusCode, body) {
      await prisma.idempotencyKey.update({
        where: { apiKeyId_key: { apiKeyId, key } },
        data: { statusCode, responseBody: body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue), completedAt: new Date() },
      });
    },
    async release(apiKeyId, key) {
      await prisma.idempotencyKey.deleteMany({ where: { apiKeyId, key } });
    },
    async purge(before) {
      return (await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}
