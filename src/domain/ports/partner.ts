import type { FailureKind } from '../deliveries/delivery';

/* How every partner adapter reports a failed call, whatever the platform. */

/** A partner call that failed, classified for the dispatcher: what the kinds mean is in docs/partners.md. */
export class PartnerError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryAfterMs?: number,
    /** Refused for the partner's own limits (429, or 503 with Retry-After): the integration slows down. */
    readonly throttled = false,
  ) {
    super(message);
    this.name = 'PartnerError';
  }
}
