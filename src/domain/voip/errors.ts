import type { ErrorRecords } from '../shared/error-record';

/** The VoIP area (SIP lines): its error codes, the HTTP status each answers with, and what it means. */
export const VOIP_ERRORS = {
  SIP_LINE_NOT_FOUND: { status: 404, meaning: 'No SIP line has this id.' },
  SIP_EXTENSION_TAKEN: { status: 409, meaning: 'Another live SIP line has this extension.' },
  SIP_NUMBER_TAKEN: { status: 409, meaning: 'Another live SIP line has this number.' },
  SIP_LINE_CANCELLED: { status: 409, meaning: 'A cancelled SIP line cannot change.' },
  SIP_PASSWORD_REQUIRED: {
    status: 422,
    meaning: 'The settings (voip.sipPasswordRequired) require a password for every SIP line.',
  },
} as const satisfies ErrorRecords;
