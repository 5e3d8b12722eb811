import type { ErrorRecords } from '../shared/error-record';

/** The reconciliation area: its error codes, the HTTP status each answers with, and what it means. */
export const RECONCILIATION_ERRORS = {
  RECONCILIATION_NOT_FOUND: { status: 404, meaning: 'No reconciliation run has this id.' },
  RECONCILIATION_INTEGRATION_NOT_FOUND: {
    status: 422,
    meaning:
      'No SVA integration has this integrationId, and it is neither `telecall` nor `voip`: nothing to reconcile there.',
  },
  RECONCILIATION_TARGET_MISMATCH: {
    status: 422,
    meaning:
      'The integrationId and targetKind do not go together (an SVA integration holds SVA users, `telecall` lines).',
  },
} as const satisfies ErrorRecords;
