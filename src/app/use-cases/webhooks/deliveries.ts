import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { EVENT_RETENTION_MS, type EventType, type StoredEvent } from '../../../domain/webhooks/events';
import type { EventFilter, WebhookDelivery } from '../../../domain/webhooks/ports';
import type { UseCaseDeps } from '../deps';

const ENDPOINT_NOT_FOUND = () => fail('WEBHOOK_ENDPOINT_NOT_FOUND', 'Webhook endpoint not found.');

/** An endpoint's deliveries, each with every attempt and what the endpoint answered. */
export function makeListWebhookDeliveries({ store }: UseCaseDeps) {
  return async (endpointId: string, page: PageRequest): Promise<Result<Page<WebhookDelivery>>> => {
    if (!(await store.webhookEndpoints.findById(endpointId))) return ENDPOINT_NOT_FOUND();
    return ok(await store.webhookEndpoints.deliveries(endpointId, page));
  };
}

/** Sends a delivery that gave up (or is waiting) again now, with a fresh schedule of tries. */
export function makeRetryWebhookDelivery({ store, clock, effectsQueued }: UseCaseDeps) {
  return async (endpointId: string, deliveryId: string): Promise<Result<WebhookDelivery>> => {
    const retried = await store.transaction(async (repos) => {
      const endpoint = await repos.webhookEndpoints.findById(endpointId);
      if (!endpoint) return ENDPOINT_NOT_FOUND();
      const delivery = await repos.webhookEndpoints.findDelivery(endpointId, deliveryId);
      if (!delivery) return fail('WEBHOOK_DELIVERY_NOT_FOUND', 'This endpoint has no delivery with this id.');
      if (delivery.status === 'succeeded')
        return fail(
          'WEBHOOK_DELIVERY_SUCCEEDED',
          'This delivery already succeeded: replay its time window to send its event again.',
        );
      await repos.outbox.retry(deliveryId, clock.now());
      return ok((await repos.webhookEndpoints.findDelivery(endpointId, deliveryId))!);
    });
    if (retried.ok) effectsQueued();
    return retried;
  };
}

export interface ReplayInput {
  readonly from: Date;
  readonly to: Date;
  readonly types?: readonly EventType[];
}

/**
 * Sends an endpoint every kept event of a time window again (those it wants, and of `types` when
 * given), oldest first, under their own event ids: a receiver that already has one can tell.
 */
export function makeReplayWebhookEvents({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (endpointId: string, input: ReplayInput): Promise<Result<{ replayId: string; queued: number }>> => {
    if (input.to <= input.from)
      return fail('VALIDATION_FAILED', 'The window ends before it starts.', [
        { field: 'to', message: 'After `from`.' },
      ]);
    const replayed = await store.transaction(async (repos) => {
      const endpoint = await repos.webhookEndpoints.lockById(endpointId);
      if (!endpoint) return ENDPOINT_NOT_FOUND();
      const replayId = ids.next();
      const queued = await repos.events.replay(
        endpoint,
        { ...input, types: input.types ?? null },
        replayId,
        clock.now(),
      );
      return ok({ replayId, queued });
    });
    if (replayed.ok && replayed.value.queued > 0) effectsQueued();
    return replayed;
  };
}

/** The events kept (30 days), oldest first, by type, resource or contract. */
export function makeListEvents({ store, clock }: UseCaseDeps) {
  return async (filter: Omit<EventFilter, 'since'>, page: PageRequest): Promise<Result<Page<StoredEvent>>> =>
    ok(await store.events.list({ ...filter, since: new Date(clock.now().getTime() - EVENT_RETENTION_MS) }, page));
}

export function makeGetEvent({ store, clock }: UseCaseDeps) {
  return async (id: string): Promise<Result<StoredEvent>> => {
    const event = await store.events.findById(id);
    return event && event.occurredAt.getTime() >= clock.now().getTime() - EVENT_RETENTION_MS
      ? ok(event)
      : fail('EVENT_NOT_FOUND', 'Event not found.');
  };
}
