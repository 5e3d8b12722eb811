import { contractsRoutes } from '../http/contracts/routes';
import type { Area } from './area';

export const contractsArea: Area = { name: 'contracts', routes: (http, { useCases }) => contractsRoutes(http, useCases) };
