import type { ErrorRecords } from '../shared/error-record';

/** The customers area: its error codes, the HTTP status each answers with, and what it means. */
export const CUSTOMERS_ERRORS = {
  INVALID_DOCUMENT: { status: 400, meaning: 'The CPF or CNPJ is not valid (wrong length or check digits).' },
  INVALID_PHONE: { status: 400, meaning: 'The phone number is not a valid Brazilian number.' },
  CUSTOMER_NOT_FOUND: { status: 404, meaning: 'No customer has this id.' },
  CUSTOMER_DOCUMENT_TAKEN: {
    status: 409,
    meaning: 'Another customer already has this CPF/CNPJ; `existingId` is that customer.',
  },
  CUSTOMER_HAS_CONTRACTS: { status: 409, meaning: 'A customer with contracts cannot be deleted.' },
  UNKNOWN_CUSTOMER: { status: 422, meaning: 'The customer named in the body does not exist.' },
} as const satisfies ErrorRecords;
