import type { AccessStatus, ContractStatus } from '../contracts/contract';

/** A competence month: YYYY-MM. */
export const COMPETENCE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first and last days of a competence month (YYYY-MM-DD). */
export function competenceDays(competence: string): { readonly first: string; readonly last: string } {
  const [year, month] = competence.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${competence}-01`, last: `${competence}-${String(last).padStart(2, '0')}` };
}

/**
 * What seed 001's "Gerar Cobrança" list needs to know of one contract for one competence. The
 * Summit service is the contract's live one (null: it has none).
 */
export interface BillingFacts {
  readonly contract: {
    readonly approved: boolean;
    readonly status: ContractStatus;
    readonly accessStatus: AccessStatus;
    /** Billing validity (vigência de faturamento), YYYY-MM-DD; null: open on that side. */
    readonly billingStart: string | null;
    readonly billingEnd: string | null;
  };
  readonly service: { readonly status: 'pending' | 'active'; readonly deleted: boolean } | null;
  /** A billing batch already billed the contract for the competence. */
  readonly billed: boolean;
  /** A charge of the competence that is not cancelled. */
  readonly hasCharge: boolean;
  /** A one-off value of the competence linked to the Summit service. */
  readonly hasOneOffValue: boolean;
  /** A zero-billing event on the contract (for the competence, or for every competence). */
  readonly hasZeroBilling: boolean;
}

/** The eight rules of seed 001, in its order: each names the condition a billable contract meets. */
export const BILLABLE_RULES = [
  'approved',
  'status_normal',
  'summit_service_active',
  'inside_billing_validity',
  'not_billed_in_competence',
  'no_charge_for_competence',
  'no_one_off_value',
  'no_zero_billing_event',
] as const;
export type BillableRule = (typeof BILLABLE_RULES)[number];

/**
 * "Em status Normal" (seed 001, Voalle): Voalle's contract statuses are Normal, Suspended,
 * Financial block, Administrative block and Cancelled, so a contract merely late ("financeiro em
 * atraso", still served) is Normal. Normal = an active contract whose access is not blocked:
 * active (also after a trust release) or late payment.
 */
export const NORMAL_ACCESS_STATUSES: readonly AccessStatus[] = ['active', 'late_payment'];

export const isStatusNormal = (contract: Pick<BillingFacts['contract'], 'status' | 'accessStatus'>) =>
  contract.status === 'active' && NORMAL_ACCESS_STATUSES.includes(contract.accessStatus);

/** Whether the billing validity covers any day of the competence. */
export function insideBillingValidity(
  contract: Pick<BillingFacts['contract'], 'billingStart' | 'billingEnd'>,
  competence: string,
): boolean {
  const { first, last } = competenceDays(competence);
  return (
    (contract.billingStart === null || contract.billingStart <= last) &&
    (contract.billingEnd === null || contract.billingEnd >= first)
  );
}

const HOLDS: Record<BillableRule, (facts: BillingFacts, competence: string) => boolean> = {
  approved: (f) => f.contract.approved,
  status_normal: (f) => isStatusNormal(f.contract),
  summit_service_active: (f) => f.service !== null && f.service.status === 'active' && !f.service.deleted,
  inside_billing_validity: (f, competence) => insideBillingValidity(f.contract, competence),
  not_billed_in_competence: (f) => !f.billed,
  no_charge_for_competence: (f) => !f.hasCharge,
  no_one_off_value: (f) => !f.hasOneOffValue,
  no_zero_billing_event: (f) => !f.hasZeroBilling,
};

/** The rules a contract breaks for a competence; none: it is billable. */
export const brokenRules = (facts: BillingFacts, competence: string): BillableRule[] =>
  BILLABLE_RULES.filter((rule) => !HOLDS[rule](facts, competence));

export const isBillable = (facts: BillingFacts, competence: string): boolean =>
  brokenRules(facts, competence).length === 0;
