import { makeContractOffers } from '../settings/recent-settings';
import { makeCreateBillingBatch, makeGetBillingBatch, makeListBillingBatches, makeListCallRecords } from './billing';
import {
  makeAddOneOffValue,
  makeAddZeroBillingEvent,
  makeCreateStfcIntegration,
  makeDeleteStfcIntegration,
  makeGetStfcIntegration,
  makeListBillableContracts,
  makeListContractStfcServices,
  makeListOneOffValues,
  makeListStfcContracts,
  makeListStfcIntegrations,
  makeListZeroBillingEvents,
  makeStfcIndicators,
  makeUpdateStfcIntegration,
} from './stfc';
import type { UseCaseDeps } from '../deps';

/** The use cases of the stfc area: what its routes call. */
export function stfcUseCases(deps: UseCaseDeps) {
  return {
    contractOffers: makeContractOffers(deps),
    createStfcIntegration: makeCreateStfcIntegration(deps),
    updateStfcIntegration: makeUpdateStfcIntegration(deps),
    getStfcIntegration: makeGetStfcIntegration(deps),
    listStfcIntegrations: makeListStfcIntegrations(deps),
    deleteStfcIntegration: makeDeleteStfcIntegration(deps),
    listStfcContracts: makeListStfcContracts(deps),
    listBillableContracts: makeListBillableContracts(deps),
    listContractStfcServices: makeListContractStfcServices(deps),
    addOneOffValue: makeAddOneOffValue(deps),
    listOneOffValues: makeListOneOffValues(deps),
    addZeroBillingEvent: makeAddZeroBillingEvent(deps),
    listZeroBillingEvents: makeListZeroBillingEvents(deps),
    createBillingBatch: makeCreateBillingBatch(deps),
    listBillingBatches: makeListBillingBatches(deps),
    getBillingBatch: makeGetBillingBatch(deps),
    listCallRecords: makeListCallRecords(deps),
    stfcIndicators: makeStfcIndicators(deps),
  };
}

export type StfcUseCases = ReturnType<typeof stfcUseCases>;
