import type { SendTemplateEffect } from '../../../domain/notifications/notification';
import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import { PartnerError } from '../../../domain/ports/partner';
import type { UseCaseDeps } from '../deps';
import { notificationFailedData } from '../../../domain/webhooks/payloads';
import { withEvents } from '../webhooks/emit';

/**
 * Notifications through Opa! Suite: the template with its variables to the customer's phone, by
 * the integration's channel (read at each call, so a new token applies at once). Sent once it
 * answered success; refused for good, it is failed with Opa! Suite's words (an operator may retry
 * the delivery after fixing the template).
 */
export function createNotificationEffectHandler(deps: UseCaseDeps): EffectHandler {
  const { store, clock } = deps;
  return {
    kind: 'notification',
    async apply(delivery: ClaimedDelivery) {
      const { notificationId } = delivery.payload as SendTemplateEffect;
      const notification = await store.notifications.find(notificationId);
      if (
        !notification ||
        notification.status === 'sent' ||
        notification.status === 'skipped' ||
        notification.phone === null
      )
        return;
      const integration = notification.integrationId
        ? await store.opaSuite.findIntegration(notification.integrationId)
        : null;
      if (!integration) throw new PartnerError('rejected', 'The Opa! Suite integration no longer exists.');
      try {
        const { messageId } = await deps.opaSuiteFor(integration).sendTemplate({
          phone: notification.phone,
          name: null,
          templateId: notification.templateId,
          variables: notification.variables,
          channelId: integration.channelId,
        });
        await store.notifications.update(notification.id, {
          status: 'sent',
          messageId,
          error: null,
          sentAt: clock.now(),
        });
      } catch (error) {
        if (error instanceof PartnerError && error.kind !== 'retryable') {
          // Failed, and frontends told, together (docs/webhooks.md).
          const failedAt = clock.now();
          await withEvents(deps, async (repos) => {
            await repos.notifications.update(notification.id, { status: 'failed', error: error.message });
            const told = {
              type: 'notification.failed' as const,
              resourceId: notification.id,
              contractId: notification.contractId,
              data: notificationFailedData(notification, error.message),
            };
            return { result: undefined, events: [told], at: failedAt };
          });
        }
        throw error;
      }
    },
    async credentialsRefused(delivery, message, now) {
      if (delivery.integrationId) await store.opaSuite.recordAuthError(delivery.integrationId, message, now);
    },
  };
}
