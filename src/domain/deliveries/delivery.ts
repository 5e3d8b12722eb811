/**
 * What a partner effect acts on. Each kind has one effect handler that carries its effects out;
 * new partners add their kinds (SIP lines, MVNO lines…).
 */
export const TARGET_KINDS = [
  'sva_user',
  'sip_line',
  'mvno_line',
  'stfc_service',
  'stfc_billing',
  'negativation',
  'notification',
  'webhook',
  // A subscription a platform holds that Ponte does not own, removed by a reconciliation's repair.
  'extra_subscription',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Target {
  readonly kind: TargetKind;
  readonly id: string;
}

/**
 * One thing to make happen on a partner platform, written to the outbox with the change that
 * caused it. Effects with the same `orderingKey` apply one after the other, oldest first (by
 * default the target itself); `payload` is what the target kind's handler needs to act.
 */
export interface OutboxEffect<Payload = unknown> {
  readonly target: Target;
  readonly platform: string;
  readonly integrationId: string | null;
  readonly contractId: string | null;
  readonly action: string;
  readonly orderingKey: string;
  readonly payload: Payload;
}

export const defaultOrderingKey = (target: Target) => `${target.kind}:${target.id}`;

/** pending: waiting for its turn or its next try; succeeded: done on the platform; dead: an integration error an operator can retry. */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** How a partner call failed (docs/partners.md): worth another try, refused for good, or refused credentials. */
export const FAILURE_KINDS = ['retryable', 'rejected', 'auth'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface DeliveryFailure {
  readonly kind: FailureKind;
  readonly message: string;
  /** From the partner's Retry-After header. */
  readonly retryAfterMs?: number;
  /** The partner refused the call for its own limits (429, or 503 with Retry-After), not for the call itself. */
  readonly throttled?: boolean;
}

export interface Delivery {
  readonly id: string;
  readonly target: Target;
  readonly platform: string;
  readonly integrationId: string | null;
  readonly contractId: string | null;
  readonly action: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: { readonly kind: FailureKind; readonly message: string; readonly at: Date } | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/** One try of a delivery and how it ended. */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: Date;
  readonly outcome: 'succeeded' | FailureKind;
  readonly message: string | null;
}

/** A delivery with every attempt it took, oldest first. */
export interface DeliveryDetail extends Delivery {
  readonly attemptHistory: readonly DeliveryAttempt[];
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type FailureOutcome = { readonly status: 'pending'; readonly nextAttemptAt: Date } | { readonly status: 'dead' };

/**
 * What a failed attempt leads to. Rejections and refused credentials are final; a retryable
 * failure waits `base · 2^(attempts-1)` (capped) with "equal jitter" (half fixed, half random) so
 * that dispatchers do not retry in step, never less than the partner's Retry-After, and is dead
 * once it has used every attempt. A throttled call waits the partner's Retry-After (or about the
 * base delay) and never dies of it: the database leaves the attempt out of its budget.
 * `random` is in [0, 1).
 */
export function outcomeOfFailure(
  failure: DeliveryFailure,
  attempts: number,
  policy: RetryPolicy,
  now: Date,
  random: number,
): FailureOutcome {
  if (failure.kind !== 'retryable') return { status: 'dead' };
  // Refused for the partner's limits, the call was not at fault: it waits its turn without using a try.
  if (failure.throttled) {
    const delay = Math.max(failure.retryAfterMs ?? 0, policy.baseDelayMs / 2 + (policy.baseDelayMs / 2) * random);
    return { status: 'pending', nextAttemptAt: new Date(now.getTime() + Math.round(delay)) };
  }
  if (attempts >= policy.maxAttempts) return { status: 'dead' };
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (exponential / 2) * random;
  const delay = Math.max(jittered, failure.retryAfterMs ?? 0);
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + Math.round(delay)) };
}

/**
 * What a failed attempt leads to on a fixed schedule of waits (`scheduleMs[n - 1]` after the n-th
 * attempt, ±10 % of jitter, never less than the partner's Retry-After): dead once the schedule is
 * used up. Rejections and throttling are judged as by outcomeOfFailure.
 */
export function outcomeOnSchedule(
  failure: DeliveryFailure,
  attempts: number,
  scheduleMs: readonly number[],
  now: Date,
  random: number,
): FailureOutcome {
  if (failure.kind !== 'retryable') return { status: 'dead' };
  const wait = scheduleMs[Math.min(Math.max(attempts, 1), scheduleMs.length) - 1] ?? 0;
  if (!failure.throttled && attempts > scheduleMs.length) return { status: 'dead' };
  const jittered = wait * (0.9 + 0.2 * random);
  const delay = Math.max(jittered, failure.retryAfterMs ?? 0);
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + Math.round(delay)) };
}

/** Where a target's effects stand: all applied, some still on their way, or one failed for good. */
export type SyncStatus = 'synced' | 'pending' | 'failed';
