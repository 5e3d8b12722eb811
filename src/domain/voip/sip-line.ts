import { lineTold } from '../webhooks/line-told';
import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../contracts/contract';
import type { OutboxEffect } from '../deliveries/delivery';
import { effectOf, type TargetCall } from '../deliveries/target-call';
import type { VoipSettings } from '../settings/integration-settings';

/** A SIP line (ramal SIP) of a contract on the provider's softswitch. */
export const SIP_LINE_STATUSES = ['active', 'blocked', 'cancelled'] as const;
export type SipLineStatus = (typeof SIP_LINE_STATUSES)[number];

/**
 * How a line stands for the rules: its status, and for a blocked line whether the contract's block
 * put it there (`blocked_with_contract`) or an operator did (`blocked`). Only the first follows the
 * contract's release.
 */
export const SIP_LINE_STATES = ['active', 'blocked', 'blocked_with_contract', 'cancelled'] as const;
export type SipLineState = (typeof SIP_LINE_STATES)[number];

export interface SipLine {
  readonly id: string;
  readonly contractId: string;
  /** The extension (ramal) the softswitch knows the line by: 2 to 10 digits. */
  readonly extension: string;
  /** The phone number (E.164). */
  readonly number: string;
  readonly status: SipLineStatus;
  /** Blocked because its contract was blocked (with "block lines with the contract" on). */
  readonly blockedWithContract: boolean;
  readonly passwordSet: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const EXTENSION = /^\d{2,10}$/;

export const SIP_LINE_ACTIONS = [
  'create_line',
  'block_line',
  'unblock_line',
  'cancel_line',
  'update_line',
  'delete_line',
] as const;
export type SipLineAction = (typeof SIP_LINE_ACTIONS)[number];

/** What the softswitch needs to act on a line, as the outbox keeps it (the password sealed). */
export interface SipLineEffect {
  readonly action: SipLineAction;
  readonly line: {
    readonly sipLineId: string;
    readonly contractId: string;
    readonly extension: string;
    readonly number: string;
  };
  readonly sealedPassword?: string | null;
}

export const sipLineStateOf = (line: Pick<SipLine, 'status' | 'blockedWithContract'>): SipLineState =>
  line.status === 'blocked' && line.blockedWithContract ? 'blocked_with_contract' : line.status;

export const sipLineFieldsOf = (state: SipLineState): Pick<SipLine, 'status' | 'blockedWithContract'> =>
  state === 'blocked_with_contract'
    ? { status: 'blocked', blockedWithContract: true }
    : { status: state, blockedWithContract: false };

/**
 * What a contract event does to a line (seed 000, "Bloquear e desbloquear linhas de telefone junto
 * com o contrato"). The setting decides whether a new block of the contract reaches its active
 * lines; a line the contract's block reached is released with the contract (release or trust
 * release) whatever the setting says by then, and a line an operator blocked stays so. Off, only
 * the contract changes. Ending the contract cancels its lines either way (the setting is about
 * blocking for non-payment). Late payment and activation leave lines alone. Null: the line stays.
 */
export function lineStateAfter(
  event: ContractEventType,
  settings: Pick<VoipSettings, 'blockLinesWithContract'>,
  state: SipLineState,
): SipLineState | null {
  if (state === 'cancelled') return null;
  switch (event) {
    case 'cancel':
    case 'negativate':
    case 'withdraw':
      return 'cancelled';
    case 'block':
      return settings.blockLinesWithContract && state === 'active' ? 'blocked_with_contract' : null;
    case 'unblock':
    case 'trust_release':
      return state === 'blocked_with_contract' ? 'active' : null;
    case 'report_late_payment':
    case 'activate':
    case 'remove_negativation':
      return null;
  }
}

/** The softswitch call that takes a line to a state. */
export const actionFor = (state: SipLineState): SipLineAction =>
  state === 'blocked' || state === 'blocked_with_contract'
    ? 'block_line'
    : state === 'active'
      ? 'unblock_line'
      : 'cancel_line';

/** The call on a SIP line: one softswitch, one line's calls in order; its state is its status and whether its contract's block made it. */
export const SIP_LINE_CALL: TargetCall<keyof SipLine> = {
  kind: 'sip_line',
  platform: { text: 'voip' },
  integrationId: null,
  orderingKey: [{ text: 'sip_line:' }, { field: 'id' }],
  payload: {
    name: 'line',
    fields: { sipLineId: 'id', contractId: 'contractId', extension: 'extension', number: 'number' },
  },
  state: { flagged: 'blocked_with_contract', status: 'blocked', flag: 'blockedWithContract' },
  told: lineTold('sip', { id: 'id', contractId: 'contractId', number: 'number' }),
};

export const sipLineEffect = (
  action: SipLineAction,
  line: SipLine,
  sealedPassword?: string | null,
): OutboxEffect<SipLineEffect> =>
  effectOf(
    SIP_LINE_CALL,
    action,
    line,
    sealedPassword !== undefined ? { sealedPassword } : {},
  ) as unknown as OutboxEffect<SipLineEffect>;

/** One cell of the table where a line changes: with this event, from this status. */
export interface LinePolicyRow<S extends string, A extends string> {
  readonly event: ContractEventType;
  readonly from: S;
  readonly to: S;
  readonly action: A;
}

/** `lineStateAfter` for every event and state under these settings, as rows: what a set-based write joins on. */
export const sipLinePolicyRows = (
  settings: Pick<VoipSettings, 'blockLinesWithContract'>,
): LinePolicyRow<SipLineState, SipLineAction>[] =>
  CONTRACT_EVENT_TYPES.flatMap((event) =>
    SIP_LINE_STATES.flatMap((from) => {
      const to = lineStateAfter(event, settings, from);
      return to ? [{ event, from, to, action: actionFor(to) }] : [];
    }),
  );
