import {
  makeCreateSvaIntegration,
  makeDeleteSvaIntegration,
  makeGetSvaIntegration,
  makeListSvaIntegrations,
  makeListSvaPackages,
  makeUpdateSvaIntegration,
} from './integrations';
import {
  makeActivateSvaUser,
  makeCreateSvaUser,
  makeDeactivateSvaUser,
  makeDeleteSvaUser,
  makeGetSvaUser,
  makeListSvaUsers,
  makeUpdateSvaUser,
} from './users';
import type { UseCaseDeps } from '../deps';

/** The use cases of the sva area: what its routes call. */
export function svaUseCases(deps: UseCaseDeps) {
  return {
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
  };
}

export type SvaUseCases = ReturnType<typeof svaUseCases>;
