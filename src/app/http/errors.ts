import { ERROR_CATALOGUE, type ErrorCode } from '../../domain/errors';
import type { DomainError, FieldError } from '../../domain/shared/result';
import type { FastifyReply } from 'fastify';

/** Each code's HTTP status, from the catalogue the areas assemble (src/domain/errors.ts). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze(
  Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, record]) => [code, record.status])) as Record<
    ErrorCode,
    number
  >,
);

/** What each code means and what to do about it: the page its problem `type` leads to says this. */
export const ERROR_MEANINGS: Readonly<Record<ErrorCode, string>> = Object.freeze(
  Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, record]) => [code, record.meaning])) as Record<
    ErrorCode,
    string
  >,
);

export type { ErrorCode };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  existingId?: string;
  previousConsultationId?: string;
  previousConsultedAt?: string;
}

export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Where a code's page lives: `CUSTOMER_DOCUMENT_TAKEN` → `/problems/customer-document-taken`. */
export const problemTypeOf = (code: ErrorCode) => `/problems/${code.toLowerCase().replace(/_/g, '-')}`;

export function problem(
  code: ErrorCode,
  detail: string,
  errors?: readonly FieldError[],
  existingId?: string,
  previous?: DomainError['previous'],
): Problem {
  const status = ERROR_STATUS[code];
  return {
    type: problemTypeOf(code),
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
    ...(existingId ? { existingId } : {}),
    ...(previous ? { previousConsultationId: previous.id, previousConsultedAt: previous.at } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Maps a business failure to its problem; an unknown code is a bug and answers 500. */
export function sendDomainError(reply: FastifyReply, error: DomainError) {
  const code = error.code in ERROR_STATUS ? error.code : 'INTERNAL_ERROR';
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return sendProblem(reply, problem(code, error.message, error.errors, error.existingId, error.previous));
}
