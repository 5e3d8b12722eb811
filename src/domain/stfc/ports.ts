import type { Contract, ContractStatus } from '../contracts/contract';
import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { BillingFacts } from './billable';
import { type BillingBatch, BillingItem, type BillingProgress, CallRecord } from './billing';
import { type OneOffValue, type StfcIntegration, StfcService, type ZeroBillingEvent } from './stfc';

/* What the STFC area needs from storage: Summit integrations, services, billing batches and calls. */

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
  updateIntegration(
    id: string,
    fields: Partial<Pick<StfcIntegrationRecord, 'description' | 'url' | 'sealedCredentials' | 'authError'>>,
    now: Date,
  ): Promise<StfcIntegration | null>;
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
  billingFacts(
    competence: string,
    contractIds: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly facts: BillingFacts; readonly integrationId: string | null }>>;
  createBatch(batch: BillingBatch, items: readonly BillingItem[]): Promise<void>;
  findBatch(id: string): Promise<BillingBatch | null>;
  listBatches(page: PageRequest): Promise<Page<BillingBatch & { readonly progress: BillingProgress }>>;
  /** Billing runs still sending their items, and when the last one finished (null before any). */
  batchesState(): Promise<{ readonly running: number; readonly lastFinishedAt: Date | null }>;
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
  settleItem(
    id: string,
    outcome: Pick<BillingItem, 'state' | 'message' | 'chargeId' | 'callsImported'>,
    now: Date,
  ): Promise<void>;
  /**
   * Items that have awaited Summit's month since `before` or longer, made pending again (each by
   * one caller only), with the integration of their contract's live Summit service; those whose
   * contract has none any more are skipped.
   */
  reopenAwaitingSummit(
    before: Date,
    now: Date,
  ): Promise<
    readonly (Pick<BillingItem, 'id' | 'batchId' | 'contractId' | 'competence'> & { readonly integrationId: string })[]
  >;
  /** Stores calls not imported yet (by Summit's call id); answers how many were new. */
  importCalls(calls: readonly CallRecord[]): Promise<number>;
  countCalls(contractId: string, competence: string): Promise<number>;
  /** Billed for the competence already: a batch did it, or a charge (not cancelled) exists. */
  alreadyBilled(contractId: string, competence: string): Promise<boolean>;
  listCallRecords(contractId: string, competence: string | undefined, page: PageRequest): Promise<Page<CallRecord>>;
  /** Each indicator counts the contracts its list shows (the same filters). */
  indicators(competence: string, timeZone: string): Promise<StfcIndicators>;
}
