import { voipContractEventFollower } from '../use-cases/voip/lines';
import { voipUseCases } from '../use-cases/voip';
import { VOIP_EXAMPLES } from '../http/voip/examples';
import { voipRoutes } from '../http/voip/routes';
import { createVoipEffectHandler } from '../use-cases/voip/effects';
import { defineArea } from './area';

/** SIP lines on the provider's softswitch, following their contract per the VoIP settings. */
export const voipArea = defineArea({
  name: 'voip',
  useCases: voipUseCases,
  tags: [
    {
      name: 'VoIP lines',
      description: 'SIP lines of contracts on the softswitch; they follow the contract per the VoIP settings.',
    },
  ],
  contractEventFollower: voipContractEventFollower,
  examples: VOIP_EXAMPLES,
  routes: (http, { useCases }) => voipRoutes(http, useCases),
  effectHandlers: ({ secrets, voipPlatform }) => [createVoipEffectHandler({ platform: voipPlatform, secrets })],
});
