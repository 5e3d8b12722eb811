import type { Delivery, DeliveryDetail, TargetKind } from '../../../domain/deliveries/delivery';
import { limitKeyOf } from '../../../domain/deliveries/limits';
import type { DeliveryFilter, IntegrationLimitsRepository } from '../../../domain/deliveries/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

/** A pending delivery whose integration its partner paused: until when, and the partner's answer. */
export type IntegrationPause = { readonly until: Date; readonly reason: string | null } | null;

/** Each delivery with the pause of its integration, when it is pending and its integration paused. */
async function withPauses<D extends Delivery>(
  limits: IntegrationLimitsRepository,
  deliveries: readonly D[],
): Promise<(D & { readonly paused: IntegrationPause })[]> {
  const waiting = deliveries.filter((d) => d.status === 'pending').map(limitKeyOf);
  const paused = await limits.pausedAmong([...new Set(waiting)]);
  return deliveries.map((d) => ({
    ...d,
    paused: d.status === 'pending' ? (paused.get(limitKeyOf(d)) ?? null) : null,
  }));
}

/** Webhook deliveries are not partner effects: each endpoint shows its own (docs/webhooks.md). */
const NOT_PARTNERS: readonly TargetKind[] = ['webhook'];

export function makeListDeliveries({ store }: UseCaseDeps) {
  return async (
    filter: DeliveryFilter,
    page: PageRequest,
  ): Promise<Result<Page<Delivery & { readonly paused: IntegrationPause }>>> => {
    const found = await store.outbox.list({ ...filter, exceptKinds: NOT_PARTNERS }, page);
    return ok({ ...found, items: await withPauses(store.integrationLimits, found.items) });
  };
}

export function makeGetDelivery({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<DeliveryDetail & { readonly paused: IntegrationPause }>> => {
    const delivery = await store.outbox.findById(id);
    return delivery && !NOT_PARTNERS.includes(delivery.target.kind)
      ? ok((await withPauses(store.integrationLimits, [delivery]))[0]!)
      : fail('DELIVERY_NOT_FOUND', 'Integration delivery not found.');
  };
}

/** An operator sends a failed (or waiting) delivery again now, with a fresh budget of tries; its past stays. */
export function makeRetryDelivery({ store, clock, effectsQueued }: UseCaseDeps) {
  return async (id: string): Promise<Result<DeliveryDetail & { readonly paused: IntegrationPause }>> => {
    const found = await store.outbox.findById(id);
    if (!found || NOT_PARTNERS.includes(found.target.kind))
      return fail('DELIVERY_NOT_FOUND', 'Integration delivery not found.');
    const delivery = (await store.outbox.retry(id, clock.now()))!;
    if (delivery.status === 'succeeded')
      return fail('DELIVERY_ALREADY_SUCCEEDED', 'This delivery already succeeded; there is nothing to retry.');
    effectsQueued();
    return ok((await withPauses(store.integrationLimits, [delivery]))[0]!);
  };
}
