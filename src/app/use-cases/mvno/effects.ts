import type { MvnoLineEffect } from '../../../domain/mvno/mvno-line';
import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import type { Store } from '../../../domain/ports/store';
import { PartnerError } from '../../../domain/ports/partner';
import type { TelecallPlatform } from '../../../domain/mvno/ports';

/** The effects on TeleCall lines; an activation that went through makes a pending line active. */
export function createMvnoEffectHandler({
  platform,
  store,
  now,
}: {
  platform: () => TelecallPlatform | null;
  store: Store;
  now: () => Date;
}): EffectHandler {
  return {
    kind: 'mvno_line',
    async apply(delivery: ClaimedDelivery) {
      const telecall = platform();
      if (!telecall)
        throw new PartnerError('rejected', 'TeleCall is not configured (TELECALL_URL and TELECALL_TOKEN).');
      const { action, line } = delivery.payload as MvnoLineEffect;
      switch (action) {
        case 'activate_line':
          await telecall.activateLine({
            reference: line.mvnoLineId,
            msisdn: line.msisdn,
            iccid: line.iccid,
            plan: line.plan,
          });
          return store.mvnoLines.markActivated(line.mvnoLineId, now());
        case 'block_line_partial':
          return telecall.blockLine(line.msisdn, 'partial');
        case 'block_line_total':
          return telecall.blockLine(line.msisdn, 'total');
        case 'unblock_line':
          return telecall.unblockLine(line.msisdn);
        case 'cancel_line':
          return telecall.cancelLine(line.msisdn);
      }
    },
  };
}
