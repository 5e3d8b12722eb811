import { makeContractOffers } from '../settings/recent-settings';
import {
  makeApplyContractEvent,
  makeApplyContractEventToMany,
  makeApproveContract,
  makeCreateContract,
  makeGetContract,
  makeListContractHistory,
  makeListContracts,
  makeUpdateContract,
} from './contracts';
import type { UseCaseDeps } from '../deps';

/** The use cases of the contracts area: what its routes call. */
export function contractsUseCases(deps: UseCaseDeps) {
  return {
    contractOffers: makeContractOffers(deps),
    createContract: makeCreateContract(deps),
    getContract: makeGetContract(deps),
    listContracts: makeListContracts(deps),
    updateContract: makeUpdateContract(deps),
    approveContract: makeApproveContract(deps),
    applyContractEvent: makeApplyContractEvent(deps),
    applyContractEventToMany: makeApplyContractEventToMany(deps),
    listContractHistory: makeListContractHistory(deps),
  };
}

export type ContractsUseCases = ReturnType<typeof contractsUseCases>;
