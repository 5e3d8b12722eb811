import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories, Store, UnitOfWork } from '../../domain/ports/store';
import {
  createPrismaNotificationTemplatesRepository,
  createPrismaOverduePolicyRepository,
  createPrismaSettingsRepository,
} from './settings/repository';
import { createPrismaChargeRepository } from './receivables/repository';
import { createPrismaStfcRepository } from './stfc/repository';
import { createPrismaCreditRepository } from './credit/repository';
import { createPrismaPbxRepository } from './pbx/repository';
import { createPbxConnectionRepository } from './pbx/connections-repository';
import { createPrismaNotificationRepository, createPrismaOpaSuiteRepository } from './notifications/repository';
import { createPrismaOverdueRepository } from './overdue/repository';
import { createPrismaSipLineRepository } from './voip/repository';
import { createPrismaMvnoLineRepository } from './mvno/repository';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SqlSession } from './database';
import type { Db } from './prisma-client';
import { createPrismaApiKeyRepository } from './api-keys/repository';
import { createPrismaContractRepository } from './contracts/repository';
import { createPrismaCustomerRepository } from './customers/repository';
import { createPrismaIdempotencyRepository } from './idempotency/repository';
import { createPrismaOutboxRepository } from './deliveries/repository';
import { createPrismaIntegrationLimitsRepository } from './deliveries/limits-repository';
import { createPrismaProductRepository } from './products/repository';
import { createPrismaSvaIntegrationRepository } from './sva/integrations-repository';
import { createPrismaSvaUserRepository } from './sva/users-repository';
import { createPrismaEventRepository, createPrismaWebhookEndpointRepository } from './webhooks/repository';
import { createPrismaReconciliationRepository } from './reconciliation/repository';

const repositories = (db: Db, readSql?: SqlSession): Repositories => ({
  customers: createPrismaCustomerRepository(db),
  products: createPrismaProductRepository(db),
  contracts: createPrismaContractRepository(db, readSql),
  apiKeys: createPrismaApiKeyRepository(db),
  svaIntegrations: createPrismaSvaIntegrationRepository(db),
  svaUsers: createPrismaSvaUserRepository(db),
  outbox: createPrismaOutboxRepository(db),
  integrationLimits: createPrismaIntegrationLimitsRepository(db),
  idempotency: createPrismaIdempotencyRepository(db),
  settings: createPrismaSettingsRepository(db),
  sipLines: createPrismaSipLineRepository(db),
  mvnoLines: createPrismaMvnoLineRepository(db),
  charges: createPrismaChargeRepository(db),
  overduePolicy: createPrismaOverduePolicyRepository(db),
  overdue: createPrismaOverdueRepository(db),
  stfc: createPrismaStfcRepository(db, readSql),
  credit: createPrismaCreditRepository(db),
  opaSuite: createPrismaOpaSuiteRepository(db),
  notificationTemplates: createPrismaNotificationTemplatesRepository(db),
  notifications: createPrismaNotificationRepository(db),
  pbx: createPrismaPbxRepository(db, readSql),
  pbxConnections: createPbxConnectionRepository(db),
  events: createPrismaEventRepository(db),
  webhookEndpoints: createPrismaWebhookEndpointRepository(db),
  reconciliation: createPrismaReconciliationRepository(db),
});

const TRANSACTION_OPTIONS = { timeout: 15_000, maxWait: 10_000 };

/**
 * PostgreSQL answers COMMIT of a transaction that met an error with a silent ROLLBACK. Any
 * statement fails in such a transaction, so one trivial statement before the commit turns that
 * silent loss into an error: a transaction that did not commit can never look like a success.
 */
async function assertAlive(tx: Db) {
  await tx.$queryRawUnsafe('SELECT 1');
}

/** A transaction held open across a unit of work, committed or rolled back when it ends. */
interface HeldTransaction {
  readonly repos: Repositories;
  commit(last: (repos: Repositories) => Promise<void>): Promise<void>;
  rollback(): Promise<void>;
}

const ROLLBACK = Symbol('rollback');

async function holdTransaction(prisma: PrismaClient): Promise<HeldTransaction> {
  type Decision = { commit: true; last: (repos: Repositories) => Promise<void> } | { commit: false };
  let decide!: (decision: Decision) => void;
  const decision = new Promise<Decision>((resolve) => (decide = resolve));
  let opened!: (tx: Db) => void;
  const ready = new Promise<Db>((resolve) => (opened = resolve));
  const finished = prisma.$transaction(async (tx) => {
    opened(tx);
    const outcome = await decision;
    // A sentinel, not an error: the transaction is rolled back on purpose and the caller knows it.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!outcome.commit) throw ROLLBACK;
    await outcome.last(repositories(tx));
    await assertAlive(tx);
  }, TRANSACTION_OPTIONS);
  const settled = finished.then(
    () => undefined,
    (error: unknown) => {
      if (error !== ROLLBACK) throw error;
    },
  );
  // Handled where the unit ends (commit, rollback); this keeps a transaction that timed out first from crashing the process.
  settled.catch(() => undefined);
  // A transaction that cannot even start (no connection in time) fails the unit of work at once.
  const tx = await Promise.race([
    ready,
    settled.then(() => Promise.reject(new Error('The transaction ended before it started.'))),
  ]);
  return {
    repos: repositories(tx),
    async commit(last) {
      decide({ commit: true, last });
      await settled;
    },
    async rollback() {
      decide({ commit: false });
      await settled.catch(() => undefined);
    },
  };
}

interface Scope {
  held: Promise<HeldTransaction> | null;
  readonly afterCommit: (() => void)[];
}

/**
 * Repositories over Prisma. `transaction` runs work in one database transaction; inside a unit of
 * work every transaction joins one held open until the unit ends, and the repositories used
 * directly read through it, so that what the unit wrote and what it reads agree.
 */
export function createPrismaStore(prisma: PrismaClient, readSql?: SqlSession): Store {
  const scopes = new AsyncLocalStorage<Scope>();
  const root = repositories(prisma, readSql);

  const joined = (scope: Scope) => (scope.held ??= holdTransaction(prisma));

  /** A repository whose every call goes through the held transaction. */
  const routed = <K extends keyof Repositories>(held: Promise<HeldTransaction>, name: K) =>
    new Proxy({} as Repositories[K], {
      get:
        (_target, method: string) =>
        async (...args: unknown[]) => {
          const repo = (await held).repos[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
          return repo[method]!(...args);
        },
    });

  /**
   * A repository used outside `transaction`. Inside a unit of work it joins the unit's transaction
   * (opening it on first use), so nothing the unit does can commit on its own.
   */
  const direct = <K extends keyof Repositories>(name: K) =>
    new Proxy({} as Repositories[K], {
      get: (_target, method: string) => {
        const scope = scopes.getStore();
        if (scope) return (routed(joined(scope), name) as unknown as Record<string, unknown>)[method];
        const repo = root[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
        return repo[method]!.bind(repo);
      },
    });

  return {
    customers: direct('customers'),
    products: direct('products'),
    contracts: direct('contracts'),
    apiKeys: direct('apiKeys'),
    svaIntegrations: direct('svaIntegrations'),
    svaUsers: direct('svaUsers'),
    outbox: direct('outbox'),
    integrationLimits: direct('integrationLimits'),
    idempotency: direct('idempotency'),
    settings: direct('settings'),
    sipLines: direct('sipLines'),
    mvnoLines: direct('mvnoLines'),
    charges: direct('charges'),
    overduePolicy: direct('overduePolicy'),
    overdue: direct('overdue'),
    stfc: direct('stfc'),
    credit: direct('credit'),
    opaSuite: direct('opaSuite'),
    notificationTemplates: direct('notificationTemplates'),
    notifications: direct('notifications'),
    pbx: direct('pbx'),
    pbxConnections: direct('pbxConnections'),
    events: direct('events'),
    webhookEndpoints: direct('webhookEndpoints'),
    reconciliation: direct('reconciliation'),
    async transaction(work) {
      const scope = scopes.getStore();
      if (scope) return work((await joined(scope)).repos);
      return prisma.$transaction(async (tx) => {
        const result = await work(repositories(tx));
        await assertAlive(tx);
        return result;
      }, TRANSACTION_OPTIONS);
    },
    unitOfWork(): UnitOfWork {
      const scope: Scope = { held: null, afterCommit: [] };
      const ended = () => {
        const effects = scope.afterCommit.splice(0);
        scopes.exit(() => effects.forEach((effect) => effect()));
      };
      return {
        run: (work) => scopes.run(scope, work),
        async commit(last) {
          const held = scope.held ? await scope.held : await holdTransaction(prisma);
          scope.held = null;
          await held.commit(last);
          ended();
        },
        async rollback() {
          const held = scope.held;
          scope.held = null;
          scope.afterCommit.length = 0;
          if (held)
            await held.then(
              (h) => h.rollback(),
              () => undefined,
            );
        },
      };
    },
    outsideUnit(work) {
      return scopes.exit(work);
    },
    afterCommit(effect) {
      const scope = scopes.getStore();
      if (scope) scope.afterCommit.push(effect);
      else effect();
    },
  };
}
