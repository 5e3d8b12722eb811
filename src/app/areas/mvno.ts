import { MVNO_EXAMPLES } from '../http/mvno/examples';
import { mvnoRoutes } from '../http/mvno/routes';
import { createMvnoEffectHandler } from '../use-cases/mvno/effects';
import type { Area } from './area';

/** TeleCall mobile lines, following their contract per the MVNO settings. */
export const mvnoArea: Area = {
  name: 'mvno', tags: [{ name: 'MVNO lines', description: 'TeleCall mobile lines of contracts; they follow the contract per the MVNO settings.' }], examples: MVNO_EXAMPLES,
  routes: (http, { useCases }) => mvnoRoutes(http, useCases),
  effectHandlers: ({ store, telecallPlatform, now }) => [createMvnoEffectHandler({ platform: telecallPlatform, store, now })],
};
