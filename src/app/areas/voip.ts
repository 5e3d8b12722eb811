import { voipContractEventFollower } from '../use-cases/voip/lines';
import { voipUseCases } from '../use-cases/voip';
import { VOIP_EXAMPLES } from '../http/voip/examples';
import { voipRoutes } from '../http/voip/routes';
import { createVoipEffectHandler } from '../use-cases/voip/effects';
import { SANDBOX_VOIP_TOKEN } from '../../adapters/sandbox/sandbox';
import { createVoipPlatform } from '../../adapters/partners/voip/voip-platform';
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
  // The softswitch: VOIP_URL/VOIP_TOKEN, else the sandbox's, else none (deliveries say so).
  partners: ({ config, http, sandboxUrl }) => ({
    voipPlatform: () => {
      const sandbox = sandboxUrl('voip');
      if (config.voip) return createVoipPlatform({ baseUrl: config.voip.url, token: config.voip.token, http });
      return sandbox ? createVoipPlatform({ baseUrl: sandbox, token: SANDBOX_VOIP_TOKEN, http }) : null;
    },
  }),
  examples: VOIP_EXAMPLES,
  routes: (http, { useCases }) => voipRoutes(http, useCases),
  effectHandlers: ({ secrets, voipPlatform }) => [createVoipEffectHandler({ platform: voipPlatform, secrets })],
});
