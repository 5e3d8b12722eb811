import type { ErrorRecords } from '../shared/error-record';

/** The receivables area (charges and payments): its error codes, the HTTP status each answers with, and what it means. */
export const RECEIVABLES_ERRORS = {
  CHARGE_NOT_FOUND: { status: 404, meaning: 'No charge has this id.' },
  CHARGE_NOT_OPEN: {
    status: 409,
    meaning: 'The charge is paid or cancelled: it takes no payment, and a paid one cannot be cancelled.',
  },
  CHARGE_NOT_OVERDUE: { status: 409, meaning: 'Only an overdue charge (open, past its due date) can be negativated.' },
  CHARGE_NOT_ON_CONTRACT: { status: 409, meaning: 'The charge belongs to another contract.' },
  PAYMENT_EXCEEDS_BALANCE: { status: 422, meaning: 'The payment is more than what is still due on the charge.' },
} as const satisfies ErrorRecords;
