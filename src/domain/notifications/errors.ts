import type { ErrorRecords } from '../shared/error-record';

/** The notifications area (Opa! Suite): its error codes, the HTTP status each answers with, and what it means. */
export const NOTIFICATIONS_ERRORS = {
  OPA_SUITE_INTEGRATION_NOT_FOUND: { status: 404, meaning: 'No Opa! Suite integration has this id.' },
  OPA_SUITE_INTEGRATION_IN_USE: {
    status: 409,
    meaning: 'This Opa! Suite integration is the default communication channel of the settings.',
  },
  UNKNOWN_OPA_SUITE_INTEGRATION: { status: 422, meaning: 'No Opa! Suite integration has this id.' },
} as const satisfies ErrorRecords;
