import type { DeliveryFailure, FailureOutcome } from '../delivery/delivery';
import type { SvaEffect } from '../sva/sva';

/** A delivery the dispatcher has leased: it alone may call the partner until the lease ends. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly leaseToken: string;
  readonly integrationId: string;
  readonly effect: SvaEffect;
  /** Including this one. */
  readonly attempts: number;
  /** Attempts since an operator last retried it (the retry policy's budget), including this one. */
  readonly attemptsSinceRetry: number;
}

/** The outbox, as the dispatcher sees it. */
export interface DeliveryQueue {
  /**
   * Leases up to `limit` due deliveries (FOR UPDATE SKIP LOCKED), at most one per partner user
   * and only the oldest unfinished one of each, so a user's effects apply in order.
   */
  claim(limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]>;
  /** False when the lease was lost (another dispatcher took the delivery over). */
  succeed(claim: ClaimedDelivery, now: Date): Promise<boolean>;
  fail(claim: ClaimedDelivery, failure: DeliveryFailure, outcome: FailureOutcome, now: Date): Promise<boolean>;
  /** Marks an integration whose credentials the platform refused. */
  flagIntegration(integrationId: string, message: string, now: Date): Promise<void>;
  /** Deliveries not yet succeeded, by status, for metrics and tests. */
  counts(): Promise<Readonly<Record<'pending' | 'dead' | 'succeeded', number>>>;
}
