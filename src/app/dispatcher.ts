import type { FastifyBaseLogger } from 'fastify';
import { outcomeOfFailure, type DeliveryFailure, type RetryPolicy } from '../domain/deliveries/delivery';
import type { Clock } from '../domain/ports/clock';
import type { ClaimedDelivery, DeliveryQueue, EffectHandler } from '../domain/ports/delivery-queue';
import { PartnerError } from '../domain/ports/sva-platform';

export interface DispatcherSettings {
  readonly concurrency: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly retry: RetryPolicy;
}

export interface DispatcherDeps {
  readonly queue: DeliveryQueue;
  /** One per target kind: what carries each effect out on its partner. */
  readonly handlers: readonly EffectHandler[];
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly settings: DispatcherSettings;
  readonly random?: () => number;
}

export interface Dispatcher {
  /** Runs until stop(): keeps up to `concurrency` partner calls in flight. */
  start(): void;
  /** Claims nothing more, waits for the calls in flight, then resolves. */
  stop(): Promise<void>;
  /** New effects were queued: look now rather than at the next poll. */
  wake(): void;
  /** Delivers everything due now, one round after another, until nothing is due (tests, scripts). */
  drain(): Promise<number>;
}

/**
 * Carries queued partner effects out. Each claimed delivery is leased; a process that dies
 * mid-call leaves the lease to expire and another dispatcher repeats the call, which the
 * adapters make harmless. The outcome is written only while the lease is still ours.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { queue, settings, log, clock } = deps;
  const random = deps.random ?? Math.random;
  const handlers = new Map(deps.handlers.map((handler) => [handler.kind as string, handler]));
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | null = null;
  let signal: (() => void) | null = null;

  const notify = () => {
    const resolve = signal;
    signal = null;
    resolve?.();
  };

  async function deliver(claim: ClaimedDelivery): Promise<void> {
    const context = { delivery: claim.id, action: claim.action, platform: claim.platform, target: claim.target.kind, attempt: claim.attempts };
    const handler = handlers.get(claim.target.kind);
    let failure: DeliveryFailure;
    try {
      if (!handler) throw new PartnerError('rejected', `No effect handler for targets of kind '${claim.target.kind}'.`);
      await handler.apply(claim);
      if (!(await queue.succeed(claim, clock.now()))) log.warn(context, 'delivery lease lost before its success was recorded');
      else log.debug(context, 'delivery succeeded');
      return;
    } catch (error) {
      failure =
        error instanceof PartnerError
          ? { kind: error.kind, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) }
          : { kind: 'retryable', message: 'Unexpected failure in Ponte while calling the platform; see the server log.' };
      // Its own text stays in the server log only: it could quote anything, a credential included.
      if (!(error instanceof PartnerError)) log.error({ err: error, delivery: claim.id }, 'unexpected failure delivering an effect');
    }
    const now = clock.now();
    const outcome = outcomeOfFailure(failure, claim.attemptsSinceRetry, settings.retry, now, random());
    if (failure.kind === 'auth') await handler?.credentialsRefused?.(claim, failure.message, now);
    await queue.fail(claim, failure, outcome, now);
    log[outcome.status === 'dead' ? 'warn' : 'info']({ ...context, kind: failure.kind, error: failure.message, outcome: outcome.status }, 'delivery failed');
  }

  function launch(claim: ClaimedDelivery) {
    const task: Promise<void> = deliver(claim)
      .catch((error) => log.error({ err: error, delivery: claim.id }, 'could not record a delivery outcome; its lease will expire and it will run again'))
      .finally(() => {
        inFlight.delete(task);
        notify();
      });
    inFlight.add(task);
  }

  async function run() {
    while (running) {
      const free = settings.concurrency - inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const claims = await queue.claim(free, settings.leaseMs, clock.now());
          claims.forEach(launch);
          claimed = claims.length;
        } catch (error) {
          log.error({ err: error }, 'could not claim deliveries');
        }
      }
      if (running && (free === 0 || claimed < free)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, settings.pollMs);
          signal = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
    await Promise.allSettled([...inFlight]);
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      notify();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
    wake: notify,
    async drain() {
      let total = 0;
      for (;;) {
        const claims = await queue.claim(settings.concurrency, settings.leaseMs, clock.now());
        if (claims.length === 0) return total;
        await Promise.all(claims.map((claim) => deliver(claim)));
        total += claims.length;
      }
    },
  };
}
