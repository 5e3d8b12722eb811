import { customersRoutes } from '../http/customers/routes';
import type { Area } from './area';

export const customersArea: Area = { name: 'customers', routes: (http, { useCases }) => customersRoutes(http, useCases) };
