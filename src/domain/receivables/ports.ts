import type { Page, PageRequest } from '../ports/page';
import type { Charge, ChargePayment, ChargeStatus } from './charge';

/* What the receivables area needs from storage: charges and payments. */

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
  addPayment(
    payment: ChargePayment,
    charge: Pick<Charge, 'paidCents' | 'status' | 'paidAt'>,
    now: Date,
  ): Promise<Charge>;
  cancel(id: string, now: Date): Promise<Charge>;
  /** The contract's oldest charge still open after its due date, on `today`. */
  oldestOverdue(
    contractId: string,
    today: string,
  ): Promise<{ readonly chargeId: string; readonly dueDate: string } | null>;
}
