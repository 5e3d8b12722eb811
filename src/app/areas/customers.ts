import { CUSTOMERS_EXAMPLES } from '../http/customers/examples';
import { customersRoutes } from '../http/customers/routes';
import type { Area } from './area';

export const customersArea: Area = { name: 'customers', tags: [{ name: 'Customers', description: 'The provider\'s customers (CPF or CNPJ).' }], examples: CUSTOMERS_EXAMPLES, routes: (http, { useCases }) => customersRoutes(http, useCases) };
