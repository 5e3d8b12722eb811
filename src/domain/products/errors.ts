import type { ErrorRecords } from '../shared/error-record';

/** The products area: its error codes, the HTTP status each answers with, and what it means. */
export const PRODUCTS_ERRORS = {
  PRODUCT_NOT_FOUND: { status: 404, meaning: 'No product has this id.' },
  UNKNOWN_PRODUCT: { status: 422, meaning: 'The product named in the body does not exist.' },
  PRODUCT_NOT_SVA: { status: 422, meaning: 'The product is not of type sva.' },
  PRODUCT_NOT_VOIP: {
    status: 422,
    meaning: 'The product must be of type voip (the VoIP default product is the telephony add-on).',
  },
} as const satisfies ErrorRecords;
