import { Type } from 'typebox';
import type { SettingsChange, StoredSettings } from '../../../domain/settings/ports';
import type { IntegrationSettings } from '../../../domain/settings/integration-settings';
import { Id, Nullable, PageQuery, Timestamp } from '../common';

const fields = {
  voip: {
    defaultProductId: Nullable(
      Type.String({
        format: 'uuid',
        description:
          'The product (type voip) added to a contract with its first SIP line: the telephony add-on. Null: none.',
      }),
    ),
    sipPasswordRequired: Type.Boolean({ description: 'A SIP line must have a password.' }),
    blockLinesWithContract: Type.Boolean({
      description: 'SIP lines are blocked and released with the contract; false: only the contract changes.',
    }),
  },
  mvno: {
    totalBlockFollowsContract: Type.Boolean({
      description: 'TeleCall lines take a total block when their contract is blocked.',
    }),
    partialBlockFollowsContract: Type.Boolean({
      description:
        'TeleCall lines take a partial block when their contract is blocked or late; with both on, late payment blocks partially and a block totally.',
    }),
  },
  creditAnalysis: {
    enabled: Type.Boolean({
      description: 'Credit consults and negativation are offered; kept in step with the credit-analysis integrations.',
    }),
    reconsultIntervalDays: Nullable(
      Type.Integer({
        minimum: 0,
        maximum: 3650,
        description:
          'Consulting the same CPF/CNPJ again within this many days needs `confirm: true`. Null or 0: no guard.',
      }),
    ),
  },
  communicationChannel: {
    defaultOpaSuiteIntegrationId: Nullable(
      Type.String({
        format: 'uuid',
        description: 'The Opa! Suite integration customer notifications go through. Null until one is registered.',
      }),
    ),
  },
  pbx: {
    enabled: Type.Boolean({
      description:
        'Seed 004: "Utilizar serviços de integração com centrais telefônicas". Off: every call route answers 409 PBX_MODULE_DISABLED.',
    }),
  },
};

const section = <T extends Record<string, ReturnType<typeof Type.Boolean> | ReturnType<typeof Nullable>>>(
  title: string,
  description: string,
  properties: T,
) => Type.Object(properties, { title, description, additionalProperties: false });

const VoipSection = section('VoipSettings', 'VoIP (fixed telephony over SIP).', fields.voip);
const MvnoSection = section('MvnoSettings', 'MVNO mobile lines (TeleCall only).', fields.mvno);
const CreditSection = section(
  'CreditAnalysisSettings',
  'Credit analysis (bureau consults and negativation).',
  fields.creditAnalysis,
);
const ChannelSection = section(
  'CommunicationChannelSettings',
  'Customer communication channel (Opa! Suite).',
  fields.communicationChannel,
);
const PbxSection = section(
  'PbxSettings',
  'PBX integration (click-to-call, caller identification, call history).',
  fields.pbx,
);

const patch = { title: '', additionalProperties: false, minProperties: 1 } as const;
const { voip: v, mvno: m, creditAnalysis: c, communicationChannel: ch } = fields;
export const ReplaceSettingsBody = Type.Object(
  {
    voip: VoipSection,
    mvno: MvnoSection,
    creditAnalysis: CreditSection,
    communicationChannel: ChannelSection,
    pbx: Type.Optional(PbxSection),
  },
  {
    title: 'IntegrationSettingsRequest',
    additionalProperties: false,
    description: 'Every section and every field: the settings as they will be (`pbx` left out stays as it is).',
  },
);

export const UpdateSettingsBody = Type.Object(
  {
    voip: Type.Optional(
      Type.Object(
        {
          defaultProductId: Type.Optional(v.defaultProductId),
          sipPasswordRequired: Type.Optional(v.sipPasswordRequired),
          blockLinesWithContract: Type.Optional(v.blockLinesWithContract),
        },
        { ...patch, title: 'VoipSettingsPatch' },
      ),
    ),
    mvno: Type.Optional(
      Type.Object(
        {
          totalBlockFollowsContract: Type.Optional(m.totalBlockFollowsContract),
          partialBlockFollowsContract: Type.Optional(m.partialBlockFollowsContract),
        },
        { ...patch, title: 'MvnoSettingsPatch' },
      ),
    ),
    creditAnalysis: Type.Optional(
      Type.Object(
        { enabled: Type.Optional(c.enabled), reconsultIntervalDays: Type.Optional(c.reconsultIntervalDays) },
        { ...patch, title: 'CreditAnalysisSettingsPatch' },
      ),
    ),
    communicationChannel: Type.Optional(
      Type.Object(
        { defaultOpaSuiteIntegrationId: Type.Optional(ch.defaultOpaSuiteIntegrationId) },
        { ...patch, title: 'CommunicationChannelSettingsPatch' },
      ),
    ),
    pbx: Type.Optional(
      Type.Object({ enabled: Type.Optional(fields.pbx.enabled) }, { ...patch, title: 'PbxSettingsPatch' }),
    ),
  },
  {
    title: 'IntegrationSettingsPatch',
    additionalProperties: false,
    minProperties: 1,
    description: 'Some fields of some sections; what is not sent stays as it is.',
  },
);

export const SettingsView = Type.Object(
  {
    voip: VoipSection,
    mvno: MvnoSection,
    creditAnalysis: CreditSection,
    communicationChannel: ChannelSection,
    pbx: PbxSection,
    version: Type.Integer({
      minimum: 0,
      description: 'How many changes the settings have had (0: the defaults, never changed).',
    }),
    updatedAt: Nullable(Timestamp),
    updatedBy: Nullable(Type.String({ description: 'The API key that made the last change.' })),
  },
  {
    title: 'IntegrationSettings',
    description: 'The general integration settings (IXC "Parâmetros gerais > Integrações").',
  },
);

const SettingsSnapshot = Type.Object(
  {
    voip: VoipSection,
    mvno: MvnoSection,
    creditAnalysis: CreditSection,
    communicationChannel: ChannelSection,
    pbx: PbxSection,
  },
  { title: 'IntegrationSettingsSnapshot', description: 'The sections as they stood.' },
);

export const SettingsChangeView = Type.Object(
  {
    id: Id,
    at: Timestamp,
    actor: Type.String({ description: 'The API key that made the change.' }),
    changed: Type.Array(Type.String(), { description: '`section.field` of each field that changed.' }),
    before: SettingsSnapshot,
    after: SettingsSnapshot,
  },
  {
    title: 'IntegrationSettingsChange',
    description: 'One change to the integration settings: who, when, before and after.',
  },
);

export const HistoryQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

const sections = (s: IntegrationSettings) => ({
  voip: { ...s.voip },
  mvno: { ...s.mvno },
  creditAnalysis: { ...s.creditAnalysis },
  communicationChannel: { ...s.communicationChannel },
  pbx: { ...s.pbx },
});

export const settingsView = (stored: StoredSettings) => ({
  ...sections(stored.settings),
  version: stored.version,
  updatedAt: stored.updatedAt?.toISOString() ?? null,
  updatedBy: stored.updatedBy,
});

export const settingsChangeView = (change: SettingsChange) => ({
  id: change.id,
  at: change.at.toISOString(),
  actor: change.actor,
  changed: [...change.changed],
  before: sections(change.before),
  after: sections(change.after),
});
