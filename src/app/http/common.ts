import { Type, type Static, type TSchema } from 'typebox';
import { ERROR_MEANINGS, ERROR_STATUS, problem, type ErrorCode } from './errors';

/** A string enum that shows in OpenAPI as `type: string, enum: [...]`. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Canonical hyphenated UUIDs only: ajv's `uuid` format also takes `urn:uuid:…`, which PostgreSQL refuses. */
export const Id = Type.String({
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'Resource id: a UUID in its canonical hyphenated form.',
});

/** One line of stored text: no NUL nor any other control character (PostgreSQL refuses NUL). */
export const Text = (options: { maxLength: number; minLength?: number; description?: string }) =>
  Type.String({ pattern: '^[^\\u0000-\\u001F\\u007F]*$', ...options });

/** Free text (descriptions, reasons): tab and line breaks allowed, other control characters not. */
export const FreeText = (options: { maxLength: number; minLength?: number; description?: string }) =>
  Type.String({ pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$', ...options });

/** A partner credential: printable, no whitespace, never returned. */
export const Credential = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 500,
    pattern: '^[^\\s\\u0000-\\u001F\\u007F]+$',
    writeOnly: true,
    description: `${description} Write-only: stored encrypted, never returned. No spaces or control characters.`,
  });
export const IdParams = Type.Object({ id: Id });
export const Timestamp = Type.String({ format: 'date-time' });

/**
 * Days and instants a request sends: years 1900 to 2999, which PostgreSQL and every partner read
 * alike (a year 0000 is valid ISO 8601 but not a date PostgreSQL stores).
 */
export const YEARS_ACCEPTED = '^(19|2[0-9])[0-9]{2}-';
export const RequestTimestamp = (description: string) =>
  Type.String({ format: 'date-time', pattern: YEARS_ACCEPTED, description });

/** A partner's refusal of an integration's credentials, as integrations show it (`description` says who refused and when it clears). */
export const AuthError = (description: string) =>
  Nullable(Type.Object({ at: Timestamp, message: Type.String() }, { description }));
export const authErrorView = (authError: { readonly at: Date; readonly message: string } | null) =>
  authError ? { at: authError.at.toISOString(), message: authError.message } : null;
export const Email = Type.String({ format: 'email', maxLength: 254 });

export const NoticeView = Type.Object(
  {
    code: StringEnum(['SVA_AUTO_CREATE_SKIPPED'] as const, { description: 'What was left undone.' }),
    message: Type.String(),
    productId: Id,
    reason: Type.String({
      description:
        'The code of the rule that stopped it: SVA_USER_MISSING_DATA, SVA_USER_CPF_TAKEN, SVA_USER_EMAIL_TAKEN…',
    }),
    missingFields: Type.Optional(
      Type.Array(Type.String(), { description: 'For SVA_USER_MISSING_DATA: the fields the customer record lacks.' }),
    ),
  },
  {
    $id: 'Notice',
    title: 'Notice',
    description: 'Something a change left undone on purpose, and why (the change itself succeeded).',
  },
);

export const Notices = Type.Array(Type.Unsafe<Static<typeof NoticeView>>({ $ref: 'Notice#' }), {
  description: 'SVA users that automatic creation did not make, and why (seed 003). Empty when nothing was skipped.',
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Relative URI naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: StringEnum(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[], {
      description: 'Stable machine-readable error code.',
    }),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'JSON pointer of the field at fault, without the leading slash.' }),
          message: Type.String(),
        }),
      ),
    ),
    existingId: Type.Optional(
      Type.String({
        description:
          'For a conflict with a resource that exists, its id (CUSTOMER_DOCUMENT_TAKEN: the customer that holds the document).',
      }),
    ),
    previousConsultationId: Type.Optional(
      Type.String({ description: 'CONFIRMATION_REQUIRED: the id of the earlier consult of the same document.' }),
    ),
    previousConsultedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'CONFIRMATION_REQUIRED: when the earlier consult was made.' }),
    ),
  },
  { $id: 'Problem', title: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json.' },
);

const ProblemRef = Type.Unsafe<Static<typeof ProblemSchema>>({ $ref: 'Problem#' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: each field at fault is listed under `errors`.',
  401: 'Missing or invalid API key.',
  403: 'The API key lacks the scope this operation needs.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  413: 'The body is too large.',
  414: 'A path parameter is too long.',
  415: 'Unsupported content type: send application/json.',
  412: 'The resource changed since the ETag sent in If-Match.',
  429: 'Too many requests: wait as long as Retry-After says.',
  503: 'Ponte cannot serve this now: try again after Retry-After seconds.',
  422: 'Well-formed but not acceptable.',
  502: 'The partner platform failed or refused the call.',
};

/** The codes every operation can answer, whatever it does. */
const ALWAYS: Partial<Record<number, ErrorCode[]>> = {
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  413: ['PAYLOAD_TOO_LARGE'],
  414: ['URI_TOO_LONG'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  429: ['RATE_LIMITED'],
  503: ['SERVICE_UNAVAILABLE'],
};

const RETRY_AFTER = { description: 'Seconds to wait before trying again.', type: 'integer', minimum: 0 };
/** The headers an answer of a status carries, beyond the problem. */
const HEADERS: Partial<Record<number, Record<string, unknown>>> = {
  429: {
    'Retry-After': RETRY_AFTER,
    RateLimit: {
      description:
        'The limit\'s name, the requests left (`r`) and the seconds until the window resets (`t`): `"per-key";r=0;t=42`.',
      type: 'string',
    },
    'RateLimit-Policy': {
      description: 'The limit\'s name, its quota (`q`) and window in seconds (`w`): `"per-key";q=6000;w=60`.',
      type: 'string',
    },
  },
  503: { 'Retry-After': RETRY_AFTER },
};

/** What a problem of each code looks like, as the operation's example. */
const EXAMPLE_DETAILS: Partial<Record<ErrorCode, Partial<Problem>>> = {
  VALIDATION_FAILED: {
    detail: 'The body is not valid.',
    errors: [{ field: 'email', message: 'Must be an e-mail address.' }],
  },
  MALFORMED_JSON: { detail: 'The body is not valid JSON.' },
  UNAUTHENTICATED: { detail: 'Send a valid API key as Authorization: Bearer <key>.' },
  FORBIDDEN: { detail: "This API key lacks the 'contracts:write' scope." },
  PAYLOAD_TOO_LARGE: { detail: 'The body is larger than this API accepts.' },
  URI_TOO_LONG: { detail: 'A path parameter is longer than any id.' },
  UNSUPPORTED_MEDIA_TYPE: { detail: 'Send the body as application/json.' },
  RATE_LIMITED: { detail: 'Too many requests; try again in 42 seconds.' },
  SERVICE_UNAVAILABLE: { detail: 'Ponte is overloaded; try again in a few seconds.' },
  PRECONDITION_FAILED: { detail: 'This contract is at version 4, not the one If-Match names (3).' },
  NEGATIVATION_ONLY_THROUGH_BUREAU: {
    detail:
      'A contract is negativated only through a credit bureau: negativate its overdue charge with POST /v1/negativations (credit analysis must be on).',
  },
  CONTRACT_TRANSITION_NOT_ALLOWED: {
    detail: "Event 'unblock' is not allowed for a contract with status 'inactive' and access status 'disabled'.",
  },
  CUSTOMER_DOCUMENT_TAKEN: {
    detail: 'Customer 0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81 already has this document.',
    errors: [{ field: 'document', message: 'Already in use.' }],
    existingId: '0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81',
  },
  SVA_USER_MISSING_DATA: {
    detail: 'The customer record lacks data the platform needs.',
    errors: [{ field: 'customer/email', message: 'Required by EXA.' }],
  },
  SVA_USER_CPF_TAKEN: { detail: 'CPF já cadastrado' },
  IDEMPOTENCY_KEY_REUSED: { detail: 'This Idempotency-Key was used with another body.' },
  CONFIRMATION_REQUIRED: {
    detail:
      'This document was consulted on 2026-11-20T13:05:00.000Z, less than 30 day(s) ago: send the consult again with confirm: true to consult it anyway.',
    errors: [{ field: 'confirm', message: 'Required to consult the same document again inside the interval.' }],
    previousConsultationId: '0193a4fb-8a01-7c3d-9e4f-5a6b7c8d9e0f',
    previousConsultedAt: '2026-11-20T13:05:00.000Z',
  },
};

type Problem = Static<typeof ProblemSchema>;

const exampleOf = (code: ErrorCode) => {
  const given = EXAMPLE_DETAILS[code] ?? {};
  const previous =
    given.previousConsultationId && given.previousConsultedAt
      ? { id: given.previousConsultationId, at: given.previousConsultedAt }
      : undefined;
  return problem(code, given.detail ?? ERROR_MEANINGS[code], given.errors, given.existingId, previous);
};

/**
 * The error responses of an operation, from the codes it can answer (or a bare status). 400, 401,
 * 403, 413 and 415 apply to every authenticated one (a body can be sent to any). Each status lists
 * its codes in the description and shows one example per code.
 */
export function problems(...answers: (number | ErrorCode)[]) {
  return problemResponses([400, 401, 403, 413, 415, 429, 503, ...answers]);
}

/** The error responses of an operation that needs no key (pages, partner callbacks): limited per address. */
export function publicProblems(...answers: (number | ErrorCode)[]) {
  return problemResponses([429, 503, ...answers]);
}

/** The error responses of a probe, which is never limited nor refused under load (health, readiness). */
export function probeProblems(...answers: (number | ErrorCode)[]) {
  return problemResponses(answers);
}

function problemResponses(answers: (number | ErrorCode)[]) {
  const codes = answers.filter((a): a is ErrorCode => typeof a === 'string');
  const statuses = [...new Set(answers.map((a) => (typeof a === 'number' ? a : ERROR_STATUS[a])))].sort();
  return Object.fromEntries(
    statuses.map((status) => {
      const own = [...new Set([...(ALWAYS[status] ?? []), ...codes.filter((code) => ERROR_STATUS[code] === status)])];
      const description = `${DESCRIPTIONS[status] ?? 'Error.'}${own.length > 0 ? ` Codes: ${own.join(', ')}.` : ''}`;
      const examples = Object.fromEntries(
        own.map((code) => [code, { summary: ERROR_MEANINGS[code], value: exampleOf(code) }]),
      );
      return [
        status,
        {
          description,
          ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
          content: { 'application/problem+json': { schema: ProblemRef, ...(own.length > 0 ? { examples } : {}) } },
        },
      ];
    }),
  ) as unknown as Record<number, typeof ProblemRef>;
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200).' })),
  cursor: Type.Optional(Text({ maxLength: 200, description: 'The `nextCursor` of the previous page.' })),
};

/** One page of a list; named `<Item>Page` in the OpenAPI document. */
export const pageOf = <T extends TSchema>(item: T) => {
  const title = (item as unknown as { title?: unknown }).title;
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null at the end.' })),
    },
    {
      ...(typeof title === 'string' ? { title: `${title}Page` } : {}),
      description: 'One page of the list, oldest first; follow `nextCursor` for the next.',
    },
  );
};

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Text({ minLength: 1, maxLength: 255, description: 'Retries with the same key and body return the first answer.' }),
  ),
});
