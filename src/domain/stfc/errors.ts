import type { ErrorRecords } from '../shared/error-record';

/** The STFC area (Summit billing): its error codes, the HTTP status each answers with, and what it means. */
export const STFC_ERRORS = {
  STFC_INTEGRATION_NOT_FOUND: { status: 404, meaning: 'No Summit integration has this id.' },
  BILLING_BATCH_NOT_FOUND: { status: 404, meaning: 'No billing batch has this id.' },
  STFC_INTEGRATION_IN_USE: { status: 409, meaning: 'Summit services (live or in history) use this integration.' },
  STFC_MODULE_DISABLED: { status: 409, meaning: 'The STFC module is disabled: no Summit integration is registered.' },
  STFC_SERVICE_EXISTS: { status: 409, meaning: 'The contract already has a live Summit telephony service.' },
  STFC_NUMBER_TAKEN: { status: 409, meaning: 'Another live Summit service has this number.' },
  STFC_CLOSING_DAY_MISSING: {
    status: 409,
    meaning: "Summit needs the contract's closing day (billingDay), which is not set.",
  },
  UNKNOWN_STFC_INTEGRATION: { status: 422, meaning: 'The Summit integration named in the body does not exist.' },
} as const satisfies ErrorRecords;
