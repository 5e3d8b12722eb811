import type { OutboxEffect } from '../../../domain/deliveries/delivery';
import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import { PartnerError } from '../../../domain/ports/partner';
import type { ReconciledTargetKind } from '../../../domain/reconciliation/reconciliation';
import type { UseCaseDeps } from '../deps';

/*
 * A subscription a platform holds under a reference Ponte does not have has no target of Ponte's
 * to carry its removal: a repair with `removeExtra` queues it as an `extra_subscription` delivery,
 * its target the finding, its integration the platform's (so its limits and pauses apply).
 */

export interface ExtraSubscription {
  readonly kind: ReconciledTargetKind;
  /** The SVA integration's id, `telecall` or `voip`. */
  readonly integrationId: string;
  readonly platform: string;
  readonly reference: string;
  /** TeleCall addresses lines by number. */
  readonly msisdn: string | null;
  /** delete_user (SVA) or cancel_line (TeleCall, softswitch). */
  readonly action: string;
}

export const extraSubscriptionEffect = (
  findingId: string,
  extra: ExtraSubscription,
): OutboxEffect<ExtraSubscription> => ({
  target: { kind: 'extra_subscription', id: findingId },
  platform: extra.platform,
  integrationId: extra.kind === 'sva_user' ? extra.integrationId : null,
  contractId: null,
  action: extra.action,
  orderingKey: `extra:${extra.integrationId}:${extra.reference}`,
  payload: extra,
});

/** Removes extra subscriptions on their platforms; each call is safe to repeat (gone is success). */
export function createExtraSubscriptionHandler(deps: UseCaseDeps): EffectHandler {
  return {
    kind: 'extra_subscription',
    async apply(delivery: ClaimedDelivery) {
      const extra = delivery.payload as ExtraSubscription;
      if (extra.kind === 'sip_line') {
        const softswitch = deps.voipPlatform();
        if (!softswitch)
          throw new PartnerError('rejected', 'The softswitch is not configured (VOIP_URL and VOIP_TOKEN).');
        return softswitch.cancelLine(extra.reference);
      }
      if (extra.kind === 'mvno_line') {
        const telecall = deps.telecallPlatform();
        if (!telecall)
          throw new PartnerError('rejected', 'TeleCall is not configured (TELECALL_URL and TELECALL_TOKEN).');
        if (!extra.msisdn) throw new PartnerError('rejected', 'The line has no number to address it by.');
        if ((await telecall.getLine(extra.msisdn)) === null) return;
        return telecall.cancelLine(extra.msisdn);
      }
      const integration = await deps.store.svaIntegrations.findById(extra.integrationId);
      if (!integration) throw new PartnerError('rejected', 'The SVA integration no longer exists.');
      return deps.svaPlatformFor(integration).deleteUser(extra.reference);
    },
  };
}
