import { setTimeout as sleep } from 'node:timers/promises';
import type { PacedIntegration } from '../../../domain/deliveries/ports';
import { PartnerError } from '../../../domain/ports/partner';
import type { UseCaseDeps } from '../deps';

/*
 * Calls made while a client waits (a PBX command, a credit consult) go through their integration's
 * limits as its deliveries do (docs/operations.md, "Partner limits"): they share its places and its
 * rate across every process, a pause the partner asked for refuses them at once, and what the
 * partner answers them (a 429) pauses or slows its deliveries too.
 */

/** How long a client's call waits for a place (a start slot, or a call in flight to end) before it is refused. */
export const WAIT_FOR_PLACE_MS = 2_000;
/** How often a call waiting for a place in flight looks again. */
const LOOK_AGAIN_MS = 50;

/** A call Ponte did not make, for its integration's limits: the client is told to try again after `retryAfterMs`. */
export class LimitRefusal extends PartnerError {
  constructor(message: string, retryAfterMs: number) {
    super('retryable', message, Math.max(1_000, Math.ceil(retryAfterMs)), true);
  }
}

const refusal = (message: string, retryAfterMs: number) => new LimitRefusal(message, retryAfterMs);

/**
 * Runs `call` within its integration's limits: once a place is free and its start slot has come,
 * waiting WAIT_FOR_PLACE_MS at most. Throws a LimitRefusal (PARTNER_THROTTLED to the client),
 * without calling, while the partner has the integration paused or when no place came in time.
 */
export async function pacedCall<T>(
  deps: Pick<UseCaseDeps, 'store' | 'ids' | 'clock' | 'partnerCallMs'>,
  integration: PacedIntegration,
  call: () => Promise<T>,
): Promise<T> {
  const limits = deps.store.integrationLimits;
  const token = deps.ids.next();
  const deadline = performance.now() + WAIT_FOR_PLACE_MS;
  for (;;) {
    const left = Math.max(0, deadline - performance.now());
    const now = deps.clock.now();
    const place = await limits.acquireCall(integration, {
      now,
      token,
      // The place is held for the wait and the whole call: a process that dies leaves it to expire.
      leasedUntil: new Date(now.getTime() + left + deps.partnerCallMs),
      maxWaitMs: left,
    });
    if (place.refused === 'paused')
      throw refusal(
        `The platform asked Ponte to pause its calls${place.reason ? ` (${place.reason})` : ''}; try again later.`,
        place.waitMs,
      );
    if (place.refused === null) {
      if (place.waitMs > 0) await sleep(place.waitMs);
      break;
    }
    if (left <= 0 || place.waitMs !== null)
      throw refusal(
        "The integration's limits leave no room for this call now (calls at once or per second); try again shortly.",
        place.waitMs ?? LOOK_AGAIN_MS,
      );
    await sleep(Math.min(LOOK_AGAIN_MS, left));
  }
  try {
    const answer = await call();
    await limits.releaseCall(integration, token, {
      succeeded: true,
      throttled: false,
      retryAfterMs: null,
      reason: null,
    });
    return answer;
  } catch (error) {
    const partner = error instanceof PartnerError ? error : null;
    await limits.releaseCall(integration, token, {
      succeeded: false,
      throttled: partner?.throttled ?? false,
      retryAfterMs: partner?.retryAfterMs ?? null,
      reason: partner?.throttled ? partner.message.slice(0, 500) : null,
    });
    throw error;
  }
}
