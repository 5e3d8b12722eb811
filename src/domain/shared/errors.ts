import type { ErrorRecords } from './error-record';

/** Errors every area can answer with: input, authentication, routing, partners, the service itself. */
export const COMMON_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'A field is missing, unknown, of the wrong type or out of range; `errors` names each one.',
  },
  MALFORMED_JSON: { status: 400, meaning: 'The body could not be read as JSON.' },
  INVALID_CURSOR: { status: 400, meaning: 'The `cursor` was not one this API gave; start from the first page.' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, meaning: 'The Idempotency-Key header is empty or too long.' },
  UNAUTHENTICATED: { status: 401, meaning: 'No API key was sent, or it is not valid (unknown or revoked).' },
  FORBIDDEN: { status: 403, meaning: 'The API key is valid but lacks the scope this operation needs.' },
  NOT_FOUND: { status: 404, meaning: 'No route answers this path.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    meaning: 'The path exists but not with this method; the Allow header lists the methods it takes.',
  },
  PRECONDITION_FAILED: {
    status: 412,
    meaning:
      'The resource changed since the version named in If-Match (its ETag); read it again and apply the change to what it is now.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The body is larger than this API accepts.' },
  URI_TOO_LONG: { status: 414, meaning: 'A path parameter is longer than any id.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body must be sent as application/json.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    meaning: 'This Idempotency-Key was already used with another body; use a new key for a new request.',
  },
  PARTNER_URL_NOT_ALLOWED: {
    status: 422,
    meaning:
      'The partner URL must be https and lead to a public address, unless its host is in PARTNER_ALLOWED_HOSTS (which also allows http).',
  },
  RATE_LIMITED: {
    status: 429,
    meaning:
      'Too many requests for this API key (or, without a valid key, from this address); wait as long as Retry-After says. RateLimit and RateLimit-Policy tell the limit.',
  },
  INTERNAL_ERROR: { status: 500, meaning: 'Something failed inside Ponte; the detail gives the request id to report.' },
  PARTNER_REJECTED: { status: 502, meaning: 'The partner platform refused the call; the detail gives its reason.' },
  PARTNER_AUTH_FAILED: {
    status: 502,
    meaning: "The partner platform refused the integration's credentials; update them.",
  },
  PARTNER_UNAVAILABLE: {
    status: 502,
    meaning: 'The partner platform did not answer in time or answered with an error; try again later.',
  },
  PARTNER_THROTTLED: {
    status: 503,
    meaning:
      "The partner's limits leave no room for the call now: it asked Ponte to pause (429 or 503 with Retry-After), or the integration's calls at once or per second are taken; try again after Retry-After seconds.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning: 'Ponte is starting, stopping or overloaded; try again after Retry-After seconds.',
  },
} as const satisfies ErrorRecords;
