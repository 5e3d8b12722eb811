import { deliveriesUseCases } from '../use-cases/deliveries';
import { DELIVERIES_EXAMPLES } from '../http/deliveries/examples';
import { deliveriesRoutes } from '../http/deliveries/routes';
import { defineArea } from './area';

/** The outbox as operators see it: every partner effect and its delivery. */
export const deliveriesArea = defineArea({
  name: 'deliveries',
  useCases: deliveriesUseCases,
  tags: [
    {
      name: 'Integration deliveries',
      description: 'Every partner effect and its delivery: the integration errors an operator retries.',
    },
  ],
  examples: DELIVERIES_EXAMPLES,
  routes: (http, { useCases }) => deliveriesRoutes(http, useCases),
});
