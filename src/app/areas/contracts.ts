import { contractsUseCases } from '../use-cases/contracts';
import { CONTRACTS_EXAMPLES } from '../http/contracts/examples';
import { contractsRoutes } from '../http/contracts/routes';
import { defineArea } from './area';

export const contractsArea = defineArea({
  name: 'contracts',
  useCases: contractsUseCases,
  tags: [{ name: 'Contracts', description: 'Contracts, their products and their lifecycle events.' }],
  examples: CONTRACTS_EXAMPLES,
  routes: (http, { useCases }) => contractsRoutes(http, useCases),
});
