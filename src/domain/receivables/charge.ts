import { fail, ok, type Result } from '../shared/result';

/** A charge is open until paid in full or cancelled. */
export const CHARGE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

/** A receivable of a contract: an amount due on a date, for a competence month. */
export interface Charge {
  readonly id: string;
  readonly contractId: string;
  readonly amountCents: number;
  /** What the payments add up to. */
  readonly paidCents: number;
  /** The day it falls due (YYYY-MM-DD). */
  readonly dueDate: string;
  /** The month it bills (YYYY-MM). */
  readonly competence: string;
  readonly description: string | null;
  readonly status: ChargeStatus;
  /** When the payment that settled it was made. */
  readonly paidAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ChargePayment {
  readonly id: string;
  readonly chargeId: string;
  readonly amountCents: number;
  /** When the customer paid (the bank's date), as the caller says. */
  readonly paidAt: Date;
  /** When Ponte recorded it. */
  readonly recordedAt: Date;
  /** Who recorded it: the API key's name. */
  readonly actor: string;
}

export const remainingCents = (charge: Pick<Charge, 'amountCents' | 'paidCents'>) =>
  charge.amountCents - charge.paidCents;

/** Overdue: still open after its due date. On the due date itself it is not overdue yet. */
export const isOverdue = (charge: Pick<Charge, 'status' | 'dueDate'>, today: string) =>
  charge.status === 'open' && charge.dueDate < today;

/**
 * A payment towards a charge: partial payments add up, the one that reaches the amount settles
 * it, and more than what remains is refused rather than kept as a credit nobody asked for.
 */
export function payCharge(
  charge: Charge,
  amountCents: number,
  paidAt: Date,
): Result<Pick<Charge, 'paidCents' | 'status' | 'paidAt'>> {
  if (charge.status !== 'open') {
    return fail('CHARGE_NOT_OPEN', `The charge is ${charge.status}: it takes no payment.`);
  }
  const remaining = remainingCents(charge);
  if (amountCents > remaining) {
    return fail(
      'PAYMENT_EXCEEDS_BALANCE',
      `The payment of ${amountCents} cents exceeds the ${remaining} cents still due.`,
      [{ field: 'amountCents', message: `At most ${remaining} (what is still due).` }],
    );
  }
  const paidCents = charge.paidCents + amountCents;
  return ok(
    paidCents === charge.amountCents
      ? { paidCents, status: 'paid', paidAt }
      : { paidCents, status: 'open', paidAt: null },
  );
}

/** Cancelling an open charge (partly paid or not) writes off what remains; a paid charge stays paid. Null: already cancelled. */
export function cancelCharge(charge: Charge): Result<'cancel' | null> {
  if (charge.status === 'paid') return fail('CHARGE_NOT_OPEN', 'The charge is paid: it cannot be cancelled.');
  return ok(charge.status === 'cancelled' ? null : 'cancel');
}

/** What a new charge is made of; everything else about it starts the same for every charge. */
export interface NewCharge {
  readonly id: string;
  readonly contractId: string;
  readonly amountCents: number;
  readonly dueDate: string;
  readonly competence: string;
  readonly description: string | null;
}

/** A charge as it opens, whoever bills it (a charge created by hand, an STFC billing batch): nothing paid yet. */
export const openCharge = (fields: NewCharge, now: Date): Charge => ({
  ...fields,
  paidCents: 0,
  status: 'open',
  paidAt: null,
  cancelledAt: null,
  createdAt: now,
  updatedAt: now,
});
