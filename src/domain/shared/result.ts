import type { ErrorCode } from '../errors';

/** A business outcome: failures are values, exceptions are for bugs and infrastructure. */
export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A business rule said no. `code` is stable, one of the catalogue's (src/domain/errors.ts). */
export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly errors?: readonly FieldError[];
  /** The resource the request collided with, when one exists (a document's current holder…). */
  readonly existingId?: string;
  /** The earlier resource a confirmation is asked about (CONFIRMATION_REQUIRED: the last consult). */
  readonly previous?: { readonly id: string; readonly at: string };
  /** When it makes sense to try again (seconds): sent as Retry-After. */
  readonly retryAfterSeconds?: number;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, errors?: readonly FieldError[]): Result<never> => ({
  ok: false,
  error: errors ? { code, message, errors } : { code, message },
});
