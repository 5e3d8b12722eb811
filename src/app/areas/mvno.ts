import { mvnoContractEventFollower } from '../use-cases/mvno/lines';
import { mvnoUseCases } from '../use-cases/mvno';
import { MVNO_EXAMPLES } from '../http/mvno/examples';
import { mvnoRoutes } from '../http/mvno/routes';
import { createMvnoEffectHandler } from '../use-cases/mvno/effects';
import { SANDBOX_TELECALL_TOKEN } from '../../adapters/sandbox/sandbox';
import { createTelecallPlatform } from '../../adapters/partners/telecall/telecall-platform';
import { defineArea } from './area';

/** TeleCall mobile lines, following their contract per the MVNO settings. */
export const mvnoArea = defineArea({
  name: 'mvno',
  useCases: mvnoUseCases,
  tags: [
    {
      name: 'MVNO lines',
      description: 'TeleCall mobile lines of contracts; they follow the contract per the MVNO settings.',
    },
  ],
  contractEventFollower: mvnoContractEventFollower,
  // TeleCall: TELECALL_URL/TELECALL_TOKEN, else the sandbox's, else none (deliveries say so).
  partners: ({ config, http, sandboxUrl }) => ({
    telecallPlatform: () => {
      const sandbox = sandboxUrl('telecall');
      if (config.telecall)
        return createTelecallPlatform({ baseUrl: config.telecall.url, token: config.telecall.token, http });
      return sandbox ? createTelecallPlatform({ baseUrl: sandbox, token: SANDBOX_TELECALL_TOKEN, http }) : null;
    },
  }),
  examples: MVNO_EXAMPLES,
  routes: (http, { useCases }) => mvnoRoutes(http, useCases),
  effectHandlers: ({ store, telecallPlatform, now }) => [
    createMvnoEffectHandler({ platform: telecallPlatform, store, now }),
  ],
});
