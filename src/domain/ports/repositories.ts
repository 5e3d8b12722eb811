import type { Contract, ContractEventType, ContractHistoryEntry, ContractState, AccessStatus, ContractStatus } from '../contracts/contract';
import type { Customer, CustomerFields } from '../customers/customer';
import type { ContractItem, Product, ProductType } from '../products/product';
import type { Result } from '../shared/result';
import type { IntegrationSettings } from '../settings/integration-settings';
import type { LinePolicyRow, SipLine, SipLineAction, SipLineState } from '../voip/sip-line';
import type { SvaPolicyRow } from '../sva/sva-user-transitions';
import type { Charge, ChargePayment, ChargeStatus } from '../receivables/charge';
import type { OverdueCandidate, OverduePolicy } from '../overdue/overdue-policy';
import type { OverdueNotice, RecordedOverdueNotice } from '../overdue/overdue-notice';
import type { MvnoLine, MvnoLineAction, MvnoLineStatus } from '../mvno/mvno-line';
import type { OneOffValue, StfcIntegration, StfcService, ZeroBillingEvent } from '../stfc/stfc';
import type { BillingBatch, BillingItem, BillingProgress, CallRecord } from '../stfc/billing';
import type { BillingFacts } from '../stfc/billable';
import type { Bureau, CreditConsultation, CreditIntegration, Negativation, NegativationState } from '../credit/credit';
import type { PreviousConsult } from '../credit/consult-guard';
import type { Notification, NotificationTemplates } from '../notifications/notification';
import type { OpaSuiteIntegration } from '../notifications/opa-suite';
import type { Agent, Call, Contact, CustomerMatch, PbxRecord, TrafficSource } from '../pbx/records';
import type { CallDirection, CallEvent, CallRecordState } from '../pbx/call';
import type { Delivery, DeliveryDetail, DeliveryStatus, OutboxEffect, Target, TargetKind } from '../deliveries/delivery';
import type { SvaAction, SvaIntegration, SvaPlatformName, SvaUser, SvaUserStatus } from '../sva/sva';

export interface PageRequest {
  readonly limit: number;
  /** The id of the last item of the previous page. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Id of the last item when more may follow, else null. */
  readonly last: string | null;
}

export interface CustomerFilter {
  readonly name?: string;
  readonly document?: string;
  readonly phone?: string;
}

export interface CustomerRepository {
  /** Fails with CUSTOMER_DOCUMENT_TAKEN when another customer has the document. */
  create(customer: Customer): Promise<Result<Customer>>;
  findById(id: string): Promise<Customer | null>;
  /** Keeps the customer from being deleted until the transaction ends; false when it does not exist. */
  lockForReference(id: string): Promise<boolean>;
  list(filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>>;
  update(id: string, fields: Partial<CustomerFields>, now: Date): Promise<Result<Customer>>;
  /** Fails with CUSTOMER_HAS_CONTRACTS while the customer has any contract. */
  delete(id: string): Promise<Result<void>>;
}

export interface ProductRepository {
  /** Fails with SVA_PACKAGE_TAKEN when another product sells the package of the same integration. */
  create(product: Product): Promise<Result<Product>>;
  /** The SVA products on a contract. */
  listSvaOnContract(contractId: string): Promise<readonly Product[]>;
  findById(id: string): Promise<Product | null>;
  list(filter: { readonly type?: ProductType }, page: PageRequest): Promise<Page<Product>>;
  update(id: string, fields: Partial<Pick<Product, 'name' | 'priceCents'>>, now: Date): Promise<Product | null>;
}

export interface ContractFilter {
  readonly customerId?: string;
  readonly status?: ContractStatus;
  readonly accessStatus?: AccessStatus;
}

export interface ContractRepository {
  create(contract: Contract): Promise<Contract>;
  findById(id: string): Promise<Contract | null>;
  /** Reads the contract and locks it until the transaction ends (SELECT … FOR UPDATE). */
  lockById(id: string): Promise<Contract | null>;
  list(filter: ContractFilter, page: PageRequest): Promise<Page<Contract>>;
  updateDetails(id: string, fields: Partial<Pick<Contract, 'description' | 'billingDay' | 'billingStart' | 'billingEnd'>>, now: Date): Promise<Contract | null>;
  /** Marks the contract approved (seed 001); null when it does not exist. */
  approve(id: string, now: Date): Promise<Contract | null>;
  /** Locks every listed contract that exists, in id order (so concurrent batches cannot deadlock). */
  lockMany(ids: readonly string[]): Promise<readonly Contract[]>;
  /**
   * Stores contract events the lifecycle table decided, in one statement: each contract's new state
   * (only where it is still at the version it was decided on), its history line (notices empty),
   * and, for every target kind, the targets its policy table moves with their partner calls, queued
   * under the event's id with payloads built from the rows as stored. Answers how many contracts
   * were saved and how many targets moved.
   */
  recordEvents(changes: readonly DecidedEvent[], policies: readonly TargetPolicy[], now: Date): Promise<{ readonly saved: number; readonly moved: number }>;
  /** Gives history lines the notices of what their event left undone. */
  setNotices(entries: readonly Pick<ContractHistoryEntry, 'id' | 'notices'>[]): Promise<void>;
  listHistory(contractId: string, page: PageRequest): Promise<Page<ContractHistoryEntry>>;
  /** Gives (or, with nulls, takes back) a trust release. */
  setTrustRelease(id: string, endsOn: string | null, releasedAt: Date | null): Promise<void>;
  /** The overdue cycle of these contracts ended (no overdue charge left): a new one may have its trust release. */
  endOverdueCycle(ids: readonly string[]): Promise<void>;
  addItem(item: ContractItem): Promise<ContractItem>;
  listItems(contractId: string): Promise<readonly ContractItem[]>;
  deleteItem(contractId: string, itemId: string): Promise<boolean>;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the key, to tell keys apart without revealing them. */
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
}

export interface ApiKeyRepository {
  create(key: ApiKeyRecord, keyHash: string): Promise<ApiKeyRecord>;
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  list(page: PageRequest): Promise<Page<ApiKeyRecord>>;
  /** Refuses to delete the last key with the admin scope: without one, no key could be made again. */
  delete(id: string): Promise<'deleted' | 'not_found' | 'last_admin'>;
  count(): Promise<number>;
}

/** An integration with its sealed credentials, for the code that calls the platform. */
export interface SvaIntegrationRecord extends SvaIntegration {
  readonly sealedCredentials: string;
}

export interface SvaIntegrationRepository {
  /** Fails with SVA_INTEGRATION_SABER_PLUS_EXISTS when a second Saber+ integration is created. */
  create(integration: SvaIntegrationRecord): Promise<Result<SvaIntegration>>;
  findById(id: string): Promise<SvaIntegrationRecord | null>;
  /** Keeps the integration from being deleted until the transaction ends; false when it does not exist. */
  lockForReference(id: string): Promise<boolean>;
  list(filter: { readonly platform?: SvaPlatformName }, page: PageRequest): Promise<Page<SvaIntegration>>;
  update(
    id: string,
    fields: Partial<Pick<SvaIntegrationRecord, 'description' | 'url' | 'autoCreateUsers' | 'sealedCredentials' | 'authError'>>,
    now: Date,
  ): Promise<SvaIntegration | null>;
  /** The platform refused the credentials: shown as `authError` until they change. */
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Fails with SVA_INTEGRATION_IN_USE while products or users refer to it. */
  delete(id: string): Promise<Result<void>>;
}

export interface SvaUserRecord extends SvaUser {
  readonly sealedPassword: string | null;
}

/** Where a user's effects stand: all applied, some still on their way, or one failed for good. */
export type SvaSyncStatus = 'synced' | 'pending' | 'failed';

export interface SvaUserRepository {
  /**
   * Fails with SVA_USER_CPF_TAKEN when the contract already has a Saber+ user with this document,
   * SVA_USER_PRODUCT_TAKEN when the EXA product already has its user on the contract, and
   * SVA_USER_EMAIL_TAKEN when another person's user of the EXA integration has the e-mail.
   * Runs inside a transaction (the e-mail check holds a lock to its end).
   */
  create(user: SvaUserRecord): Promise<Result<SvaUserRecord>>;
  findById(id: string): Promise<SvaUserRecord | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<SvaUserRecord>>;
  /** Every user of these contracts (read under the contracts' locks). */
  listAllByContracts(contractIds: readonly string[]): Promise<readonly SvaUserRecord[]>;
  update(id: string, fields: Partial<Pick<SvaUserRecord, 'mobilePhone' | 'sealedPassword' | 'status'>>, now: Date): Promise<SvaUserRecord>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SvaSyncStatus>>;
}

export interface SipLineRecord extends SipLine {
  readonly sealedPassword: string | null;
}

export interface SipLineRepository {
  /** Fails with SIP_EXTENSION_TAKEN or SIP_NUMBER_TAKEN when a live line already has it. */
  create(line: SipLineRecord): Promise<Result<SipLineRecord>>;
  findById(id: string): Promise<SipLineRecord | null>;
  /** The line, locked until the transaction ends; null when it does not exist. */
  lockById(id: string): Promise<SipLineRecord | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<SipLineRecord>>;
  countByContract(contractId: string): Promise<number>;
  update(id: string, fields: Partial<Pick<SipLineRecord, 'sealedPassword' | 'status' | 'blockedWithContract'>>, now: Date): Promise<SipLineRecord>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SvaSyncStatus>>;
}

export interface MvnoLineRepository {
  /** Fails with MVNO_MSISDN_TAKEN or MVNO_ICCID_TAKEN when a live line already has it. */
  create(line: MvnoLine): Promise<Result<MvnoLine>>;
  findById(id: string): Promise<MvnoLine | null>;
  lockById(id: string): Promise<MvnoLine | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<MvnoLine>>;
  update(id: string, fields: Partial<Pick<MvnoLine, 'plan' | 'status'>>, now: Date): Promise<MvnoLine>;
  /** TeleCall finished activating the line: pending becomes active (any other status stays). */
  markActivated(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SvaSyncStatus>>;
}

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly platform?: string;
  readonly contractId?: string;
  readonly target?: Partial<Target>;
}

/** The outbox, as the use cases see it: effects go in with the state change that caused them. */
export interface OutboxRepository {
  /** `cause` makes the idempotency key: the same cause never enqueues the same effect twice. */
  enqueue(effects: readonly { readonly id: string; readonly cause: string; readonly effect: OutboxEffect }[], now: Date): Promise<void>;
  findById(id: string): Promise<DeliveryDetail | null>;
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
  /**
   * Makes a pending or dead delivery due now with a fresh budget of tries (its attempts and their
   * history stay); null when not found.
   */
  retry(id: string, now: Date): Promise<DeliveryDetail | null>;
}

/** The first answer given to a request that carried an `Idempotency-Key`. */
export interface StoredAnswer {
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: unknown;
  readonly createdAt: Date;
}

export interface IdempotencyRepository {
  find(apiKeyId: string, key: string): Promise<StoredAnswer | null>;
  /**
   * Stores the answer to a key, in the transaction of the change it answers. False when the key
   * already has one: a concurrent request with the same key committed first.
   */
  record(entry: { readonly apiKeyId: string; readonly key: string; readonly method: string; readonly path: string } & StoredAnswer): Promise<boolean>;
  /** Forgets keys older than `before`. */
  purge(before: Date): Promise<number>;
}

/** Settings as stored, with who changed them last. */
export interface StoredSettings<T = IntegrationSettings> {
  readonly settings: T;
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

export interface SettingsChange<T = IntegrationSettings> {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly before: T;
  readonly after: T;
  /** Every field that changed (`section.field` where the settings have sections). */
  readonly changed: readonly string[];
}

export interface SettingsRepository<T = IntegrationSettings> {
  /** The settings as stored (the defaults before the first change). */
  get(): Promise<StoredSettings<T>>;
  /** The same, locked until the transaction ends: changes apply one after the other. */
  getForUpdate(): Promise<StoredSettings<T>>;
  /** Stores the new settings and the change that made them, in the caller's transaction. */
  save(change: SettingsChange<T>, version: number): Promise<StoredSettings<T>>;
  history(page: PageRequest): Promise<Page<SettingsChange<T>>>;
}

/**
 * A contract event as the lifecycle table decided it: the contract with its new state and stamps
 * (its version still the one it was decided on) and the event's history line, whose id is the
 * cause of the partner calls that follow.
 */
export interface DecidedEvent {
  readonly contract: Contract;
  readonly event: ContractHistoryEntry;
}

/** One target kind's policy table, as rows a set-based write joins on (SVA cells also name their platform). */
export type TargetPolicy =
  | { readonly kind: 'sva_user'; readonly rows: readonly SvaPolicyRow[] }
  | { readonly kind: 'sip_line'; readonly rows: readonly LinePolicyRow<SipLineState, SipLineAction>[] }
  | { readonly kind: 'mvno_line'; readonly rows: readonly LinePolicyRow<MvnoLineStatus, MvnoLineAction>[] };

export interface ChargeFilter {
  readonly competence?: string;
  readonly status?: ChargeStatus;
}

export interface ChargeRepository {
  create(charge: Charge): Promise<Charge>;
  findById(id: string): Promise<Charge | null>;
  /** The charge, locked until the transaction ends. */
  lockById(id: string): Promise<Charge | null>;
  listByContract(contractId: string, filter: ChargeFilter, page: PageRequest): Promise<Page<Charge>>;
  listPayments(chargeId: string): Promise<readonly ChargePayment[]>;
  /** Records a payment and the charge's new balance and status. */
  addPayment(payment: ChargePayment, charge: Pick<Charge, 'paidCents' | 'status' | 'paidAt'>, now: Date): Promise<Charge>;
  cancel(id: string, now: Date): Promise<Charge>;
  /** The contract's oldest charge still open after its due date, on `today`. */
  oldestOverdue(contractId: string, today: string): Promise<{ readonly chargeId: string; readonly dueDate: string } | null>;
}

export interface OverdueRun {
  readonly id: string;
  readonly asOf: string;
  readonly trigger: 'schedule' | 'api';
  readonly actor: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly policy: OverduePolicy;
  readonly latePaymentsReported: number;
  readonly blocked: number;
  readonly cancelled: number;
  /** Contracts whose decided event the lifecycle refused (they changed since they were read). */
  readonly rejected: number;
}

/** A candidate with what its notice needs: who is told, and what is due of its oldest overdue charge. */
export interface OverdueCandidateFacts extends OverdueCandidate {
  readonly customer: { readonly name: string; readonly mobilePhone: string | null };
  readonly debt: { readonly dueCents: number; readonly competence: string };
}

export interface OverdueRepository {
  /**
   * Active contracts with an overdue charge on `today`, each with its oldest one. With `lock`, the
   * contracts stay locked until the transaction ends, so the run decides on what it will change.
   */
  candidates(today: string, lock: boolean, timeZone: string): Promise<readonly OverdueCandidateFacts[]>;
  /** Keeps a notice of a contract's overdue debt sent by another channel than Opa! Suite. */
  recordNotice(notice: RecordedOverdueNotice): Promise<RecordedOverdueNotice>;
  /** Every notice of the contract's debts, recorded or sent through Opa! Suite, newest first. */
  listNotices(contractId: string): Promise<readonly OverdueNotice[]>;
  /** Takes the run's lock for this transaction; false when another process is running it now. */
  tryLockRun(): Promise<boolean>;
  saveRun(run: OverdueRun): Promise<OverdueRun>;
  listRuns(page: PageRequest): Promise<Page<OverdueRun>>;
}

export interface Repositories {
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly contracts: ContractRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly svaIntegrations: SvaIntegrationRepository;
  readonly svaUsers: SvaUserRepository;
  readonly outbox: OutboxRepository;
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
}

export interface CallFilter {
  readonly agentId?: string;
  readonly extension?: string;
  readonly direction?: CallDirection;
  readonly from?: Date;
  readonly to?: Date;
  readonly unanswered?: boolean;
  /** E.164: calls from or to it. */
  readonly number?: string;
  readonly customerId?: string;
}

/** A call with every event it has (the new ones kept). */
export interface KeptCallEvents {
  readonly id: string;
  /** The call's agent, or else the agent at the extension its events name. */
  readonly agentId: string | null;
  readonly customerId: string | null;
  readonly events: readonly CallEvent[];
}

/**
 * What an agent's stream is told of a change of its call: the call (with every customer
 * `matchesOf` belongs to, looked up as it is told: the screen pop) and the extension's status.
 */
export interface CallNotice {
  readonly call: Readonly<Record<string, unknown>>;
  readonly matchesOf: string | null;
  readonly extension: Readonly<Record<string, unknown>>;
}

export interface PbxRepository {
  createPbx(pbx: PbxRecord): Promise<PbxRecord>;
  findPbx(id: string): Promise<PbxRecord | null>;
  listPbxs(page: PageRequest): Promise<Page<PbxRecord>>;
  updatePbx(id: string, fields: Partial<Omit<PbxRecord, 'id' | 'type' | 'createdAt' | 'updatedAt'>>, now: Date): Promise<PbxRecord | null>;
  /** Fails with PBX_IN_USE while agents or calls belong to it. */
  deletePbx(id: string): Promise<Result<void>>;
  /** Fails with AGENT_EXTENSION_TAKEN when the PBX's extension has an agent. */
  createAgent(agent: Agent): Promise<Result<Agent>>;
  findAgent(id: string): Promise<Agent | null>;
  listAgents(pbxId: string | undefined, page: PageRequest): Promise<Page<Agent>>;
  updateAgent(id: string, fields: Partial<Pick<Agent, 'name' | 'extension' | 'sealedPassword'>>, now: Date): Promise<Result<Agent>>;
  deleteAgent(id: string): Promise<boolean>;
  /** Fails with TRAFFIC_SOURCE_DDR_TAKEN when another one has the DDR. */
  createTrafficSource(source: TrafficSource): Promise<Result<TrafficSource>>;
  findTrafficSource(id: string): Promise<TrafficSource | null>;
  findTrafficSourceByDdr(ddr: string): Promise<TrafficSource | null>;
  listTrafficSources(page: PageRequest): Promise<Page<TrafficSource>>;
  /**
   * Keeps a call's events, each once however often it is heard (its row made by its first event),
   * and — unless every one was heard before and its state already folds them all — saves the
   * state `decide` makes of the call with all its events. Concurrent events of one call converge:
   * a state is saved only over one folded from fewer events. The agent's stream gets the notice
   * when the call is new to it or its state or transfers changed. Answers the call's id (null: no
   * such PBX).
   */
  recordCallEvents(
    pbxId: string,
    init: { readonly id: string; readonly agentId: string | null; readonly direction: CallDirection; readonly startedAt: Date; readonly now: Date },
    events: readonly { readonly id: string; readonly event: CallEvent }[],
    decide: (kept: KeptCallEvents) => { readonly state: CallRecordState; readonly notice: CallNotice | null },
  ): Promise<string | null>;
  findCall(id: string): Promise<Call | null>;
  listCalls(filter: CallFilter, page: PageRequest): Promise<Page<Call>>;
  /** Every customer with this phone (E.164), and which of its phones it is. */
  customersByPhone(phone: string): Promise<readonly CustomerMatch[]>;
  attachCustomer(callId: string, customerId: string, now: Date): Promise<void>;
  /** Fails with CALL_HAS_CONTACT when the call has one. */
  createContact(contact: Contact): Promise<Result<Contact>>;
  findContact(id: string): Promise<Contact | null>;
  updateContact(id: string, fields: Partial<Pick<Contact, 'subject' | 'text' | 'trafficSourceId'>>, now: Date): Promise<Contact>;
  /** The agent's stream after `afterId` (none: from the next one on), oldest first. */
  agentEventsAfter(agentId: string, afterId: string | null, limit: number): Promise<readonly AgentStreamEvent[]>;
  /** The id the agent's stream is at now ('0' when it has none). */
  lastAgentEventId(agentId: string): Promise<string>;
  /**
   * Which agents' streams have events after `afterId` or written since `since` (one that committed
   * late), each with its newest id: what every open stream of a process polls, in one query.
   */
  agentStreamActivity(afterId: string | null, since: Date): Promise<readonly { agentId: string; lastId: string }[]>;
  /** Drops stream events older than `before`; answers how many. */
  purgeAgentEvents(before: Date): Promise<number>;
}

/** One line of an agent's stream; ids grow, as text (they are bigints). */
export interface AgentStreamEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly at: Date;
}

export interface OpaSuiteIntegrationRecord extends OpaSuiteIntegration {
  readonly sealedCredentials: string;
}

export interface OpaSuiteRepository {
  createIntegration(integration: OpaSuiteIntegrationRecord): Promise<OpaSuiteIntegration>;
  findIntegration(id: string): Promise<OpaSuiteIntegrationRecord | null>;
  listIntegrations(page: PageRequest): Promise<Page<OpaSuiteIntegration>>;
  updateIntegration(id: string, fields: Partial<Pick<OpaSuiteIntegrationRecord, 'description' | 'url' | 'channelId' | 'sealedCredentials' | 'authError'>>, now: Date): Promise<OpaSuiteIntegration | null>;
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Answers whether there was one. */
  deleteIntegration(id: string): Promise<boolean>;
}

/** Who a contract's notifications go to. */
export interface NotificationRecipient {
  readonly contractId: string;
  readonly contractDescription: string | null;
  readonly customerName: string;
  readonly mobilePhone: string | null;
  /** During a trust release, its last day (YYYY-MM-DD). */
  readonly trustReleaseEndsOn: string | null;
}

/** An open charge past its due date whose customer was not told yet. */
export interface NewlyOverdueCharge {
  readonly chargeId: string;
  readonly contractId: string;
  readonly dueCents: number;
  readonly dueDate: string;
  readonly competence: string;
}

export interface NotificationRepository {
  insert(notifications: readonly Notification[]): Promise<void>;
  find(id: string): Promise<Notification | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<Notification>>;
  update(id: string, fields: Partial<Pick<Notification, 'status' | 'messageId' | 'error' | 'sentAt'>>): Promise<void>;
  recipients(contractIds: readonly string[]): Promise<ReadonlyMap<string, NotificationRecipient>>;
  /**
   * Marks told the open charges overdue on `today` (due before it) not told yet, and answers them:
   * each charge is taken once, whatever runs at the same time.
   */
  takeNewlyOverdue(today: string, now: Date): Promise<readonly NewlyOverdueCharge[]>;
}

export interface CreditIntegrationRecord extends CreditIntegration {
  readonly sealedCredentials: string;
  readonly sealedWebhookSecret: string;
}

export interface ConsultationFilter {
  readonly document?: string;
  /** Consulted at or after. */
  readonly from?: Date;
  /** Consulted before. */
  readonly to?: Date;
}

export interface NegativationFilter {
  readonly contractId?: string;
  readonly state?: NegativationState;
}

export interface CreditRepository {
  createIntegration(integration: CreditIntegrationRecord): Promise<CreditIntegration>;
  findIntegration(id: string): Promise<CreditIntegrationRecord | null>;
  listIntegrations(page: PageRequest): Promise<Page<CreditIntegration>>;
  /** Every integration of a bureau, with its credentials (the sandbox admits only those). */
  integrationsOf(bureau: Bureau): Promise<readonly CreditIntegrationRecord[]>;
  updateIntegration(
    id: string,
    fields: Partial<Pick<CreditIntegrationRecord, 'description' | 'url' | 'active' | 'sealedCredentials' | 'sealedWebhookSecret' | 'authError'>>,
    now: Date,
  ): Promise<CreditIntegration | null>;
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Fails with CREDIT_INTEGRATION_IN_USE while negativations name it. */
  deleteIntegration(id: string): Promise<Result<void>>;
  /** Active integrations, oldest first. */
  activeIntegrations(): Promise<readonly CreditIntegration[]>;
  /** The latest completed consult of a document, for the consult-interval guard. */
  lastCompletedConsult(document: string): Promise<PreviousConsult | null>;
  saveConsultation(consultation: CreditConsultation): Promise<CreditConsultation>;
  findConsultation(id: string): Promise<CreditConsultation | null>;
  /** Newest first. */
  listConsultations(filter: ConsultationFilter, page: PageRequest): Promise<Page<CreditConsultation>>;
  /** Drops the raw answers whose retention ended; answers how many. */
  purgeRawAnswers(now: Date): Promise<number>;
  /** Fails with NEGATIVATION_EXISTS when the charge already has a live one. */
  createNegativation(negativation: Negativation): Promise<Result<Negativation>>;
  findNegativation(id: string): Promise<Negativation | null>;
  /** The negativation, locked until the transaction ends. */
  lockNegativation(id: string): Promise<Negativation | null>;
  /** By the bureau's id of the debt, locked until the transaction ends. */
  lockNegativationByRequest(integrationId: string, requestId: string): Promise<Negativation | null>;
  listNegativations(filter: NegativationFilter, page: PageRequest): Promise<Page<Negativation>>;
  updateNegativation(
    id: string,
    fields: Partial<Pick<Negativation, 'state' | 'requestId' | 'message' | 'registeredAt' | 'failedAt' | 'removedAt' | 'removalConfirmedAt'>>,
    now: Date,
  ): Promise<Negativation>;
  /** How many live (pending or registered) negativations the contract has. */
  countLiveNegativations(contractId: string): Promise<number>;
}

export interface StfcIntegrationRecord extends StfcIntegration {
  readonly sealedCredentials: string;
}

/** What the STFC lists filter on (seed 001's "Filtro avançado" and free search). */
export interface StfcContractFilter {
  readonly status?: ContractStatus;
  /** Free search: the customer's name or document, or the service's number. */
  readonly q?: string;
  /** Where the service stands with Summit: being provisioned, provisioned, or in error (its provisioning gave up, or a billing of the competence failed). */
  readonly integrationState?: 'pending' | 'provisioned' | 'error';
  /** Scopes the billing failures of `integrationState=error` to one competence (YYYY-MM). */
  readonly competence?: string;
  /** Services provisioned in this month (YYYY-MM) of the provider's time zone: the new subscribers. */
  readonly provisionedIn?: { readonly competence: string; readonly timeZone: string };
}

/** The STFC dashboard's indicators for a competence (seed 001). */
export interface StfcIndicators {
  readonly newSubscribers: number;
  readonly integrationErrors: number;
  readonly notBilled: number;
}

/** A contract with its Summit service and customer, as the STFC dashboard lists it. */
export interface StfcContractRow {
  readonly contract: Contract;
  readonly customer: { readonly id: string; readonly name: string; readonly document: string };
  readonly service: StfcService;
}

export interface StfcRepository {
  createIntegration(integration: StfcIntegrationRecord): Promise<StfcIntegration>;
  findIntegration(id: string): Promise<StfcIntegrationRecord | null>;
  listIntegrations(page: PageRequest): Promise<Page<StfcIntegration>>;
  updateIntegration(id: string, fields: Partial<Pick<StfcIntegrationRecord, 'description' | 'url' | 'sealedCredentials' | 'authError'>>, now: Date): Promise<StfcIntegration | null>;
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Fails with STFC_INTEGRATION_IN_USE while services use it. */
  deleteIntegration(id: string): Promise<Result<void>>;
  /** The STFC module is enabled while an integration exists (seed 001). */
  moduleEnabled(): Promise<boolean>;
  /** Fails with STFC_SERVICE_EXISTS or STFC_NUMBER_TAKEN when a live service already has the contract or the number. */
  createService(service: StfcService): Promise<Result<StfcService>>;
  findService(id: string): Promise<StfcService | null>;
  liveServiceOf(contractId: string): Promise<StfcService | null>;
  servicesOfContract(contractId: string): Promise<readonly StfcService[]>;
  markProvisioned(id: string, now: Date): Promise<void>;
  /** Marks deleted the live service sold by the item; answers whether there was one. */
  deleteServiceOfItem(contractItemId: string, now: Date): Promise<boolean>;
  addOneOffValue(value: OneOffValue): Promise<OneOffValue>;
  listOneOffValues(contractId: string, page: PageRequest): Promise<Page<OneOffValue>>;
  addZeroBillingEvent(event: ZeroBillingEvent): Promise<ZeroBillingEvent>;
  listZeroBillingEvents(contractId: string, page: PageRequest): Promise<Page<ZeroBillingEvent>>;
  /** Contracts with a Summit service (live or deleted: the latest one per contract), newest first by contract id. */
  listContracts(filter: StfcContractFilter, page: PageRequest): Promise<Page<StfcContractRow>>;
  /** Seed 001's eight rules as one query: the contracts billable for the competence. */
  listBillable(competence: string, filter: StfcContractFilter, page: PageRequest): Promise<Page<StfcContractRow>>;
  /**
   * What seed 001's rules read of these contracts for the competence, with the integration of each
   * one's live Summit service (contracts that do not exist are absent).
   */
  billingFacts(competence: string, contractIds: readonly string[]): Promise<ReadonlyMap<string, { readonly facts: BillingFacts; readonly integrationId: string | null }>>;
  createBatch(batch: BillingBatch, items: readonly BillingItem[]): Promise<void>;
  findBatch(id: string): Promise<BillingBatch | null>;
  listBatches(page: PageRequest): Promise<Page<BillingBatch & { readonly progress: BillingProgress }>>;
  /**
   * The batch's items as an operator sees them: an item still pending whose delivery gave up
   * (dead) shows as failed, with the delivery's last error.
   */
  itemsOfBatch(batchId: string): Promise<readonly BillingItem[]>;
  findItem(id: string): Promise<BillingItem | null>;
  /** The item, locked until the transaction ends. */
  lockItem(id: string): Promise<BillingItem | null>;
  /**
   * Moves a pending item on (to an end, or to awaiting_summit); the batch is finished once none is
   * pending or awaiting Summit.
   */
  settleItem(id: string, outcome: Pick<BillingItem, 'state' | 'message' | 'chargeId' | 'callsImported'>, now: Date): Promise<void>;
  /**
   * Items that have awaited Summit's month since `before` or longer, made pending again (each by
   * one caller only), with the integration of their contract's live Summit service; those whose
   * contract has none any more are skipped.
   */
  reopenAwaitingSummit(before: Date, now: Date): Promise<readonly (Pick<BillingItem, 'id' | 'batchId' | 'contractId' | 'competence'> & { readonly integrationId: string })[]>;
  /** Stores calls not imported yet (by Summit's call id); answers how many were new. */
  importCalls(calls: readonly CallRecord[]): Promise<number>;
  countCalls(contractId: string, competence: string): Promise<number>;
  /** Billed for the competence already: a batch did it, or a charge (not cancelled) exists. */
  alreadyBilled(contractId: string, competence: string): Promise<boolean>;
  listCallRecords(contractId: string, competence: string | undefined, page: PageRequest): Promise<Page<CallRecord>>;
  /** Each indicator counts the contracts its list shows (the same filters). */
  indicators(competence: string, timeZone: string): Promise<StfcIndicators>;
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
