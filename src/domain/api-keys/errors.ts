import type { ErrorRecords } from '../shared/error-record';

/** The API keys area: its error codes, the HTTP status each answers with, and what it means. */
export const API_KEYS_ERRORS = {
  API_KEY_NOT_FOUND: { status: 404, meaning: 'No API key has this id.' },
  LAST_ADMIN_KEY: { status: 409, meaning: 'This is the last admin key; create another admin key before revoking it.' },
} as const satisfies ErrorRecords;
