import type { FastifyBaseLogger } from 'fastify';
import type { DeliveryOutcome, DispatcherObserver } from './metrics';
import { contextOf, SpanKind, SpanStatusCode, startSpan, withContext } from '../adapters/telemetry/trace-context';
import {
  outcomeOfFailure,
  outcomeOnSchedule,
  type DeliveryFailure,
  type RetryPolicy,
} from '../domain/deliveries/delivery';
import type { Clock } from '../domain/ports/clock';
import type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryQueue,
  DeliveryWakeups,
  EffectHandler,
} from '../domain/ports/delivery-queue';
import { PartnerError } from '../domain/ports/partner';
import { countingPartnerCalls } from '../adapters/partners/call-count';

/** The longest an outcome waits to share its write with others (see outcomesDueIn). */
const OUTCOME_LINGER_MS = 20;

export interface DispatcherSettings {
  readonly concurrency: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  /** The longest a partner call can take (connect + answer): a claim never starts with less lease left. */
  readonly callMs: number;
  readonly retry: RetryPolicy;
  /** The longest an outcome waits to share its write with a claim (default OUTCOME_LINGER_MS). */
  readonly outcomeLingerMs?: number;
}

export interface DispatcherDeps {
  readonly queue: DeliveryQueue;
  /** One per target kind: what carries each effect out on its partner. */
  readonly handlers: readonly EffectHandler[];
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly settings: DispatcherSettings;
  readonly wakeups?: DeliveryWakeups;
  readonly random?: () => number;
  /** Told of every attempt's end (metrics). */
  readonly observer?: DispatcherObserver;
  /**
   * Turns work written elsewhere into deliveries (events into webhook deliveries), answering how
   * many it queued: run when new work is announced or the poll comes round, and before each
   * round of a drain.
   */
  readonly feed?: () => Promise<number>;
}

export interface Dispatcher {
  /**
   * Runs until stop(): keeps up to `concurrency` partner calls in flight. Resolves once it also
   * listens for work queued by other processes (it polls meanwhile, and if listening fails).
   */
  start(): Promise<void>;
  /** Claims nothing more, waits for the calls in flight and their outcomes, gives back what it had not started, then resolves. */
  stop(): Promise<void>;
  /** New effects were queued: look now rather than at the next poll. */
  wake(): void;
  /** Delivers everything due now, one round after another, until nothing is due (tests, scripts). */
  drain(): Promise<number>;
  /** Partner calls in flight now. */
  inFlight(): number;
}

interface Held {
  readonly claim: ClaimedDelivery;
  /** When its lease ends (ms, the clock's). */
  readonly until: number;
  /** When it may start (performance.now()): its place in its integration's rate. */
  readonly startAt: number;
}

/**
 * How close to its start a call is started at once rather than on a timer (ms): a few
 * milliseconds early is no burst to a partner, and spares a timer per call at high rates.
 */
const START_EARLY_MS = 5;

/**
 * Carries queued partner effects out. Each claimed delivery is leased; a process that dies
 * mid-call leaves the lease to expire and another dispatcher repeats the call, which the
 * adapters make harmless. The outcome is written only while the lease is still ours.
 *
 * Up to `concurrency` calls run at once, and up to twice as many claims wait ready behind them, so
 * a call that ends is followed at once by the next (started from the end of the call itself, not
 * from the loop, which may be waiting for a claim). Each integration's limits are the claim's
 * (docs/operations.md, "Partner limits"): a claimed delivery starts at the time its integration's
 * rate gave it, the ready ones are started one integration after another so that a slow partner
 * never holds the places of the others, and an integration the partner paused (429 or 503 with
 * Retry-After) starts nothing here until the pause ends. Outcomes and claims travel together: a batch is
 * claimed each time `concurrency` places are free, and the same round trip to the outbox records
 * the outcomes of the calls that ended since the last one, in one transaction; outcomes go alone
 * only when no call is left in flight or the oldest has waited OUTCOME_LINGER_MS.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { queue, settings, log, clock } = deps;
  const random = deps.random ?? Math.random;
  const handlers = new Map(deps.handlers.map((handler) => [handler.kind as string, handler]));
  const inFlight = new Set<Promise<void>>();
  /** Claims waiting to start, by integration, in the order claimed. */
  const ready = new Map<string, Held[]>();
  let readyCount = 0;
  /** Integrations paused by their partner, until when (performance.now()). */
  const pauses = new Map<string, number>();
  /** When this process last started calls on each integration (performance.now(), the last second's). */
  const starts = new Map<string, number[]>();
  /** Which integration the next round of starts begins with. */
  let turn = 0;
  let startTimer: NodeJS.Timeout | null = null;
  let startTimerAt = Infinity;
  const capacity = settings.concurrency * 3;
  // Claim again once this many places are free, so that claims come in batches.
  const refill = settings.concurrency;
  let outcomes: AttemptOutcome[] = [];
  /** When the oldest outcome not yet written came (performance.now()). */
  let outcomesSince = 0;
  let running = false;
  /** The last claim found less than it asked for: wait for new work, an outcome or the poll. */
  let dry = false;
  /** Counts wakes, so that one arriving while a claim is on its way is not lost. */
  let wakes = 0;
  /** New work was announced (or the poll came round) since the feed last ran. */
  let feedDue = true;
  let loop: Promise<void> | null = null;
  let signal: (() => void) | null = null;
  let unlisten: Promise<(() => Promise<void>) | null> = Promise.resolve(null);

  const notify = () => {
    const resolve = signal;
    signal = null;
    resolve?.();
  };
  const wake = () => {
    wakes += 1;
    dry = false;
    feedDue = true;
    notify();
  };

  /** Runs the feed; what it queued is claimable at once. A failure waits for the next wake or poll. */
  async function feed(): Promise<number> {
    if (!deps.feed) return 0;
    feedDue = false;
    try {
      const queued = await deps.feed();
      if (queued > 0) dry = false;
      return queued;
    } catch (error) {
      log.error({ err: error }, 'could not turn events into deliveries; trying again at the next poll');
      return 0;
    }
  }

  /** Keeps an outcome for the next round trip; the end of its call wakes the loop (see launch). */
  function record(outcome: AttemptOutcome) {
    if (outcomes.length === 0) outcomesSince = performance.now();
    outcomes.push(outcome);
  }

  /**
   * Outcomes go with the next claim (while work flows, one comes every `refill` calls); alone only
   * when no call is left to add to them, the oldest has waited OUTCOME_LINGER_MS, or as many are
   * waiting as calls can be held. Answers how long until then (0: now).
   */
  function outcomesDueIn(): number {
    if (outcomes.length === 0) return Infinity;
    if (outcomes.length >= capacity || inFlight.size === 0) return 0;
    return Math.max(0, (settings.outcomeLingerMs ?? OUTCOME_LINGER_MS) - (performance.now() - outcomesSince));
  }

  /**
   * One round trip to the outbox: the outcomes of the calls that ended since the last one, and a
   * claim of up to `limit` deliveries (none when 0), which sees those outcomes recorded.
   */
  async function exchange(
    limit: number,
  ): Promise<{ claimed: readonly ClaimedDelivery[]; until: number; received: number }> {
    const batch = outcomes;
    outcomes = [];
    const now = clock.now();
    const before = wakes;
    let claimed: readonly ClaimedDelivery[] = [];
    try {
      const answer = await queue.exchange(batch, limit > 0 ? { limit, leaseMs: settings.leaseMs, now } : null);
      for (const o of batch)
        if (!answer.recorded.has(o.claim.id))
          log.warn(
            { delivery: o.claim.id, action: o.claim.action },
            'delivery lease lost before its outcome was recorded',
          );
      claimed = answer.claimed;
      // A claim that found less than it asked for waits for new work; outcomes recorded without a
      // claim may have let the next delivery of their targets come due.
      if (limit > 0) dry = claimed.length < limit && wakes === before;
      else if (batch.length > 0) dry = false;
    } catch (error) {
      if (batch.length > 0)
        log.error(
          { err: error, deliveries: batch.length },
          'could not record delivery outcomes; their leases will expire and they will run again',
        );
      if (limit > 0) {
        log.error({ err: error }, 'could not claim deliveries');
        dry = true;
      }
    }
    return { claimed, until: now.getTime() + settings.leaseMs, received: performance.now() };
  }

  /** Calls started on an integration in the last second by this process. */
  function startedLastSecond(key: string, at: number): number {
    const times = starts.get(key);
    if (!times) return 0;
    const kept = times.findIndex((time) => time >= at - 1000);
    times.splice(0, kept === -1 ? times.length : kept);
    return times.length;
  }

  async function deliver(claim: ClaimedDelivery): Promise<void> {
    const context = {
      delivery: claim.id,
      action: claim.action,
      platform: claim.platform,
      target: claim.target.kind,
      attempt: claim.attempts,
    };
    const handler = handlers.get(claim.target.kind);
    const started = performance.now();
    const times = starts.get(claim.limitKey) ?? [];
    times.push(started);
    // Only the last second's are kept (see startedLastSecond).
    if (times[0]! < started - 2000) startedLastSecond(claim.limitKey, started);
    starts.set(claim.limitKey, times);
    // The delivery continues the trace of the request that queued it (docs/operations.md, "Traces").
    const { span, context: traced } = startSpan(
      `deliver ${claim.target.kind} ${claim.action}`,
      SpanKind.CONSUMER,
      contextOf({ traceparent: claim.traceParent ?? undefined }),
      {
        'ponte.delivery.id': claim.id,
        'ponte.delivery.attempt': claim.attempts,
        'ponte.target.kind': claim.target.kind,
        'ponte.platform': claim.platform,
      },
    );
    const observe = (outcome: DeliveryOutcome) => {
      deps.observer?.delivered(claim.target.kind, claim.platform, outcome, (performance.now() - started) / 1000);
      span.setAttribute('ponte.delivery.outcome', outcome);
      if (outcome !== 'succeeded') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    let failure: DeliveryFailure;
    // The partner's rate counts its calls, of which a delivery may make several.
    const counter = countingPartnerCalls(traced);
    try {
      if (!handler) throw new PartnerError('rejected', `No effect handler for targets of kind '${claim.target.kind}'.`);
      await withContext(counter.context, () => handler.apply(claim));
      observe('succeeded');
      record({ claim, at: clock.now(), status: 'succeeded', partnerCalls: counter.calls });
      log.debug(context, 'delivery succeeded');
      return;
    } catch (error) {
      failure =
        error instanceof PartnerError
          ? {
              kind: error.kind,
              message: error.message,
              ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
              ...(error.throttled ? { throttled: true } : {}),
            }
          : {
              kind: 'retryable',
              message: 'Unexpected failure in Ponte while calling the platform; see the server log.',
            };
      // Its own text stays in the server log only: it could quote anything, a credential included.
      if (!(error instanceof PartnerError))
        log.error({ err: error, delivery: claim.id }, 'unexpected failure delivering an effect');
    }
    const now = clock.now();
    const outcome = handler?.retrySchedule
      ? outcomeOnSchedule(failure, claim.attemptsSinceRetry, handler.retrySchedule, now, random())
      : outcomeOfFailure(failure, claim.attemptsSinceRetry, settings.retry, now, random());
    observe(outcome.status === 'dead' ? 'dead' : 'retry');
    if (failure.kind === 'auth') await handler?.credentialsRefused?.(claim, failure.message, now);
    // The partner paused the integration: what this process holds for it waits too.
    if (failure.throttled && failure.retryAfterMs !== undefined)
      pauses.set(claim.limitKey, Math.max(pauses.get(claim.limitKey) ?? 0, performance.now() + failure.retryAfterMs));
    record({
      claim,
      at: now,
      failure,
      ...outcome,
      partnerCalls: counter.calls,
      ...(failure.throttled ? { observedRatePerSecond: startedLastSecond(claim.limitKey, performance.now()) } : {}),
    });
    log[outcome.status === 'dead' ? 'warn' : 'info'](
      { ...context, kind: failure.kind, error: failure.message, outcome: outcome.status },
      'delivery failed',
    );
  }

  function launch(claim: ClaimedDelivery) {
    const task: Promise<void> = deliver(claim)
      .catch((error) =>
        log.error(
          { err: error, delivery: claim.id },
          'a delivery failed unexpectedly; its lease will expire and it will run again',
        ),
      )
      .finally(() => {
        inFlight.delete(task);
        // The next ready claim takes the free place at once, even while the loop awaits a claim.
        if (running) startReady();
        notify();
      });
    inFlight.add(task);
  }

  function hold(claimed: readonly ClaimedDelivery[], until: number, received: number) {
    for (const claim of claimed) {
      const queue = ready.get(claim.limitKey) ?? [];
      queue.push({ claim, until, startAt: received + claim.startInMs });
      ready.set(claim.limitKey, queue);
      readyCount += 1;
    }
  }

  /**
   * Starts ready claims while calls are free, one per integration in turn, each once its start time
   * has come and its integration is not paused; a claim without lease left for a whole call goes
   * back. Wakes itself for the next start that is not due yet.
   */
  function startReady() {
    const expired: ClaimedDelivery[] = [];
    const now = performance.now();
    const leaseNow = clock.now().getTime();
    let next = Infinity;
    const keys = [...ready.keys()];
    let started = true;
    while (started && inFlight.size < settings.concurrency && readyCount > 0) {
      started = false;
      for (let i = 0; i < keys.length && inFlight.size < settings.concurrency; i++) {
        const queue = ready.get(keys[(turn + i) % keys.length]!)!;
        const head = queue[0];
        if (!head) continue;
        if (head.until - leaseNow < settings.callMs) {
          queue.shift();
          readyCount -= 1;
          expired.push(head.claim);
          started = true;
          continue;
        }
        const at = Math.max(head.startAt, pauses.get(head.claim.limitKey) ?? 0);
        if (at > now + START_EARLY_MS) {
          next = Math.min(next, at);
          continue;
        }
        queue.shift();
        readyCount -= 1;
        launch(head.claim);
        started = true;
      }
      turn += 1;
    }
    for (const [key, queue] of ready) if (queue.length === 0) ready.delete(key);
    for (const [key, until] of pauses) if (until <= now) pauses.delete(key);
    if (expired.length > 0) void giveBack(expired);
    if (next < Infinity && running && (startTimer === null || next < startTimerAt)) {
      if (startTimer) clearTimeout(startTimer);
      startTimerAt = next;
      startTimer = setTimeout(
        () => {
          startTimer = null;
          startTimerAt = Infinity;
          if (running) startReady();
        },
        Math.max(0, next - now),
      );
    }
  }

  const allReady = () => [...ready.values()].flat().map((held) => held.claim);

  async function giveBack(claims: readonly ClaimedDelivery[]) {
    await queue
      .release(claims)
      .catch((error) =>
        log.error(
          { err: error, deliveries: claims.length },
          'could not give deliveries back; their leases will expire',
        ),
      );
  }

  async function run() {
    while (running) {
      if (feedDue) await feed();
      startReady();
      const room = capacity - inFlight.size - readyCount;
      const limit = !dry && room >= refill ? room : 0;
      const outcomesIn = outcomesDueIn();
      if (outcomesIn === 0 || limit > 0) {
        const { claimed, until, received } = await exchange(limit);
        hold(claimed, until, received);
        continue;
      }
      const polling = outcomesIn >= settings.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            if (polling) {
              dry = false;
              feedDue = true;
            }
            resolve();
          },
          Math.min(outcomesIn, settings.pollMs),
        );
        signal = () => {
          clearTimeout(timer);
          resolve();
        };
        if (!running) signal();
      });
    }
    if (startTimer) clearTimeout(startTimer);
    startTimer = null;
    startTimerAt = Infinity;
    await Promise.allSettled([...inFlight]);
    const unstarted = allReady();
    ready.clear();
    readyCount = 0;
    await giveBack(unstarted);
    if (outcomes.length > 0) await exchange(0);
  }

  return {
    inFlight: () => inFlight.size,
    async start() {
      if (running) return;
      running = true;
      dry = false;
      loop = run();
      const listening = deps.wakeups?.listen(wake);
      unlisten = listening
        ? listening.catch(
            (error) => (log.warn({ err: error }, 'could not listen for new deliveries; polling only'), null),
          )
        : Promise.resolve(null);
      await unlisten;
    },
    async stop() {
      running = false;
      notify();
      await loop;
      const stopListening = await unlisten;
      unlisten = Promise.resolve(null);
      await stopListening?.();
    },
    wake,
    async drain() {
      let total = 0;
      for (;;) {
        await feed();
        // The outcomes of the last round go with the next claim.
        const { claimed: claims, received } = await exchange(settings.concurrency);
        // Those outcomes may have written events (a delivery that gave up): their deliveries too.
        if (claims.length === 0 && (await feed()) === 0) return total;
        if (claims.length === 0) continue;
        // Each at its place in its integration's rate.
        await Promise.all(
          claims.map(async (claim) => {
            const wait = received + claim.startInMs - performance.now();
            if (wait > START_EARLY_MS) await new Promise((resolve) => setTimeout(resolve, wait));
            await deliver(claim);
          }),
        );
        total += claims.length;
      }
    },
  };
}
