import type { Notice } from '../shared/notice';

/** Contract status, as IXC Soft names it (A, P, I, N, D). */
export const CONTRACT_STATUSES = ['pre_contract', 'active', 'inactive', 'negativated', 'withdrawn'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Internet access status, as IXC Soft's `status_internet` (A, D, CM, CA, FA, AA). */
export const ACCESS_STATUSES = [
  'active',
  'disabled',
  'manual_block',
  'automatic_block',
  'late_payment',
  'awaiting_signature',
] as const;
export type AccessStatus = (typeof ACCESS_STATUSES)[number];

export const CONTRACT_EVENT_TYPES = [
  'activate',
  'report_late_payment',
  'block',
  'unblock',
  'trust_release',
  'cancel',
  'negativate',
  'remove_negativation',
  'withdraw',
] as const;
export type ContractEventType = (typeof CONTRACT_EVENT_TYPES)[number];

/**
 * What a line of a contract's history records: one of its events, or `reconcile` — a repair that
 * brought a partner platform back to the contract's state (docs/reconciliation.md), which leaves
 * the contract's own state as it was.
 */
export const HISTORY_TYPES = [...CONTRACT_EVENT_TYPES, 'reconcile'] as const;
export type ContractHistoryType = (typeof HISTORY_TYPES)[number];

/**
 * Events that follow from a credit bureau and cannot be asked for on the events route. Seed 000:
 * negativation is credit analysis's ("esconde os campos de consulta e negativação" when it is off),
 * so a contract is negativated only by negativating a debt at a bureau (POST /v1/negativations),
 * and comes back when its last negativation is removed (DELETE /v1/negativations/{id}) or refused.
 */
export const CONSEQUENT_EVENT_TYPES: readonly ContractEventType[] = ['negativate', 'remove_negativation'];
export const REQUESTABLE_EVENT_TYPES = CONTRACT_EVENT_TYPES.filter((type) => !CONSEQUENT_EVENT_TYPES.includes(type));
export type RequestableEventType = Exclude<ContractEventType, 'negativate' | 'remove_negativation'>;

export const EVENT_MODES = ['manual', 'automatic'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export interface ContractState {
  readonly status: ContractStatus;
  readonly accessStatus: AccessStatus;
}

export interface ContractEvent {
  readonly type: ContractEventType;
  readonly mode: EventMode;
}

/** Inactive (cancelled), negativated and withdrawn contracts are closed: nothing new is added or activated on them. */
export const CLOSED_CONTRACT_STATUSES: readonly ContractStatus[] = ['inactive', 'negativated', 'withdrawn'];
export const isContractClosed = (contract: Pick<ContractState, 'status'>) =>
  CLOSED_CONTRACT_STATUSES.includes(contract.status);

/**
 * The event whose effect a contract's access still carries: a line added to a blocked or late
 * contract takes what that event would have done to it. Null: nothing to follow.
 */
export const standingEvent = (accessStatus: AccessStatus): 'block' | 'report_late_payment' | null =>
  accessStatus === 'manual_block' || accessStatus === 'automatic_block'
    ? 'block'
    : accessStatus === 'late_payment'
      ? 'report_late_payment'
      : null;

/** A new contract waits for its signature before it can be activated. */
export const NEW_CONTRACT_STATE: ContractState = { status: 'pre_contract', accessStatus: 'awaiting_signature' };

export interface Contract extends ContractState {
  readonly id: string;
  readonly customerId: string;
  readonly description: string | null;
  /** Day of the month the bill closes (1–28). */
  readonly billingDay: number | null;
  readonly version: number;
  readonly activatedAt: Date | null;
  readonly blockedAt: Date | null;
  readonly endedAt: Date | null;
  /** During a trust release, the day the overdue policy may block the contract again (YYYY-MM-DD). */
  readonly trustReleaseEndsOn: string | null;
  /** When the trust release of the current overdue cycle was given; null once the debt is cleared. */
  readonly trustReleasedAt: Date | null;
  /** Seed 001: only approved contracts are billed. */
  readonly approved: boolean;
  readonly approvedAt: Date | null;
  /** Billing validity (vigência de faturamento), YYYY-MM-DD; null: open on that side. */
  readonly billingStart: string | null;
  readonly billingEnd: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One line of a contract's history. */
export interface ContractHistoryEntry {
  readonly id: string;
  readonly contractId: string;
  readonly type: ContractHistoryType;
  readonly mode: EventMode;
  readonly reason: string | null;
  readonly actor: string;
  readonly before: ContractState;
  readonly after: ContractState;
  /** What the event left undone on purpose (SVA users not created automatically, and why). */
  readonly notices: readonly Notice[];
  readonly at: Date;
}

/** The timestamps a transition sets: when access started, when it was cut, when the contract ended. */
export function stampTransition(
  contract: Contract,
  to: ContractState,
  now: Date,
): Pick<Contract, 'activatedAt' | 'blockedAt' | 'endedAt'> {
  const isBlock = to.accessStatus === 'manual_block' || to.accessStatus === 'automatic_block';
  const wasBlock = contract.accessStatus === 'manual_block' || contract.accessStatus === 'automatic_block';
  return {
    activatedAt: contract.activatedAt ?? (to.status === 'active' ? now : null),
    blockedAt: isBlock ? (wasBlock ? contract.blockedAt : now) : null,
    endedAt: to.status === 'active' || to.status === 'pre_contract' ? null : (contract.endedAt ?? now),
  };
}
