import { stfcRoutes } from '../http/stfc/routes';
import { createStfcEffectHandler } from '../use-cases/stfc/effects';
import { createBillingEffectHandler } from '../use-cases/stfc/billing';
import type { Area } from './area';

/** The STFC dashboard (seed 001): Summit integrations, services, billing rules and batches. */
export const stfcArea: Area = {
  name: 'stfc',
  routes: (http, { useCases }) => stfcRoutes(http, useCases),
  effectHandlers: ({ store, secrets, ids, summitFor, now }) => [createStfcEffectHandler({ store, secrets, summitFor, now }), createBillingEffectHandler({ store, ids, summitFor, now })],
};
