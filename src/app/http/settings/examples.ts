import { at, ids, page } from '../example-story';

const settingsBefore = {
  voip: { defaultProductId: null, sipPasswordRequired: false, blockLinesWithContract: true },
  mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
  creditAnalysis: { enabled: false, reconsultIntervalDays: null },
  communicationChannel: { defaultOpaSuiteIntegrationId: null },
  pbx: { enabled: false },
};

const settings = {
  ...settingsBefore,
  voip: { defaultProductId: ids.voipProduct, sipPasswordRequired: true, blockLinesWithContract: true },
  creditAnalysis: { enabled: false, reconsultIntervalDays: 30 },
};

const settingsChange = {
  id: ids.settingsChange,
  at,
  actor: 'erp-integration',
  changed: ['voip.defaultProductId', 'voip.sipPasswordRequired', 'creditAnalysis.reconsultIntervalDays'],
  before: settingsBefore,
  after: settings,
};

/** An example per named schema of the settings area, from the one story (src/app/http/example-story.ts). */
export const SETTINGS_EXAMPLES: Readonly<Record<string, unknown>> = {
  IntegrationSettings: { ...settings, version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  IntegrationSettingsRequest: settings,
  IntegrationSettingsSnapshot: settings,
  IntegrationSettingsPatch: { voip: { blockLinesWithContract: false } },
  VoipSettings: settings.voip,
  VoipSettingsPatch: { blockLinesWithContract: false },
  MvnoSettings: settings.mvno,
  MvnoSettingsPatch: { partialBlockFollowsContract: false },
  CreditAnalysisSettings: settings.creditAnalysis,
  CreditAnalysisSettingsPatch: { reconsultIntervalDays: 30 },
  CommunicationChannelSettings: settings.communicationChannel,
  CommunicationChannelSettingsPatch: { defaultOpaSuiteIntegrationId: null },
  PbxSettings: { enabled: true },
  PbxSettingsPatch: { enabled: true },
  IntegrationSettingsChange: settingsChange,
  IntegrationSettingsChangePage: page(settingsChange),
};
