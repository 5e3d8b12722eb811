import { Type, type Static, type TSchema } from 'typebox';
import { ERROR_STATUS } from '../errors';

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
export const FreeText = (options: { maxLength: number; description?: string }) =>
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
export const Email = Type.String({ format: 'email', maxLength: 254 });

export const NoticeView = Type.Object(
  {
    code: StringEnum(['SVA_AUTO_CREATE_SKIPPED'] as const, { description: 'What was left undone.' }),
    message: Type.String(),
    productId: Id,
    reason: Type.String({ description: 'The code of the rule that stopped it: SVA_USER_MISSING_DATA, SVA_USER_CPF_TAKEN, SVA_USER_EMAIL_TAKEN…' }),
    missingFields: Type.Optional(Type.Array(Type.String(), { description: 'For SVA_USER_MISSING_DATA: the fields the customer record lacks.' })),
  },
  { $id: 'Notice', title: 'Notice', description: 'Something a change left undone on purpose, and why (the change itself succeeded).' },
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
    code: StringEnum(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[], { description: 'Stable machine-readable error code.' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String({ description: 'JSON pointer of the field at fault, without the leading slash.' }), message: Type.String() })),
    ),
    existingId: Type.Optional(Type.String({ description: 'For a conflict with a resource that exists, its id (CUSTOMER_DOCUMENT_TAKEN: the customer that holds the document).' })),
  },
  { $id: 'Problem', title: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json.' },
);

const ProblemRef = Type.Unsafe<Static<typeof ProblemSchema>>({ $ref: 'Problem#' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'Missing or invalid API key.',
  403: 'The API key lacks the scope this operation needs.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  413: 'The body is too large.',
  414: 'A path parameter is too long.',
  415: 'Unsupported content type.',
  422: 'Well-formed but not acceptable.',
  502: 'The partner platform failed or refused the call.',
};

/** The error responses of an operation; 400, 401, 403, 413 and 415 apply to every authenticated one (a body can be sent to any). */
export function problems(...statuses: number[]) {
  const all = [...new Set([400, 401, 403, 413, 415, ...statuses])].sort();
  return Object.fromEntries(
    all.map((status) => [status, { description: DESCRIPTIONS[status] ?? 'Error.', content: { 'application/problem+json': { schema: ProblemRef } } }]),
  ) as unknown as Record<number, typeof ProblemRef>;
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200).' })),
  cursor: Type.Optional(Text({ maxLength: 200, description: 'The `nextCursor` of the previous page.' })),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null at the end.' })) });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Text({ minLength: 1, maxLength: 255, description: 'Retries with the same key and body return the first answer.' }),
  ),
});
