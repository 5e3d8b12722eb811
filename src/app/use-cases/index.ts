import { makeBootstrapAdminKey, makeCreateApiKey, makeDeleteApiKey, makeListApiKeys } from './api-keys/api-keys';
import {
  makeApplyContractEvent,
  makeApplyContractEventToMany,
  makeCreateContract,
  makeGetContract,
  makeListContractHistory,
  makeListContracts,
  makeUpdateContract,
} from './contracts/contracts';
import { makeCreateCustomer, makeDeleteCustomer, makeGetCustomer, makeListCustomers, makeUpdateCustomer } from './customers/customers';
import type { UseCaseDeps } from './deps';
import { makeGetDelivery, makeListDeliveries, makeRetryDelivery } from './deliveries/deliveries';
import {
  makeCreateSvaIntegration,
  makeDeleteSvaIntegration,
  makeGetSvaIntegration,
  makeListSvaIntegrations,
  makeListSvaPackages,
  makeUpdateSvaIntegration,
} from './sva/integrations';
import {
  makeActivateSvaUser,
  makeCreateSvaUser,
  makeDeactivateSvaUser,
  makeDeleteSvaUser,
  makeGetSvaUser,
  makeListSvaUsers,
  makeUpdateSvaUser,
} from './sva/users';
import {
  makeAddContractItem,
  makeCreateProduct,
  makeGetProduct,
  makeListContractItems,
  makeListProducts,
  makeRemoveContractItem,
  makeUpdateProduct,
} from './products/products';
import { makeCreateMvnoLine, makeDeleteMvnoLine, makeGetMvnoLine, makeListMvnoLines, makeUpdateMvnoLine } from './mvno/lines';
import { makeCreateSipLine, makeDeleteSipLine, makeGetSipLine, makeListSipLines, makeUpdateSipLine } from './voip/lines';
import { makeCancelCharge, makeCreateCharge, makeGetCharge, makeListContractCharges, makePayCharge } from './receivables/charges';
import { makeGetOverduePolicy, makeListOverduePolicyHistory, makeListOverdueRuns, makePreviewOverdue, makeReplaceOverduePolicy, makeRunOverdue } from './overdue/overdue';
import { makeGetIntegrationSettings, makeListSettingsHistory, makeReplaceIntegrationSettings, makeUpdateIntegrationSettings } from './settings/settings';

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
    applyContractEventToMany: makeApplyContractEventToMany(deps),
    listContractHistory: makeListContractHistory(deps),
    createSvaIntegration: makeCreateSvaIntegration(deps),
    getSvaIntegration: makeGetSvaIntegration(deps),
    listSvaIntegrations: makeListSvaIntegrations(deps),
    updateSvaIntegration: makeUpdateSvaIntegration(deps),
    deleteSvaIntegration: makeDeleteSvaIntegration(deps),
    listSvaPackages: makeListSvaPackages(deps),
    createSvaUser: makeCreateSvaUser(deps),
    getSvaUser: makeGetSvaUser(deps),
    listSvaUsers: makeListSvaUsers(deps),
    updateSvaUser: makeUpdateSvaUser(deps),
    deleteSvaUser: makeDeleteSvaUser(deps),
    activateSvaUser: makeActivateSvaUser(deps),
    deactivateSvaUser: makeDeactivateSvaUser(deps),
    listDeliveries: makeListDeliveries(deps),
    getDelivery: makeGetDelivery(deps),
    retryDelivery: makeRetryDelivery(deps),
    getIntegrationSettings: makeGetIntegrationSettings(deps),
    replaceIntegrationSettings: makeReplaceIntegrationSettings(deps),
    updateIntegrationSettings: makeUpdateIntegrationSettings(deps),
    listSettingsHistory: makeListSettingsHistory(deps),
    createSipLine: makeCreateSipLine(deps),
    listSipLines: makeListSipLines(deps),
    getSipLine: makeGetSipLine(deps),
    updateSipLine: makeUpdateSipLine(deps),
    deleteSipLine: makeDeleteSipLine(deps),
    createMvnoLine: makeCreateMvnoLine(deps),
    listMvnoLines: makeListMvnoLines(deps),
    getMvnoLine: makeGetMvnoLine(deps),
    updateMvnoLine: makeUpdateMvnoLine(deps),
    deleteMvnoLine: makeDeleteMvnoLine(deps),
    createCharge: makeCreateCharge(deps),
    getCharge: makeGetCharge(deps),
    listContractCharges: makeListContractCharges(deps),
    payCharge: makePayCharge(deps),
    cancelCharge: makeCancelCharge(deps),
    getOverduePolicy: makeGetOverduePolicy(deps),
    replaceOverduePolicy: makeReplaceOverduePolicy(deps),
    listOverduePolicyHistory: makeListOverduePolicyHistory(deps),
    previewOverdue: makePreviewOverdue(deps),
    runOverdue: makeRunOverdue(deps),
    listOverdueRuns: makeListOverdueRuns(deps),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
