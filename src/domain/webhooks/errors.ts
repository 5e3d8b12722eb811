import type { ErrorRecords } from '../shared/error-record';

/** The webhooks area: its error codes, the HTTP status each answers with, and what it means. */
export const WEBHOOKS_ERRORS = {
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, meaning: 'No webhook endpoint has this id.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, meaning: 'This webhook endpoint has no delivery with this id.' },
  WEBHOOK_DELIVERY_SUCCEEDED: {
    status: 409,
    meaning: 'This delivery already succeeded: replay its time window to send its event again.',
  },
  EVENT_NOT_FOUND: { status: 404, meaning: 'No event has this id, or it is older than the 30 days events are kept.' },
} as const satisfies ErrorRecords;
