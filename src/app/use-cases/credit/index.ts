import { makeConsultCredit, makeGetCreditConsultation, makeListCreditConsultations } from './consultations';
import {
  makeCreateCreditIntegration,
  makeDeleteCreditIntegration,
  makeGetCreditIntegration,
  makeListCreditIntegrations,
  makeUpdateCreditIntegration,
} from './integrations';
import {
  makeCreateNegativation,
  makeGetNegativation,
  makeListNegativations,
  makeReceiveCreditWebhook,
  makeRemoveNegativation,
} from './negativations';
import type { UseCaseDeps } from '../deps';

/** The use cases of the credit area: what its routes call. */
export function creditUseCases(deps: UseCaseDeps) {
  return {
    createCreditIntegration: makeCreateCreditIntegration(deps),
    updateCreditIntegration: makeUpdateCreditIntegration(deps),
    getCreditIntegration: makeGetCreditIntegration(deps),
    listCreditIntegrations: makeListCreditIntegrations(deps),
    deleteCreditIntegration: makeDeleteCreditIntegration(deps),
    consultCredit: makeConsultCredit(deps),
    getCreditConsultation: makeGetCreditConsultation(deps),
    listCreditConsultations: makeListCreditConsultations(deps),
    createNegativation: makeCreateNegativation(deps),
    removeNegativation: makeRemoveNegativation(deps),
    getNegativation: makeGetNegativation(deps),
    listNegativations: makeListNegativations(deps),
    receiveCreditWebhook: makeReceiveCreditWebhook(deps),
  };
}

export type CreditUseCases = ReturnType<typeof creditUseCases>;
