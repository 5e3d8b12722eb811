/*
 * The general integration settings of seed 000 ("Parâmetros gerais > Integrações"): plain data
 * that the rules of each partner receive as an argument, never read from a global.
 */

export interface VoipSettings {
  /** The product added to a contract with its first SIP line ("Produto padrão … Adicional de Telefonia"); a product of type voip. */
  readonly defaultProductId: string | null;
  /** A SIP line needs a password ("Preenchimento obrigatório de senha em clientes VoIP"). */
  readonly sipPasswordRequired: boolean;
  /** Lines are blocked and released with the contract; off: only the contract changes. */
  readonly blockLinesWithContract: boolean;
}

export interface MvnoSettings {
  /** TeleCall lines follow a blocked contract with a total block. */
  readonly totalBlockFollowsContract: boolean;
  /** TeleCall lines follow a blocked or late contract with a partial block. */
  readonly partialBlockFollowsContract: boolean;
}

export interface CreditAnalysisSettings {
  /** Kept in step with the credit-analysis integrations ("atualizado sempre que existe alteração ou cadastro"). */
  readonly enabled: boolean;
  /** Consulting the same CPF/CNPJ again inside this many days needs a confirmation; null or 0: no guard. */
  readonly reconsultIntervalDays: number | null;
}

export interface CommunicationChannelSettings {
  /** The Opa! Suite integration customer notifications go through. */
  readonly defaultOpaSuiteIntegrationId: string | null;
}

export interface PbxSettings {
  /** Seed 004: "Utilizar serviços de integração com centrais telefônicas"; off, every call route is refused. */
  readonly enabled: boolean;
}

export interface IntegrationSettings {
  readonly voip: VoipSettings;
  readonly mvno: MvnoSettings;
  readonly creditAnalysis: CreditAnalysisSettings;
  readonly communicationChannel: CommunicationChannelSettings;
  readonly pbx: PbxSettings;
}

export const SETTINGS_SECTIONS = ['voip', 'mvno', 'creditAnalysis', 'communicationChannel', 'pbx'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * Before anyone changes them: lines follow the contract (the provider does not keep paying for
 * the lines of a contract it blocked), no password rule, no credit analysis, no default channel.
 */
export const DEFAULT_INTEGRATION_SETTINGS: IntegrationSettings = {
  voip: { defaultProductId: null, sipPasswordRequired: false, blockLinesWithContract: true },
  mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
  creditAnalysis: { enabled: false, reconsultIntervalDays: null },
  communicationChannel: { defaultOpaSuiteIntegrationId: null },
  pbx: { enabled: false },
};

/** Some fields of some sections (PATCH): what is not named stays as it is. */
export type SettingsPatch = { readonly [S in SettingsSection]?: Partial<IntegrationSettings[S]> };

export function applySettingsPatch(current: IntegrationSettings, patch: SettingsPatch): IntegrationSettings {
  return {
    voip: { ...current.voip, ...patch.voip },
    mvno: { ...current.mvno, ...patch.mvno },
    creditAnalysis: { ...current.creditAnalysis, ...patch.creditAnalysis },
    communicationChannel: { ...current.communicationChannel, ...patch.communicationChannel },
    pbx: { ...current.pbx, ...patch.pbx },
  };
}

/** The fields that differ, as `section.field`, in section order. */
export function changedFields(before: IntegrationSettings, after: IntegrationSettings): string[] {
  return SETTINGS_SECTIONS.flatMap((section) => {
    const old = before[section] as unknown as Record<string, unknown>;
    const now = after[section] as unknown as Record<string, unknown>;
    return Object.keys(now)
      .filter((field) => old[field] !== now[field])
      .map((field) => `${section}.${field}`);
  });
}

/** The guard of seed 000 applies only with an interval of at least one day. */
export const reconsultGuardDays = (settings: CreditAnalysisSettings): number | null =>
  settings.reconsultIntervalDays !== null && settings.reconsultIntervalDays > 0 ? settings.reconsultIntervalDays : null;
