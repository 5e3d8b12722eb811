import { makeGetDelivery, makeListDeliveries, makeRetryDelivery } from './deliveries';
import {
  makeGetIntegrationLimits,
  makeListIntegrationLimitHistory,
  makeListIntegrationLimits,
  makeResumeIntegration,
  makeUpdateIntegrationLimits,
} from './limits';
import type { UseCaseDeps } from '../deps';

/** The use cases of the deliveries area: what its routes call. */
export function deliveriesUseCases(deps: UseCaseDeps) {
  return {
    listDeliveries: makeListDeliveries(deps),
    getDelivery: makeGetDelivery(deps),
    retryDelivery: makeRetryDelivery(deps),
    listIntegrationLimits: makeListIntegrationLimits(deps),
    getIntegrationLimits: makeGetIntegrationLimits(deps),
    updateIntegrationLimits: makeUpdateIntegrationLimits(deps),
    resumeIntegration: makeResumeIntegration(deps),
    listIntegrationLimitHistory: makeListIntegrationLimitHistory(deps),
  };
}

export type DeliveriesUseCases = ReturnType<typeof deliveriesUseCases>;
