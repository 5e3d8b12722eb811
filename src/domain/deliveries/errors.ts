import type { ErrorRecords } from '../shared/error-record';

/** The integration deliveries area: its error codes, the HTTP status each answers with, and what it means. */
export const DELIVERIES_ERRORS = {
  DELIVERY_NOT_FOUND: { status: 404, meaning: 'No integration delivery has this id.' },
  DELIVERY_ALREADY_SUCCEEDED: { status: 409, meaning: 'The delivery already succeeded; there is nothing to retry.' },
  INTEGRATION_NOT_FOUND: {
    status: 404,
    meaning: 'No integration has this id (an integration id, or telecall or voip for the ones Ponte has only one of).',
  },
} as const satisfies ErrorRecords;
