import {
  makeGetIntegrationSettings,
  makeListSettingsHistory,
  makeReplaceIntegrationSettings,
  makeUpdateIntegrationSettings,
} from './settings';
import type { UseCaseDeps } from '../deps';

/** The use cases of the settings area: what its routes call. */
export function settingsUseCases(deps: UseCaseDeps) {
  return {
    getIntegrationSettings: makeGetIntegrationSettings(deps),
    replaceIntegrationSettings: makeReplaceIntegrationSettings(deps),
    updateIntegrationSettings: makeUpdateIntegrationSettings(deps),
    listSettingsHistory: makeListSettingsHistory(deps),
  };
}

export type SettingsUseCases = ReturnType<typeof settingsUseCases>;
