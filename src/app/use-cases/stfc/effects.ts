import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import type { Store } from '../../../domain/ports/store';
import type { StfcIntegrationRecord } from '../../../domain/stfc/ports';
import type { SecretBox } from '../../../domain/ports/secrets';
import type { SummitPlatform } from '../../../domain/stfc/summit';
import { PartnerError } from '../../../domain/ports/partner';
import type { StfcEffect } from '../../../domain/stfc/stfc';

/**
 * The effects on Summit services: each goes to Summit through its integration (read at each call,
 * so new credentials apply at once). A provisioned service becomes active; refused credentials are
 * shown on the integration as `authError`.
 */
export function createStfcEffectHandler(deps: {
  store: Store;
  secrets: SecretBox;
  summitFor: (integration: StfcIntegrationRecord) => SummitPlatform;
  now: () => Date;
}): EffectHandler {
  return {
    kind: 'stfc_service',
    async apply(delivery: ClaimedDelivery) {
      const integration = delivery.integrationId ? await deps.store.stfc.findIntegration(delivery.integrationId) : null;
      if (!integration) throw new PartnerError('rejected', 'The Summit integration no longer exists.');
      const { action, service } = delivery.payload as StfcEffect;
      switch (action) {
        case 'provision_line':
          await deps.summitFor(integration).provisionLine({
            contractRef: service.contractId,
            number: service.number,
            plan: service.plan,
            closingDay: service.closingDay,
          });
          await deps.store.stfc.markProvisioned(service.stfcServiceId, deps.now());
          return;
        case 'update_line':
          return deps.summitFor(integration).updateLine(service.contractId, {
            plan: service.plan,
            closingDay: service.closingDay,
          });
      }
    },
    async credentialsRefused(delivery, message, now) {
      if (delivery.integrationId) await deps.store.stfc.recordAuthError(delivery.integrationId, message, now);
    },
  };
}
