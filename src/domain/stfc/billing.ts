import type { OutboxEffect } from '../deliveries/delivery';
import type { SummitCallRecord } from './summit';
import { competenceDays } from './billable';

/** Gerar Cobrança: one request for a competence and a list of contracts. */
export interface BillingBatch {
  readonly id: string;
  readonly competence: string;
  readonly total: number;
  readonly actor: string;
  readonly createdAt: Date;
  /** When its last contract was processed. */
  readonly finishedAt: Date | null;
}

/**
 * One contract of a batch. pending: waiting or being processed (a Summit failure is retried);
 * awaiting_summit: Summit has not closed the month yet, asked again until it has (not an
 * integration error); done: billed (its charge created, its calls imported); failed: Summit
 * refused it, or gave up after the retries; skipped: nothing to bill (already billed for the
 * competence, or the contract no longer fits the rules).
 */
export const BILLING_ITEM_STATES = ['pending', 'awaiting_summit', 'done', 'failed', 'skipped'] as const;
export type BillingItemState = (typeof BILLING_ITEM_STATES)[number];

export interface BillingItem {
  readonly id: string;
  readonly batchId: string;
  readonly contractId: string;
  readonly competence: string;
  readonly state: BillingItemState;
  readonly message: string | null;
  readonly chargeId: string | null;
  readonly callsImported: number;
  /** The tries of its delivery. */
  readonly attempts: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** States of an item still to be processed: the batch is not finished while one is. */
export const OPEN_ITEM_STATES: readonly BillingItemState[] = ['pending', 'awaiting_summit'];

/** How long an item waits for Summit to close its month before it is asked again. */
export const AWAITING_SUMMIT_RETRY_MS = 60 * 60_000;

export interface BillingProgress {
  readonly total: number;
  readonly done: number;
  readonly pending: number;
  readonly awaitingSummit: number;
  readonly failed: number;
  readonly skipped: number;
}

/** How far a batch got: every item that is neither pending nor awaiting Summit is processed. */
export const progressOf = (states: readonly BillingItemState[]): BillingProgress => ({
  total: states.length,
  done: states.filter((s) => s === 'done').length,
  pending: states.filter((s) => s === 'pending').length,
  awaitingSummit: states.filter((s) => s === 'awaiting_summit').length,
  failed: states.filter((s) => s === 'failed').length,
  skipped: states.filter((s) => s === 'skipped').length,
});

/** The charge of a competence falls due on the contract's billing day of the following month. */
export function dueDateOf(competence: string, billingDay: number): string {
  const { last } = competenceDays(competence);
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return `${next.toISOString().slice(0, 8)}${String(billingDay).padStart(2, '0')}`;
}

export interface BillingEffect {
  readonly action: 'bill_contract';
  readonly item: {
    readonly itemId: string;
    readonly batchId: string;
    readonly contractId: string;
    readonly competence: string;
  };
}

/** The outbox row that processes one contract of a batch: retried, leased and resumed like every partner call. */
export const billingItemEffect = (
  item: Pick<BillingItem, 'id' | 'batchId' | 'contractId' | 'competence'>,
  integrationId: string,
): OutboxEffect<BillingEffect> => ({
  target: { kind: 'stfc_billing', id: item.id },
  platform: 'summit',
  integrationId,
  contractId: item.contractId,
  action: 'bill_contract',
  orderingKey: `stfc_billing:${item.contractId}:${item.competence}`,
  payload: {
    action: 'bill_contract',
    item: { itemId: item.id, batchId: item.batchId, contractId: item.contractId, competence: item.competence },
  },
});

/** A call imported from Summit, once (Summit's call id, per contract). */
export interface CallRecord extends SummitCallRecord {
  readonly id: string;
  readonly contractId: string;
  readonly competence: string;
  readonly batchId: string | null;
  readonly importedAt: Date;
}
