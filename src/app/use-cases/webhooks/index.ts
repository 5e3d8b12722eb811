import {
  makeGetEvent,
  makeListEvents,
  makeListWebhookDeliveries,
  makeReplayWebhookEvents,
  makeRetryWebhookDelivery,
} from './deliveries';
import {
  makeCreateWebhookEndpoint,
  makeDeleteWebhookEndpoint,
  makeGetWebhookEndpoint,
  makeListWebhookEndpoints,
  makeRotateWebhookSecret,
  makeUpdateWebhookEndpoint,
} from './endpoints';
import type { UseCaseDeps } from '../deps';

/** The use cases of the webhooks area: what its routes call. */
export function webhooksUseCases(deps: UseCaseDeps) {
  return {
    createWebhookEndpoint: makeCreateWebhookEndpoint(deps),
    getWebhookEndpoint: makeGetWebhookEndpoint(deps),
    listWebhookEndpoints: makeListWebhookEndpoints(deps),
    updateWebhookEndpoint: makeUpdateWebhookEndpoint(deps),
    deleteWebhookEndpoint: makeDeleteWebhookEndpoint(deps),
    rotateWebhookSecret: makeRotateWebhookSecret(deps),
    listWebhookDeliveries: makeListWebhookDeliveries(deps),
    retryWebhookDelivery: makeRetryWebhookDelivery(deps),
    replayWebhookEvents: makeReplayWebhookEvents(deps),
    listEvents: makeListEvents(deps),
    getEvent: makeGetEvent(deps),
  };
}

export type WebhooksUseCases = ReturnType<typeof webhooksUseCases>;
