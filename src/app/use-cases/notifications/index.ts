import {
  makeCreateOpaSuiteIntegration,
  makeDeleteOpaSuiteIntegration,
  makeGetOpaSuiteIntegration,
  makeListOpaSuiteIntegrations,
  makeListOpaSuiteTemplates,
  makeUpdateOpaSuiteIntegration,
} from './integrations';
import { makeListContractNotifications } from './notify';
import { makeGetNotificationTemplates, makeReplaceNotificationTemplates } from './templates';
import type { UseCaseDeps } from '../deps';

/** The use cases of the notifications area: what its routes call. */
export function notificationsUseCases(deps: UseCaseDeps) {
  return {
    createOpaSuiteIntegration: makeCreateOpaSuiteIntegration(deps),
    updateOpaSuiteIntegration: makeUpdateOpaSuiteIntegration(deps),
    getOpaSuiteIntegration: makeGetOpaSuiteIntegration(deps),
    listOpaSuiteIntegrations: makeListOpaSuiteIntegrations(deps),
    deleteOpaSuiteIntegration: makeDeleteOpaSuiteIntegration(deps),
    listOpaSuiteTemplates: makeListOpaSuiteTemplates(deps),
    getNotificationTemplates: makeGetNotificationTemplates(deps),
    replaceNotificationTemplates: makeReplaceNotificationTemplates(deps),
    listContractNotifications: makeListContractNotifications(deps),
  };
}

export type NotificationsUseCases = ReturnType<typeof notificationsUseCases>;
