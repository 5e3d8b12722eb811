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
}

/** The outbox, as the dispatcher sees it. */
export interface DeliveryQueue {
  /**
   * Leases up to `limit` due deliveries (FOR UPDATE SKIP LOCKED), at most one per ordering key
   * and only the oldest unfinished one of each, so a target's effects apply in order.
   */
  claim(limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]>;
  /** False when the lease was lost (another dispatcher took the delivery over). */
  succeed(claim: ClaimedDelivery, now: Date): Promise<boolean>;
  fail(claim: ClaimedDelivery, failure: DeliveryFailure, outcome: FailureOutcome, now: Date): Promise<boolean>;
  /** Deliveries by status, for metrics and tests. */
  counts(): Promise<Readonly<Record<'pending' | 'dead' | 'succeeded', number>>>;
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
}
