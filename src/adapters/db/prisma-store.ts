import type { Repositories, Store } from '../../domain/ports/repositories';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SqlSession } from './database';
import type { Db } from './prisma-client';
import { createPrismaApiKeyRepository } from './prisma-api-key-repository';
import { createPrismaContractRepository } from './prisma-contract-repository';
import { createPrismaCustomerRepository } from './prisma-customer-repository';
import { createPrismaOutboxRepository } from './prisma-outbox-repository';
import { createPrismaProductRepository } from './prisma-product-repository';
import { createPrismaSvaIntegrationRepository } from './prisma-sva-integration-repository';
import { createPrismaSvaUserRepository } from './prisma-sva-user-repository';

const repositories = (db: Db, readSql?: SqlSession): Repositories => ({
  customers: createPrismaCustomerRepository(db),
  products: createPrismaProductRepository(db),
  contracts: createPrismaContractRepository(db, readSql),
  apiKeys: createPrismaApiKeyRepository(db),
  svaIntegrations: createPrismaSvaIntegrationRepository(db),
  svaUsers: createPrismaSvaUserRepository(db),
  outbox: createPrismaOutboxRepository(db),
});

export function createPrismaStore(prisma: PrismaClient, readSql?: SqlSession): Store {
  return {
    ...repositories(prisma, readSql),
    transaction: (work) => prisma.$transaction((tx) => work(repositories(tx)), { timeout: 15_000, maxWait: 10_000 }),
  };
}
