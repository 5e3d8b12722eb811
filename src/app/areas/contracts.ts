import { CONTRACTS_EXAMPLES } from '../http/contracts/examples';
import { contractsRoutes } from '../http/contracts/routes';
import type { Area } from './area';

export const contractsArea: Area = { name: 'contracts', tags: [{ name: 'Contracts', description: 'Contracts, their products and their lifecycle events.' }], examples: CONTRACTS_EXAMPLES, routes: (http, { useCases }) => contractsRoutes(http, useCases) };
