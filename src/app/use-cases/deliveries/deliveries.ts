import type { Delivery, DeliveryDetail } from '../../../domain/deliveries/delivery';
import type { DeliveryFilter } from '../../../domain/deliveries/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

export function makeListDeliveries({ store }: UseCaseDeps) {
  return async (filter: DeliveryFilter, page: PageRequest): Promise<Result<Page<Delivery>>> =>
    ok(await store.outbox.list(filter, page));
}

export function makeGetDelivery({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<DeliveryDetail>> => {
    const delivery = await store.outbox.findById(id);
    return delivery ? ok(delivery) : fail('DELIVERY_NOT_FOUND', 'Integration delivery not found.');
  };
}

/** An operator sends a failed (or waiting) delivery again now, with a fresh budget of tries; its past stays. */
export function makeRetryDelivery({ store, clock, effectsQueued }: UseCaseDeps) {
  return async (id: string): Promise<Result<DeliveryDetail>> => {
    const delivery = await store.outbox.retry(id, clock.now());
    if (!delivery) return fail('DELIVERY_NOT_FOUND', 'Integration delivery not found.');
    if (delivery.status === 'succeeded')
      return fail('DELIVERY_ALREADY_SUCCEEDED', 'This delivery already succeeded; there is nothing to retry.');
    effectsQueued();
    return ok(delivery);
  };
}
