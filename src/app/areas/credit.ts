import { creditRoutes } from '../http/credit/routes';
import { createNegativationEffectHandler } from '../use-cases/credit/effects';
import type { Area } from './area';

/** Credit analysis (seed 000): bureau integrations, consults with the interval guard, negativations. */
export const creditArea: Area = {
  name: 'credit',
  routes: (http, { useCases }) => creditRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createNegativationEffectHandler(deps)],
};
