import type { IdempotencyRepository } from '../../../domain/ports/idempotency';
import { Prisma } from '../../../generated/prisma/client';
import type { Db } from '../prisma-client';

export function createPrismaIdempotencyRepository(db: Db): IdempotencyRepository {
  return {
    async find(apiKeyId, key) {
      const row = await db.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
      return row
        ? { requestHash: row.requestHash, statusCode: row.statusCode, body: row.responseBody, createdAt: row.createdAt }
        : null;
    },
    async record({ apiKeyId, key, method, path, requestHash, statusCode, body, createdAt }) {
      // A concurrent request with the same key waits here for the first one's commit, then stores nothing.
      const stored = await db.idempotencyKey.createManyAndReturn({
        data: [
          {
            apiKeyId,
            key,
            method,
            path,
            requestHash,
            statusCode,
            responseBody: body === null || body === undefined ? Prisma.JsonNull : (body as Prisma.InputJsonValue),
            createdAt,
          },
        ],
        skipDuplicates: true,
        select: { key: true },
      });
      return stored.length === 1;
    },
    async purge(before) {
      return (await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}
