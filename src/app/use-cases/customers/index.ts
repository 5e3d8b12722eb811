import {
  makeCreateCustomer,
  makeDeleteCustomer,
  makeGetCustomer,
  makeListCustomers,
  makeUpdateCustomer,
} from './customers';
import type { UseCaseDeps } from '../deps';

/** The use cases of the customers area: what its routes call. */
export function customersUseCases(deps: UseCaseDeps) {
  return {
    createCustomer: makeCreateCustomer(deps),
    getCustomer: makeGetCustomer(deps),
    listCustomers: makeListCustomers(deps),
    updateCustomer: makeUpdateCustomer(deps),
    deleteCustomer: makeDeleteCustomer(deps),
  };
}

export type CustomersUseCases = ReturnType<typeof customersUseCases>;
