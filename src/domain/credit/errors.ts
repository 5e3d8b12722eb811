import type { ErrorRecords } from '../shared/error-record';

/** The credit analysis area (bureaus, consults, negativations): its error codes, the HTTP status each answers with, and what it means. */
export const CREDIT_ERRORS = {
  CREDIT_INTEGRATION_NOT_FOUND: { status: 404, meaning: 'No credit-analysis integration has this id.' },
  CREDIT_CONSULTATION_NOT_FOUND: { status: 404, meaning: 'No credit consult has this id.' },
  NEGATIVATION_NOT_FOUND: {
    status: 404,
    meaning: 'No negativation has this id (or, on a webhook, this bureau request id).',
  },
  NEGATIVATION_ONLY_THROUGH_BUREAU: {
    status: 409,
    meaning:
      'A contract is negativated only through a credit bureau: POST /v1/negativations (while credit analysis is on); DELETE /v1/negativations/{id} removes it. The events route refuses negativate and remove_negativation.',
  },
  CREDIT_ANALYSIS_DISABLED: {
    status: 409,
    meaning:
      'Credit analysis is off (settings creditAnalysis.enabled): register an active credit-analysis integration first.',
  },
  CONFIRMATION_REQUIRED: {
    status: 409,
    meaning:
      "The document was consulted inside the settings' reconsult interval: send `confirm: true` to consult it again; `previousConsultationId` and `previousConsultedAt` name the earlier consult.",
  },
  CREDIT_INTEGRATION_IN_USE: {
    status: 409,
    meaning: 'Negativations were made through this integration: deactivate it instead of deleting it.',
  },
  CREDIT_INTEGRATION_INACTIVE: { status: 409, meaning: 'The credit-analysis integration is not active.' },
  NEGATIVATION_EXISTS: { status: 409, meaning: 'The charge already has a live (pending or registered) negativation.' },
  NEGATIVATION_NOT_REMOVABLE: {
    status: 409,
    meaning: 'A negativation the bureau refused (failed) holds nothing to remove.',
  },
  UNKNOWN_CREDIT_INTEGRATION: {
    status: 422,
    meaning: 'The credit-analysis integration named in the body does not exist.',
  },
  CREDIT_BUREAU_NOT_SUPPORTED: { status: 422, meaning: 'Ponte does not yet speak to this bureau for this operation.' },
} as const satisfies ErrorRecords;
