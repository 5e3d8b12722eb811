import type { PbxType } from './pbx';

export const CALL_COMMANDS = ['hangup', 'transfer', 'hold', 'resume'] as const;
export type CallCommand = (typeof CALL_COMMANDS)[number];

export interface PbxCapabilities {
  readonly commands: readonly CallCommand[];
  /** Whether the PBX reports an extension's status when asked (the others report it in their events). */
  readonly extensionStatus: boolean;
  /** Whether the PBX records calls (Dígitro: only with its EasyCall Record module). */
  readonly recording: boolean;
}

/**
 * What each PBX lets Ponte do during a call (seed 004: "Nem todas estas funções estão disponíveis
 * para todas as centrais"). Dígitro's API takes every command; Asterisk's ARI too; Planetfone and
 * ForIP, reached through their integration service, dial and hang up (Planetfone, on Asterisk,
 * also transfers).
 */
export const PBX_CAPABILITIES: Readonly<Record<PbxType, PbxCapabilities>> = {
  digitro: { commands: ['hangup', 'transfer', 'hold', 'resume'], extensionStatus: true, recording: true },
  asterisk: { commands: ['hangup', 'transfer', 'hold', 'resume'], extensionStatus: true, recording: true },
  planetfone: { commands: ['hangup', 'transfer'], extensionStatus: true, recording: false },
  forip: { commands: ['hangup'], extensionStatus: false, recording: false },
};

export const supports = (type: PbxType, command: CallCommand) => PBX_CAPABILITIES[type].commands.includes(command);

/** Recordings need a PBX that records: Dígitro only with EasyCall Record. */
export const records = (pbx: { readonly type: PbxType; readonly easyCallRecord: unknown }) =>
  PBX_CAPABILITIES[pbx.type].recording && (pbx.type !== 'digitro' || pbx.easyCallRecord !== null);
