import { customersUseCases } from '../use-cases/customers';
import { CUSTOMERS_EXAMPLES } from '../http/customers/examples';
import { customersRoutes } from '../http/customers/routes';
import { defineArea } from './area';

export const customersArea = defineArea({
  name: 'customers',
  useCases: customersUseCases,
  tags: [{ name: 'Customers', description: "The provider's customers (CPF or CNPJ)." }],
  examples: CUSTOMERS_EXAMPLES,
  routes: (http, { useCases }) => customersRoutes(http, useCases),
});
