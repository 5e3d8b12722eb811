import pino from 'pino';
import { createDispatcher } from '../../src/app/dispatcher';
import type { DeliveryFailure, FailureOutcome, Target } from '../../src/domain/deliveries/delivery';
import type { ClaimedDelivery, DeliveryQueue, EffectHandler } from '../../src/domain/ports/delivery-queue';
import { PartnerError } from '../../src/domain/ports/sva-platform';

/** An outbox in memory: each delivery is claimed once and its outcome kept. */
function memoryQueue(deliveries: ClaimedDelivery[]) {
  const outcomes = new Map<string, { status: string; failure?: DeliveryFailure }>();
  let waiting = [...deliveries];
  const queue: DeliveryQueue = {
    async claim(limit) {
      const claimed = waiting.slice(0, limit);
      waiting = waiting.slice(limit);
      return claimed;
    },
    async succeed(claim) {
      outcomes.set(claim.id, { status: 'succeeded' });
      return true;
    },
    async fail(claim, failure: DeliveryFailure, outcome: FailureOutcome) {
      outcomes.set(claim.id, { status: outcome.status, failure });
      return true;
    },
    async counts() {
      return { pending: waiting.length, dead: 0, succeeded: 0 };
    },
  };
  return { queue, outcomes };
}

const delivery = (id: string, target: Target, action: string): ClaimedDelivery => ({
  id,
  leaseToken: 'lease',
  target,
  platform: 'test',
  integrationId: 'integration-1',
  action,
  payload: { action },
  attempts: 1,
  attemptsSinceRetry: 1,
});

const settings = { concurrency: 4, pollMs: 10, leaseMs: 60_000, retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 } };
const clock = { now: () => new Date('2026-11-23T12:00:00Z') };

describe('the dispatcher and its effect handlers', () => {
  test('when deliveries of several target kinds are due, then each goes to the handler of its kind, and a kind without one is dead with a message saying so', async () => {
    const applied: string[] = [];
    const handler = (kind: string): EffectHandler => ({ kind: kind as Target['kind'], apply: async (d) => void applied.push(`${kind}:${d.action}`) });
    const { queue, outcomes } = memoryQueue([
      delivery('d1', { kind: 'sva_user', id: 'u1' }, 'create_user'),
      delivery('d2', { kind: 'sip_line' as Target['kind'], id: 'l1' }, 'block_line'),
      delivery('d3', { kind: 'sva_user', id: 'u2' }, 'block_user'),
    ]);
    const dispatcher = createDispatcher({ queue, handlers: [handler('sva_user')], clock, log: pino({ level: 'silent' }), settings });
    await dispatcher.drain();
    expect(applied).toEqual(['sva_user:create_user', 'sva_user:block_user']);
    expect(outcomes.get('d1')).toEqual({ status: 'succeeded' });
    expect(outcomes.get('d3')).toEqual({ status: 'succeeded' });
    expect(outcomes.get('d2')).toEqual({ status: 'dead', failure: { kind: 'rejected', message: "No effect handler for targets of kind 'sip_line'." } });
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
});
