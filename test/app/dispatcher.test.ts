import pino from 'pino';
import { createDispatcher } from '../../src/app/dispatcher';
import type { DeliveryFailure, Target } from '../../src/domain/deliveries/delivery';
import type { ClaimedDelivery, DeliveryQueue, EffectHandler } from '../../src/domain/ports/delivery-queue';
import { PartnerError } from '../../src/domain/ports/partner';

/** An outbox in memory: each delivery is claimed once (unless given back) and its outcome kept. */
function memoryQueue(deliveries: ClaimedDelivery[], { writeMs = 0 } = {}) {
  const outcomes = new Map<string, { status: string; failure?: DeliveryFailure }>();
  const writes: number[] = [];
  const released: string[] = [];
  /** Each round trip to the outbox: how many outcomes it carried, whether it claimed, how many were left to claim. */
  const trips: { outcomes: number; claimed: boolean; waiting: number }[] = [];
  let waiting = [...deliveries];
  const queue: DeliveryQueue = {
    async claim(limit) {
      const claimed = waiting.slice(0, limit);
      waiting = waiting.slice(limit);
      return claimed;
    },
    async record(batch) {
      writes.push(batch.length);
      if (writeMs > 0) await new Promise((resolve) => setTimeout(resolve, writeMs));
      for (const o of batch)
        outcomes.set(
          o.claim.id,
          o.status === 'succeeded' ? { status: 'succeeded' } : { status: o.status, failure: o.failure },
        );
      return new Set(batch.map((o) => o.claim.id));
    },
    async exchange(batch, claim) {
      trips.push({ outcomes: batch.length, claimed: claim !== null, waiting: waiting.length });
      return {
        recorded: batch.length > 0 ? await queue.record(batch) : new Set<string>(),
        claimed: claim ? await queue.claim(claim.limit, claim.leaseMs, claim.now) : [],
      };
    },
    async release(claims) {
      released.push(...claims.map((c) => c.id));
      waiting.push(...claims);
    },
    async counts() {
      return { pending: waiting.length, dead: 0, succeeded: 0 };
    },
  };
  return { queue, outcomes, writes, released, trips };
}

const delivery = (id: string, target: Target, action: string): ClaimedDelivery => ({
  id,
  leaseToken: 'lease',
  target,
  platform: 'test',
  integrationId: 'integration-1',
  traceParent: null,
  action,
  payload: { action },
  attempts: 1,
  attemptsSinceRetry: 1,
  limitKey: 'integration-1',
  startInMs: 0,
});

const settings = {
  concurrency: 4,
  pollMs: 10,
  leaseMs: 60_000,
  callMs: 15_000,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 },
};
const clock = { now: () => new Date('2026-11-23T12:00:00Z') };

describe('the dispatcher and its effect handlers', () => {
  test('when deliveries of several target kinds are due, then each goes to the handler of its kind, and a kind without one is dead with a message saying so', async () => {
    const applied: string[] = [];
    const handler = (kind: string): EffectHandler => ({
      kind: kind as Target['kind'],
      apply: async (d) => void applied.push(`${kind}:${d.action}`),
    });
    const { queue, outcomes } = memoryQueue([
      delivery('d1', { kind: 'sva_user', id: 'u1' }, 'create_user'),
      delivery('d2', { kind: 'sip_line', id: 'l1' }, 'block_line'),
      delivery('d3', { kind: 'sva_user', id: 'u2' }, 'block_user'),
    ]);
    const dispatcher = createDispatcher({
      queue,
      handlers: [handler('sva_user')],
      clock,
      log: pino({ level: 'silent' }),
      settings,
    });
    await dispatcher.drain();
    expect(applied).toEqual(['sva_user:create_user', 'sva_user:block_user']);
    expect(outcomes.get('d1')).toEqual({ status: 'succeeded' });
    expect(outcomes.get('d3')).toEqual({ status: 'succeeded' });
    expect(outcomes.get('d2')).toEqual({
      status: 'dead',
      failure: { kind: 'rejected', message: "No effect handler for targets of kind 'sip_line'." },
    });
  });

  test('when a partner refuses the credentials, then the handler of that kind is told, and the delivery is dead', async () => {
    const refused: string[] = [];
    const handler: EffectHandler = {
      kind: 'sva_user',
      apply: async () => {
        throw new PartnerError('auth', 'The platform refused the credentials (401).');
      },
      credentialsRefused: async (d, message) => void refused.push(`${d.integrationId}: ${message}`),
    };
    const { queue, outcomes } = memoryQueue([delivery('d1', { kind: 'sva_user', id: 'u1' }, 'create_user')]);
    await createDispatcher({ queue, handlers: [handler], clock, log: pino({ level: 'silent' }), settings }).drain();
    expect(refused).toEqual(['integration-1: The platform refused the credentials (401).']);
    expect(outcomes.get('d1')?.status).toBe('dead');
  });

  test('when many calls end while a round trip to the outbox is on its way, then their outcomes are written together in the next one', async () => {
    const deliveries = Array.from({ length: 40 }, (_, i) =>
      delivery(`d${i}`, { kind: 'sva_user', id: `u${i}` }, 'create_user'),
    );
    const { queue, outcomes, writes } = memoryQueue(deliveries, { writeMs: 20 });
    const handler: EffectHandler = { kind: 'sva_user', apply: () => new Promise((resolve) => setTimeout(resolve, 2)) };
    const dispatcher = createDispatcher({
      queue,
      handlers: [handler],
      clock,
      log: pino({ level: 'silent' }),
      settings,
    });
    void dispatcher.start();
    while (outcomes.size < deliveries.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await dispatcher.stop();
    expect(writes.reduce((a, b) => a + b, 0)).toBe(deliveries.length);
    expect(writes.length).toBeLessThan(deliveries.length / 2);
  });

  test('when calls end while work keeps coming, then their outcomes go with the next claim, and those of the last calls once no call is left', async () => {
    const deliveries = Array.from({ length: 60 }, (_, i) =>
      delivery(`d${i}`, { kind: 'sva_user', id: `u${i}` }, 'create_user'),
    );
    const { queue, outcomes, trips } = memoryQueue(deliveries);
    const handler: EffectHandler = {
      kind: 'sva_user',
      apply: () => new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 3)),
    };
    const dispatcher = createDispatcher({
      queue,
      handlers: [handler],
      clock,
      log: pino({ level: 'silent' }),
      // A busy machine's stall past the 20 ms linger sends outcomes alone, as it should: the rule
      // under test is the other one, that outcomes ride with the claims while work flows.
      settings: { ...settings, outcomeLingerMs: 5_000 },
    });
    void dispatcher.start();
    while (outcomes.size < deliveries.length) await new Promise((resolve) => setTimeout(resolve, 2));
    await dispatcher.stop();
    // While deliveries were left to claim, no round trip carried outcomes alone.
    expect(trips.filter((t) => t.outcomes > 0 && !t.claimed && t.waiting > 0)).toEqual([]);
    expect(trips.reduce((n, t) => n + t.outcomes, 0)).toBe(deliveries.length);
    expect(trips.length).toBeLessThanOrEqual(deliveries.length / settings.concurrency + 4);
  });

  test('when calls end while a claim is on its way, then the claims waiting ready take their places at once', async () => {
    // Six due: four calls start, two wait ready; the next claim (for the two free ready places) never
    // answers, so the dispatcher's loop waits on it for good (the test leaves it so).
    const deliveries = Array.from({ length: 6 }, (_, i) =>
      delivery(`d${i}`, { kind: 'sva_user', id: `u${i}` }, 'create_user'),
    );
    const { queue } = memoryQueue(deliveries);
    let claims = 0;
    let hanging = false;
    const slowQueue: DeliveryQueue = {
      ...queue,
      exchange: (batch, claim) => {
        if (!claim || claims++ === 0) return queue.exchange(batch, claim);
        hanging = true;
        return new Promise(() => undefined);
      },
    };
    const started: string[] = [];
    const handler: EffectHandler = {
      kind: 'sva_user',
      apply: async (d) => {
        started.push(d.id);
        await new Promise((resolve) => setTimeout(resolve, 30));
      },
    };
    const dispatcher = createDispatcher({
      queue: slowQueue,
      handlers: [handler],
      clock,
      log: pino({ level: 'silent' }),
      settings,
    });
    void dispatcher.start();
    for (let i = 0; i < 40 && started.length < deliveries.length; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(hanging).toBe(true);
    expect(started.sort()).toEqual(deliveries.map((d) => d.id).sort());
  });

  test('when a claim has waited until its lease no longer covers a whole call, then it is given back unstarted and delivered later under a new lease', async () => {
    let nowMs = Date.parse('2026-11-23T12:00:00Z');
    const movingClock = { now: () => new Date(nowMs) };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const applied: string[] = [];
    const handler: EffectHandler = {
      kind: 'sva_user',
      apply: async (d) => {
        if (d.id === 'd1' || d.id === 'd2') await gate;
        applied.push(d.id);
      },
    };
    const deliveries = Array.from({ length: 6 }, (_, i) =>
      delivery(`d${i + 1}`, { kind: 'sva_user', id: `u${i + 1}` }, 'create_user'),
    );
    const { queue, outcomes, released } = memoryQueue(deliveries);
    const dispatcher = createDispatcher({
      queue,
      handlers: [handler],
      clock: movingClock,
      log: pino({ level: 'silent' }),
      settings: { ...settings, concurrency: 2 },
    });
    void dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // d1 and d2 are calling; d3 to d6 wait ready behind them. The calls take 50 of the 60 s lease.
    nowMs += 50_000;
    open();
    while (outcomes.size < deliveries.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await dispatcher.stop();
    expect(released).toEqual(['d3', 'd4', 'd5', 'd6']);
    expect([...applied].sort()).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
  });

  test('when it stops with claims it has not started, then it lets the calls in flight finish and gives the others back', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let calling = false;
    const handler: EffectHandler = {
      kind: 'sva_user',
      apply: async () => {
        calling = true;
        await gate;
      },
    };
    // One call at a time, two claims ready behind it, one delivery left in the outbox.
    const deliveries = Array.from({ length: 4 }, (_, i) =>
      delivery(`d${i + 1}`, { kind: 'sva_user', id: `u${i + 1}` }, 'create_user'),
    );
    const { queue, outcomes, released } = memoryQueue(deliveries);
    const dispatcher = createDispatcher({
      queue,
      handlers: [handler],
      clock,
      log: pino({ level: 'silent' }),
      settings: { ...settings, concurrency: 1 },
    });
    void dispatcher.start();
    while (!calling) await new Promise((resolve) => setTimeout(resolve, 2));
    const stopped = dispatcher.stop();
    open();
    await stopped;
    expect(outcomes.get('d1')).toEqual({ status: 'succeeded' });
    expect(released).toEqual(['d2', 'd3']);
    expect(outcomes.has('d2') || outcomes.has('d3') || outcomes.has('d4')).toBe(false);
  });

  describe("each integration's limits", () => {
    const on = (id: string, key: string, startInMs = 0): ClaimedDelivery => ({
      ...delivery(id, { kind: 'sva_user', id: `u-${id}` }, 'block_user'),
      integrationId: key,
      limitKey: key,
      startInMs,
    });
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    test('when claims come with start times, then no call starts before its time, in drain as when running', async () => {
      const started = new Map<string, number>();
      const handler: EffectHandler = {
        kind: 'sva_user',
        apply: async (d) => void started.set(d.id, performance.now()),
      };
      for (const run of ['drain', 'start'] as const) {
        started.clear();
        const { queue } = memoryQueue([on('a', 'exa', 0), on('b', 'exa', 120), on('c', 'exa', 240)]);
        const dispatcher = createDispatcher({
          queue,
          handlers: [handler],
          clock,
          log: pino({ level: 'silent' }),
          settings,
        });
        const t0 = performance.now();
        if (run === 'drain') await dispatcher.drain();
        else {
          void dispatcher.start();
          await until(() => started.size === 3);
          await dispatcher.stop();
        }
        expect(started.get('a')! - t0).toBeLessThan(100);
        expect(started.get('b')! - t0).toBeGreaterThanOrEqual(115);
        expect(started.get('c')! - t0).toBeGreaterThanOrEqual(235);
      }
    });

    test('when one integration is slow and another has work, then the ready calls take turns, and the slow one does not take every place', async () => {
      const order: string[] = [];
      const handler: EffectHandler = {
        kind: 'sva_user',
        apply: async (d) => {
          order.push(d.limitKey);
          await new Promise((resolve) => setTimeout(resolve, d.limitKey === 'slow' ? 200 : 1));
        },
      };
      const claims = [
        ...Array.from({ length: 8 }, (_, i) => on(`s${i}`, 'slow')),
        ...Array.from({ length: 4 }, (_, i) => on(`f${i}`, 'fast')),
      ];
      const { queue, outcomes } = memoryQueue(claims);
      const dispatcher = createDispatcher({
        queue,
        handlers: [handler],
        clock,
        log: pino({ level: 'silent' }),
        settings,
      });
      void dispatcher.start();
      await until(() => order.filter((k) => k === 'fast').length === 4);
      // Four places: the fast integration got its turns among the first calls, not after the slow ones.
      expect(order.slice(0, 4).filter((k) => k === 'fast').length).toBeGreaterThanOrEqual(2);
      expect(order.indexOf('fast')).toBeLessThan(4);
      await until(() => outcomes.size === 12);
      await dispatcher.stop();
      expect(outcomes.size).toBe(12);
    });

    test('when a partner answers 429 with Retry-After, then the claims this process holds for that integration wait until then, and the others go on', async () => {
      const started: { key: string; at: number }[] = [];
      let refused = false;
      const handler: EffectHandler = {
        kind: 'sva_user',
        apply: async (d) => {
          started.push({ key: d.limitKey, at: performance.now() });
          if (d.limitKey === 'exa' && !refused) {
            refused = true;
            throw new PartnerError('retryable', 'The platform answered 429: slow down.', 300, true);
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      };
      const { queue, outcomes } = memoryQueue([
        on('e1', 'exa'),
        on('e2', 'exa', 30),
        on('e3', 'exa', 60),
        on('s1', 'saber', 30),
        on('s2', 'saber', 60),
      ]);
      const dispatcher = createDispatcher({
        queue,
        handlers: [handler],
        clock,
        log: pino({ level: 'silent' }),
        settings,
      });
      const t0 = performance.now();
      void dispatcher.start();
      await until(() => outcomes.size === 5);
      await dispatcher.stop();
      const exaLater = started.filter((s) => s.key === 'exa').slice(1);
      expect(exaLater).toHaveLength(2);
      for (const call of exaLater) expect(call.at - t0).toBeGreaterThanOrEqual(290);
      for (const call of started.filter((s) => s.key === 'saber')) expect(call.at - t0).toBeLessThan(250);
      expect(outcomes.get('e1')).toMatchObject({
        status: 'pending',
        failure: { kind: 'retryable', throttled: true, retryAfterMs: 300 },
      });
    });
  });
});
