import type { ApiKeyRepository } from '../api-keys/ports';
import type { ContractRepository } from '../contracts/ports';
import type { CreditRepository } from '../credit/ports';
import type { CustomerRepository } from '../customers/ports';
import type { IntegrationLimitsRepository, OutboxRepository } from '../deliveries/ports';
import type { MvnoLineRepository } from '../mvno/ports';
import type { NotificationTemplates } from '../notifications/notification';
import type { NotificationRepository, OpaSuiteRepository } from '../notifications/ports';
import type { OverduePolicy } from '../overdue/overdue-policy';
import type { OverdueRepository } from '../overdue/ports';
import type { PbxConnectionRepository, PbxRepository } from '../pbx/ports';
import type { ProductRepository } from '../products/ports';
import type { ChargeRepository } from '../receivables/ports';
import type { SettingsRepository } from '../settings/ports';
import type { StfcRepository } from '../stfc/ports';
import type { SvaIntegrationRepository, SvaUserRepository } from '../sva/ports';
import type { SipLineRepository } from '../voip/ports';
import type { EventRepository, WebhookEndpointRepository } from '../webhooks/ports';
import type { ReconciliationRepository } from '../reconciliation/ports';
import type { IdempotencyRepository } from './idempotency';

/* The store every area's repositories live in, and the transaction that spans them. */

export interface Repositories {
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly contracts: ContractRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly svaIntegrations: SvaIntegrationRepository;
  readonly svaUsers: SvaUserRepository;
  readonly outbox: OutboxRepository;
  readonly integrationLimits: IntegrationLimitsRepository;
  readonly idempotency: IdempotencyRepository;
  readonly settings: SettingsRepository;
  readonly sipLines: SipLineRepository;
  readonly mvnoLines: MvnoLineRepository;
  readonly charges: ChargeRepository;
  readonly overduePolicy: SettingsRepository<OverduePolicy>;
  readonly overdue: OverdueRepository;
  readonly stfc: StfcRepository;
  readonly credit: CreditRepository;
  readonly opaSuite: OpaSuiteRepository;
  readonly notificationTemplates: SettingsRepository<NotificationTemplates>;
  readonly notifications: NotificationRepository;
  readonly pbx: PbxRepository;
  readonly pbxConnections: PbxConnectionRepository;
  readonly events: EventRepository;
  readonly webhookEndpoints: WebhookEndpointRepository;
  readonly reconciliation: ReconciliationRepository;
}

/**
 * One request's writes as one transaction: every `transaction` run inside `run` joins a single
 * database transaction, which `commit` ends after writing its last piece (the stored answer).
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `last` in the unit's transaction (opening one if nothing was written) and commits. */
  commit(last: (repositories: Repositories) => Promise<void>): Promise<void>;
  rollback(): Promise<void>;
}

/** The repositories, plus a way to run several writes as one transaction. */
export interface Store extends Repositories {
  /**
   * Runs `work` in one transaction and commits it. A transaction in which any statement failed
   * never commits: it rejects, even when `work` caught the error.
   */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  unitOfWork(): UnitOfWork;
  /**
   * Runs `work` apart from the current unit of work: what it reads and writes is not part of it.
   * For the reads that precede a partner call, so that no transaction stays open across the call.
   */
  outsideUnit<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `effect` once the current unit of work commits (at once outside one); dropped on rollback. */
  afterCommit(effect: () => void): void;
}
