import type { ErrorRecords } from '../shared/error-record';

/** The MVNO area (TeleCall lines): its error codes, the HTTP status each answers with, and what it means. */
export const MVNO_ERRORS = {
  INVALID_ICCID: { status: 400, meaning: 'The ICCID must have 19 or 20 digits and end in a valid check digit (Luhn).' },
  MVNO_LINE_NOT_FOUND: { status: 404, meaning: 'No MVNO line has this id.' },
  MVNO_MSISDN_TAKEN: { status: 409, meaning: 'Another live MVNO line has this number.' },
  MVNO_ICCID_TAKEN: { status: 409, meaning: 'Another live MVNO line has this SIM card (ICCID).' },
  MVNO_LINE_CANCELLED: { status: 409, meaning: 'A cancelled MVNO line cannot change.' },
} as const satisfies ErrorRecords;
