import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../contracts/contract';
import type { OutboxEffect } from '../deliveries/delivery';
import type { VoipSettings } from '../settings/integration-settings';

/** A SIP line (ramal SIP) of a contract on the provider's softswitch. */
export const SIP_LINE_STATUSES = ['active', 'blocked', 'cancelled'] as const;
export type SipLineStatus = (typeof SIP_LINE_STATUSES)[number];

export interface SipLine {
  readonly id: string;
  readonly contractId: string;
  /** The extension (ramal) the softswitch knows the line by: 2 to 10 digits. */
  readonly extension: string;
  /** The phone number (E.164). */
  readonly number: string;
  readonly status: SipLineStatus;
  readonly passwordSet: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const EXTENSION = /^\d{2,10}$/;

export const SIP_LINE_ACTIONS = ['create_line', 'block_line', 'unblock_line', 'cancel_line', 'update_line', 'delete_line'] as const;
export type SipLineAction = (typeof SIP_LINE_ACTIONS)[number];

/** What the softswitch needs to act on a line, as the outbox keeps it (the password sealed). */
export interface SipLineEffect {
  readonly action: SipLineAction;
  readonly line: { readonly sipLineId: string; readonly contractId: string; readonly extension: string; readonly number: string };
  readonly sealedPassword?: string | null;
}

/**
 * What a contract event does to a line (seed 000, "Bloquear e desbloquear linhas de telefone junto
 * com o contrato"): with the setting on, a block blocks the line and a release (or a trust release) releases it; off,
 * only the contract changes. Ending the contract cancels its lines either way. Late payment and
 * activation leave lines alone. Null: the line stays as it is.
 */
export function lineStatusAfter(event: ContractEventType, settings: Pick<VoipSettings, 'blockLinesWithContract'>, status: SipLineStatus): SipLineStatus | null {
  if (status === 'cancelled') return null;
  switch (event) {
    case 'cancel':
    case 'negativate':
    case 'withdraw':
      return 'cancelled';
    case 'block':
      return settings.blockLinesWithContract && status === 'active' ? 'blocked' : null;
    case 'unblock':
    case 'trust_release':
      return settings.blockLinesWithContract && status === 'blocked' ? 'active' : null;
    case 'report_late_payment':
    case 'activate':
    case 'remove_negativation':
      return null;
  }
}

/** The softswitch call that takes a line to a status. */
export const actionFor = (status: SipLineStatus): SipLineAction => (status === 'blocked' ? 'block_line' : status === 'active' ? 'unblock_line' : 'cancel_line');

export const sipLineEffect = (action: SipLineAction, line: SipLine, sealedPassword?: string | null): OutboxEffect<SipLineEffect> => ({
  target: { kind: 'sip_line', id: line.id },
  platform: 'voip',
  integrationId: null,
  contractId: line.contractId,
  action,
  orderingKey: `sip_line:${line.id}`,
  payload: { action, line: { sipLineId: line.id, contractId: line.contractId, extension: line.extension, number: line.number }, ...(sealedPassword !== undefined ? { sealedPassword } : {}) },
});

/** One cell of the table where a line changes: with this event, from this status. */
export interface LinePolicyRow<S extends string, A extends string> {
  readonly event: ContractEventType;
  readonly from: S;
  readonly to: S;
  readonly action: A;
}

/** `lineStatusAfter` for every event and status under these settings, as rows: what a set-based write joins on. */
export const sipLinePolicyRows = (settings: Pick<VoipSettings, 'blockLinesWithContract'>): LinePolicyRow<SipLineStatus, SipLineAction>[] =>
  CONTRACT_EVENT_TYPES.flatMap((event) =>
    SIP_LINE_STATUSES.flatMap((from) => {
      const to = lineStatusAfter(event, settings, from);
      return to ? [{ event, from, to, action: actionFor(to) }] : [];
    }),
  );
