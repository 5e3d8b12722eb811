import { makeBootstrapAdminKey, makeCreateApiKey, makeDeleteApiKey, makeListApiKeys } from './api-keys';
import {
  makeApplyContractEvent,
  makeCreateContract,
  makeGetContract,
  makeListContractHistory,
  makeListContracts,
  makeUpdateContract,
} from './contracts';
import { makeCreateCustomer, makeDeleteCustomer, makeGetCustomer, makeListCustomers, makeUpdateCustomer } from './customers';
import type { UseCaseDeps } from './deps';
import {
  makeAddContractItem,
  makeCreateProduct,
  makeGetProduct,
  makeListContractItems,
  makeListProducts,
  makeRemoveContractItem,
  makeUpdateProduct,
} from './products';

export function createUseCases(deps: UseCaseDeps) {
  return {
    createApiKey: makeCreateApiKey(deps),
    listApiKeys: makeListApiKeys(deps),
    deleteApiKey: makeDeleteApiKey(deps),
    bootstrapAdminKey: makeBootstrapAdminKey(deps),
    createCustomer: makeCreateCustomer(deps),
    getCustomer: makeGetCustomer(deps),
    listCustomers: makeListCustomers(deps),
    updateCustomer: makeUpdateCustomer(deps),
    deleteCustomer: makeDeleteCustomer(deps),
    createProduct: makeCreateProduct(deps),
    getProduct: makeGetProduct(deps),
    listProducts: makeListProducts(deps),
    updateProduct: makeUpdateProduct(deps),
    addContractItem: makeAddContractItem(deps),
    listContractItems: makeListContractItems(deps),
    removeContractItem: makeRemoveContractItem(deps),
    createContract: makeCreateContract(deps),
    getContract: makeGetContract(deps),
    listContracts: makeListContracts(deps),
    updateContract: makeUpdateContract(deps),
    applyContractEvent: makeApplyContractEvent(deps),
    listContractHistory: makeListContractHistory(deps),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
