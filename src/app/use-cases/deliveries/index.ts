import { makeGetDelivery, makeListDeliveries, makeRetryDelivery } from './deliveries';
import type { UseCaseDeps } from '../deps';

/** The use cases of the deliveries area: what its routes call. */
export function deliveriesUseCases(deps: UseCaseDeps) {
  return {
    listDeliveries: makeListDeliveries(deps),
    getDelivery: makeGetDelivery(deps),
    retryDelivery: makeRetryDelivery(deps),
  };
}

export type DeliveriesUseCases = ReturnType<typeof deliveriesUseCases>;
