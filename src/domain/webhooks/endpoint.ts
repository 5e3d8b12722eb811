import type { EventType } from './events';

/*
 * A webhook endpoint and the rules of delivering to it (docs/webhooks.md), after the Standard
 * Webhooks specification: retries on its schedule of about three days, two signatures for a day
 * after a rotation, disabled by 410 Gone or after five days of failures.
 */

export interface WebhookEndpointRecord {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  /** Every event type, present and future; otherwise only `eventTypes`. */
  readonly allEvents: boolean;
  readonly eventTypes: readonly EventType[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly disabledAt: Date | null;
  /** The signing secret in force, sealed. */
  readonly secret: string;
  /** The secret it replaced, sealed, which also signs until `previousSecretUntil`. */
  readonly previousSecret: string | null;
  readonly previousSecretUntil: Date | null;
  /** Whether payloads carry customers' personal data unmasked (the registering key held `customers:read`). */
  readonly seesPersonalData: boolean;
  readonly createdBy: string;
  readonly failingSince: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** After a rotation, the old secret signs too for this long, so receivers can switch without losing a message. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** An endpoint whose every attempt has failed for this long is disabled. */
export const FAILING_DISABLES_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

/**
 * The waits between attempts, after the first (immediate) one: the specification's example
 * schedule, 10 attempts over 75 h 35 min. Each wait gets ±10 % of jitter.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const;

/** Whether an endpoint wants events of this type. */
export const wants = (endpoint: Pick<WebhookEndpointRecord, 'allEvents' | 'eventTypes'>, type: EventType) =>
  endpoint.allEvents || endpoint.eventTypes.includes(type);

/** The sealed secrets that sign a message sent at `now`: the one in force, and the previous one within its day. */
export function sealedSecretsAt(endpoint: WebhookEndpointRecord, now: Date): readonly string[] {
  const previous =
    endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now
      ? [endpoint.previousSecret]
      : [];
  return [endpoint.secret, ...previous];
}

/** How an attempt ended, as far as the endpoint's health goes. */
export type AttemptVerdict = 'succeeded' | 'failed' | 'gone';

/**
 * What an attempt changes on its endpoint: a success clears its failing streak; a failure starts
 * one, and disables the endpoint once the streak has lasted five days; 410 Gone disables it at once.
 */
export function afterAttempt(
  endpoint: Pick<WebhookEndpointRecord, 'failingSince' | 'enabled'>,
  verdict: AttemptVerdict,
  now: Date,
): { readonly failingSince: Date | null; readonly disable: string | null } {
  if (verdict === 'succeeded') return { failingSince: null, disable: null };
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.enabled) return { failingSince, disable: null };
  if (verdict === 'gone') return { failingSince, disable: 'The endpoint answered 410 Gone.' };
  return now.getTime() - failingSince.getTime() >= FAILING_DISABLES_AFTER_MS
    ? { failingSince, disable: `Every delivery has failed since ${failingSince.toISOString()}: five days.` }
    : { failingSince, disable: null };
}
