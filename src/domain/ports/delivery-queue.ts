import type { DeliveryFailure, FailureOutcome, Target } from '../deliveries/delivery';

/** A delivery the dispatcher has leased: it alone may call the partner until the lease ends. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly leaseToken: string;
  readonly target: Target;
  readonly platform: string;
  readonly integrationId: string | null;
  readonly action: string;
  /** What the target kind's handler needs to act (see OutboxEffect). */
  readonly payload: unknown;
  /** Including this one. */
  readonly attempts: number;
  /** Attempts since an operator last retried it (the retry policy's budget), including this one. */
  readonly attemptsSinceRetry: number;
  /** The W3C traceparent of the request that queued it, which its partner calls continue; null without one. */
  readonly traceParent: string | null;
  /** The integration whose limits it counts against (its id, or its platform: see limitKeyOf). */
  readonly limitKey: string;
  /** How long after the claim it may start (ms): its place in its integration's rate. */
  readonly startInMs: number;
}

/** What one attempt at a claimed delivery came to, at `at`. */
export type AttemptOutcome = {
  readonly claim: ClaimedDelivery;
  readonly at: Date;
  /** Calls this process started on the integration in the last second, for the rate to back off from. */
  readonly observedRatePerSecond?: number;
  /** The HTTP calls the attempt made to its partner. */
  readonly partnerCalls?: number;
} & ({ readonly status: 'succeeded' } | ({ readonly failure: DeliveryFailure } & FailureOutcome));

/** The outbox, as the dispatcher sees it. */
export interface DeliveryQueue {
  /**
   * Leases up to `limit` due deliveries (FOR UPDATE SKIP LOCKED), at most one per ordering key
   * and only the oldest unfinished one of each, so a target's effects apply in order; on each
   * integration no more than its limits allow (docs/operations.md, "Partner limits").
   */
  claim(limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]>;
  /**
   * Records the outcomes of many attempts at once, each with its line in the attempt history.
   * Answers the ids recorded: a delivery whose lease was lost (another dispatcher took it over)
   * is left as it is.
   */
  record(outcomes: readonly AttemptOutcome[]): Promise<ReadonlySet<string>>;
  /**
   * A dispatcher's round trip, in one transaction: records `outcomes` (as record does), then, when
   * asked, claims up to `claim.limit` due deliveries (as claim does), seeing what was just recorded.
   */
  exchange(
    outcomes: readonly AttemptOutcome[],
    claim: { readonly limit: number; readonly leaseMs: number; readonly now: Date } | null,
  ): Promise<{ readonly recorded: ReadonlySet<string>; readonly claimed: readonly ClaimedDelivery[] }>;
  /** Gives leased deliveries back unattempted: they are due again at once, the attempt uncounted. */
  release(claims: readonly ClaimedDelivery[]): Promise<void>;
  /** Deliveries by status, for metrics and tests. */
  counts(): Promise<Readonly<Record<'pending' | 'dead' | 'succeeded', number>>>;
}

/** Deliveries queued by other processes; listening answers how to stop. */
export interface DeliveryWakeups {
  listen(onWake: () => void): Promise<() => Promise<void>>;
}

/**
 * Carries out the effects of one target kind on its partner. Each call must be safe to repeat:
 * a dispatcher that dies mid-call leaves the delivery to another, which calls again.
 */
export interface EffectHandler {
  readonly kind: Target['kind'];
  apply(delivery: ClaimedDelivery): Promise<void>;
  /** The partner refused the credentials of the delivery's integration: say so where operators look. */
  credentialsRefused?(delivery: ClaimedDelivery, message: string, now: Date): Promise<void>;
  /**
   * The waits between its attempts (ms), when the kind has a schedule of its own (webhooks): used
   * instead of the dispatcher's exponential backoff; dead once every wait has been waited.
   */
  readonly retrySchedule?: readonly number[];
}
