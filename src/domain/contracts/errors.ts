import type { ErrorRecords } from '../shared/error-record';

/** The contracts area: its error codes, the HTTP status each answers with, and what it means. */
export const CONTRACTS_ERRORS = {
  CONTRACT_NOT_FOUND: { status: 404, meaning: 'No contract has this id.' },
  CONTRACT_ITEM_NOT_FOUND: { status: 404, meaning: 'The contract has no product item with this id.' },
  CONTRACT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    meaning:
      "The contract's current state does not allow this event; the contract's `allowedEvents` lists those it does.",
  },
  CONTRACT_CHANGED_CONCURRENTLY: {
    status: 409,
    meaning: 'The contract changed while this request was applied; read it again and retry.',
  },
  CONTRACT_CLOSED: {
    status: 409,
    meaning: 'The contract is closed (cancelled, negativated or withdrawn) and cannot change.',
  },
} as const satisfies ErrorRecords;
