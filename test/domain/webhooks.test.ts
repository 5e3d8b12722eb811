import { outcomeOnSchedule } from '../../src/domain/deliveries/delivery';
import {
  afterAttempt,
  FAILING_DISABLES_AFTER_MS,
  sealedSecretsAt,
  WEBHOOK_RETRY_SCHEDULE_MS,
  wants,
  type WebhookEndpointRecord,
} from '../../src/domain/webhooks/endpoint';
import { messageOf, type StoredEvent } from '../../src/domain/webhooks/events';
import { customerData } from '../../src/domain/webhooks/payloads';

const now = new Date('2026-11-23T14:30:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;

describe('webhook delivery rules', () => {
  test('when every wait of the schedule is added up, then it spans the specification’s 75 h 35 min over ten attempts', () => {
    const total = WEBHOOK_RETRY_SCHEDULE_MS.reduce((sum, wait) => sum + wait, 0);
    expect(total).toBe(75 * HOUR + 35 * 60_000 + 5_000);
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toHaveLength(9);
  });

  test.each([
    [1, 5_000],
    [2, 5 * 60_000],
    [5, 5 * HOUR],
    [9, 24 * HOUR],
  ])('when attempt %i fails, then the next waits its step of the schedule, ±10 %', (attempt, wait) => {
    const retry = (random: number) =>
      outcomeOnSchedule({ kind: 'retryable', message: '500' }, attempt, WEBHOOK_RETRY_SCHEDULE_MS, now, random);
    expect(retry(0)).toEqual({ status: 'pending', nextAttemptAt: later(Math.round(wait * 0.9)) });
    expect(retry(0.5)).toEqual({ status: 'pending', nextAttemptAt: later(wait) });
    const latest = retry(0.9999999);
    expect(latest.status === 'pending' && latest.nextAttemptAt.getTime() - now.getTime()).toBeCloseTo(wait * 1.1, -1);
  });

  test('when the tenth attempt fails, or any is refused, then the delivery gives up; Retry-After is never cut short', () => {
    const schedule = WEBHOOK_RETRY_SCHEDULE_MS;
    expect(outcomeOnSchedule({ kind: 'retryable', message: '500' }, 10, schedule, now, 0.5)).toEqual({
      status: 'dead',
    });
    expect(outcomeOnSchedule({ kind: 'rejected', message: 'gone' }, 1, schedule, now, 0.5)).toEqual({ status: 'dead' });
    expect(
      outcomeOnSchedule({ kind: 'retryable', message: '503', retryAfterMs: 60_000 }, 1, schedule, now, 0.5),
    ).toEqual({ status: 'pending', nextAttemptAt: later(60_000) });
  });

  test('when attempts fail for five days, then the endpoint is disabled; a success clears the streak; 410 disables at once', () => {
    const enabled = { enabled: true, failingSince: null };
    expect(afterAttempt(enabled, 'failed', now)).toEqual({ failingSince: now, disable: null });
    const failing = { enabled: true, failingSince: now };
    expect(afterAttempt(failing, 'failed', later(FAILING_DISABLES_AFTER_MS - 1)).disable).toBeNull();
    expect(afterAttempt(failing, 'failed', later(FAILING_DISABLES_AFTER_MS)).disable).toMatch(/five days/);
    expect(afterAttempt(failing, 'succeeded', later(1))).toEqual({ failingSince: null, disable: null });
    expect(afterAttempt(enabled, 'gone', now).disable).toBe('The endpoint answered 410 Gone.');
    expect(afterAttempt({ enabled: false, failingSince: null }, 'gone', now).disable).toBeNull();
  });

  test('when a secret was rotated, then both sign for a day and then only the new one', () => {
    const endpoint = {
      secret: 'new',
      previousSecret: 'old',
      previousSecretUntil: later(24 * HOUR),
    } as WebhookEndpointRecord;
    expect(sealedSecretsAt(endpoint, now)).toEqual(['new', 'old']);
    expect(sealedSecretsAt(endpoint, later(24 * HOUR))).toEqual(['new']);
  });

  test('when an endpoint names its types, then it wants those only; without, every type', () => {
    expect(wants({ allEvents: false, eventTypes: ['contract.created'] }, 'contract.created')).toBe(true);
    expect(wants({ allEvents: false, eventTypes: ['contract.created'] }, 'customer.created')).toBe(false);
    expect(wants({ allEvents: true, eventTypes: [] }, 'webhook_endpoint.disabled')).toBe(true);
  });

  test('when a reader may not see personal data, then the customer of a message comes masked, and nothing else changes', () => {
    const event: StoredEvent = {
      id: 'e1',
      type: 'customer.created',
      resourceKind: 'customer',
      resourceId: 'c1',
      contractId: null,
      occurredAt: now,
      data: customerData({
        id: 'c1',
        name: 'Maria Souza',
        document: '52998224725',
        documentType: 'cpf',
        email: 'maria@example.com',
        mobilePhone: '+5511912345678',
        phones: [],
        address: null,
        createdAt: now,
        updatedAt: now,
      }),
    };
    expect(messageOf(event, true)).toEqual({
      id: 'e1',
      type: 'customer.created',
      timestamp: now.toISOString(),
      data: event.data,
    });
    expect(messageOf(event, false).data).toEqual({
      customer: {
        id: 'c1',
        name: 'M••• S•••',
        document: '•••••••••25',
        documentType: 'cpf',
        email: 'm•••@example.com',
        mobilePhone: '••••••••••5678',
      },
    });
  });
});
