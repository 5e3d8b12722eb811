import type { ErrorRecords } from '../shared/error-record';

/** The overdue policy area: its error codes, the HTTP status each answers with, and what it means. */
export const OVERDUE_ERRORS = {
  NO_OVERDUE_CHARGE: {
    status: 409,
    meaning:
      'A trust release is for a contract blocked over an overdue charge; this one has none (release it with unblock).',
  },
  TRUST_RELEASE_NOT_OFFERED: {
    status: 409,
    meaning: 'The overdue policy offers no trust release (its trustReleaseMaxDays is null).',
  },
  TRUST_RELEASE_ALREADY_USED: {
    status: 409,
    meaning: 'The contract had its trust release in this overdue cycle; another comes after the debt is cleared.',
  },
  OVERDUE_RUN_IN_PROGRESS: {
    status: 409,
    meaning: 'Another process is running the overdue policy; try again when it ends.',
  },
  TRUST_RELEASE_TOO_LONG: {
    status: 422,
    meaning: "The trust release asks for more days than the overdue policy's trustReleaseMaxDays.",
  },
  UNKNOWN_OVERDUE_PRESET: {
    status: 422,
    meaning: 'No overdue policy preset has this id (see GET /v1/settings/overdue-policy/presets).',
  },
  OVERDUE_STAGES_CONFLICT: {
    status: 422,
    meaning: 'A preset sets the stage days: send the preset or the days, not both.',
  },
  OVERDUE_STAGES_OUT_OF_ORDER: {
    status: 422,
    meaning:
      'The stages must come in order: late payment, then block, then cancel, each after more days than the one before.',
  },
} as const satisfies ErrorRecords;
