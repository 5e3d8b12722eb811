import { mvnoContractEventFollower } from '../use-cases/mvno/lines';
import { mvnoUseCases } from '../use-cases/mvno';
import { MVNO_EXAMPLES } from '../http/mvno/examples';
import { mvnoRoutes } from '../http/mvno/routes';
import { createMvnoEffectHandler } from '../use-cases/mvno/effects';
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
  examples: MVNO_EXAMPLES,
  routes: (http, { useCases }) => mvnoRoutes(http, useCases),
  effectHandlers: ({ store, telecallPlatform, now }) => [
    createMvnoEffectHandler({ platform: telecallPlatform, store, now }),
  ],
});
