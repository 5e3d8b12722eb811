import type { Page, PageRequest } from '../ports/page';
import type { ContractItem } from '../products/product';
import type { AnyTargetCall } from '../deliveries/target-call';
import type { AccessStatus, Contract, ContractEventType, ContractHistoryEntry, ContractStatus } from './contract';

/* What the contracts area needs from storage: contracts, their items and their events. */

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
  updateDetails(
    id: string,
    fields: Partial<Pick<Contract, 'description' | 'billingDay' | 'billingStart' | 'billingEnd'>>,
    now: Date,
  ): Promise<Contract | null>;
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
  recordEvents(
    changes: readonly DecidedEvent[],
    policies: readonly TargetPolicy[],
    now: Date,
  ): Promise<{ readonly saved: number; readonly moved: number; readonly told: number }>;
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

/**
 * A contract event as the lifecycle table decided it: the contract with its new state and stamps
 * (its version still the one it was decided on) and the event's history line, whose id is the
 * cause of the partner calls that follow.
 */
export interface DecidedEvent {
  readonly contract: Contract;
  readonly event: ContractHistoryEntry;
}

/** A cell of a policy table: with this event, a target in state `from` goes to `to` by the call `action` (SVA cells also name their platform). */
export interface PolicyRow {
  readonly event: ContractEventType;
  readonly from: string;
  readonly to: string;
  readonly action: string;
  readonly platform?: string;
}

/** One target kind's policy table, as rows a set-based write joins on, and how its calls are made. */
export interface TargetPolicy {
  readonly call: AnyTargetCall;
  readonly rows: readonly PolicyRow[];
}
