import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import type { SecretBox } from '../../../domain/ports/secrets';
import { PartnerError } from '../../../domain/ports/partner';
import type { VoipPlatform } from '../../../domain/voip/ports';
import type { SipLineEffect } from '../../../domain/voip/sip-line';

/** The effects on SIP lines, carried out on the softswitch (null: none is configured). */
export function createVoipEffectHandler({
  platform,
  secrets,
}: {
  platform: () => VoipPlatform | null;
  secrets: SecretBox;
}): EffectHandler {
  return {
    kind: 'sip_line',
    async apply(delivery: ClaimedDelivery) {
      const softswitch = platform();
      if (!softswitch) throw new PartnerError('rejected', 'No softswitch is configured (VOIP_URL and VOIP_TOKEN).');
      const { action, line, sealedPassword } = delivery.payload as SipLineEffect;
      const password = sealedPassword ? secrets.open(sealedPassword) : null;
      switch (action) {
        case 'create_line':
          return softswitch.createLine({
            reference: line.sipLineId,
            extension: line.extension,
            number: line.number,
            password,
          });
        case 'block_line':
          return softswitch.blockLine(line.sipLineId);
        case 'unblock_line':
          return softswitch.unblockLine(line.sipLineId);
        case 'cancel_line':
          return softswitch.cancelLine(line.sipLineId);
        case 'update_line':
          return softswitch.updateLine(line.sipLineId, { password });
        case 'delete_line':
          return softswitch.deleteLine(line.sipLineId);
      }
    },
  };
}
