import { lineTold } from '../webhooks/line-told';
import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../contracts/contract';
import type { LinePolicyRow } from '../voip/sip-line';
import type { OutboxEffect } from '../deliveries/delivery';
import { effectOf, type TargetCall } from '../deliveries/target-call';
import type { MvnoSettings } from '../settings/integration-settings';

/** A TeleCall mobile line (MVNO) of a contract. pending: TeleCall has not finished activating it. */
export const MVNO_LINE_STATUSES = ['pending', 'active', 'blocked_partial', 'blocked_total', 'cancelled'] as const;
export type MvnoLineStatus = (typeof MVNO_LINE_STATUSES)[number];

export interface MvnoLine {
  readonly id: string;
  readonly contractId: string;
  /** The mobile number, E.164. */
  readonly msisdn: string;
  /** The SIM card: 19 or 20 digits, the last one a Luhn check digit. */
  readonly iccid: string;
  readonly plan: string;
  readonly status: MvnoLineStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Whether an ICCID has 19 or 20 digits and a valid Luhn check digit (ITU-T E.118). */
export function validIccid(iccid: string): boolean {
  if (!/^\d{19,20}$/.test(iccid)) return false;
  let sum = 0;
  for (let i = 0; i < iccid.length; i += 1) {
    let digit = Number(iccid[iccid.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const MVNO_LINE_ACTIONS = [
  'activate_line',
  'block_line_partial',
  'block_line_total',
  'unblock_line',
  'cancel_line',
] as const;
export type MvnoLineAction = (typeof MVNO_LINE_ACTIONS)[number];

export interface MvnoLineEffect {
  readonly action: MvnoLineAction;
  readonly line: {
    readonly mvnoLineId: string;
    readonly contractId: string;
    readonly msisdn: string;
    readonly iccid: string;
    readonly plan: string;
  };
}

/**
 * The block a contract's blocked or late state brings to its lines, by the MVNO settings
 * (seed 000): with both on, late payment blocks partially and a block totally; with one on, that
 * one for both; with both off, lines stay active.
 */
function blockFor(event: 'report_late_payment' | 'block', settings: MvnoSettings): MvnoLineStatus | null {
  const { totalBlockFollowsContract: total, partialBlockFollowsContract: partial } = settings;
  if (total && partial) return event === 'block' ? 'blocked_total' : 'blocked_partial';
  if (total) return 'blocked_total';
  if (partial) return 'blocked_partial';
  return null;
}

/** What a contract event does to a line; null: it stays as it is. */
export function mvnoStatusAfter(
  event: ContractEventType,
  settings: MvnoSettings,
  status: MvnoLineStatus,
): MvnoLineStatus | null {
  if (status === 'cancelled') return null;
  switch (event) {
    case 'cancel':
    case 'negativate':
    case 'withdraw':
      return 'cancelled';
    case 'report_late_payment':
    case 'block': {
      if (status === 'blocked_total') return null;
      const target = blockFor(event, settings);
      return target && target !== status ? target : null;
    }
    case 'unblock':
    case 'trust_release':
      return status === 'blocked_partial' || status === 'blocked_total' ? 'active' : null;
    case 'activate':
    case 'remove_negativation':
      return null;
  }
}

export const mvnoActionFor = (status: MvnoLineStatus): MvnoLineAction =>
  status === 'blocked_partial'
    ? 'block_line_partial'
    : status === 'blocked_total'
      ? 'block_line_total'
      : status === 'cancelled'
        ? 'cancel_line'
        : status === 'active'
          ? 'unblock_line'
          : 'activate_line';

/** The call on a TeleCall line: one carrier, one line's calls in order. */
export const MVNO_LINE_CALL: TargetCall<keyof MvnoLine> = {
  kind: 'mvno_line',
  platform: { text: 'telecall' },
  integrationId: null,
  orderingKey: [{ text: 'mvno_line:' }, { field: 'id' }],
  payload: {
    name: 'line',
    fields: { mvnoLineId: 'id', contractId: 'contractId', msisdn: 'msisdn', iccid: 'iccid', plan: 'plan' },
  },
  told: lineTold('mvno', { id: 'id', contractId: 'contractId', number: 'msisdn' }),
};

export const mvnoLineEffect = (action: MvnoLineAction, line: MvnoLine): OutboxEffect<MvnoLineEffect> =>
  effectOf(MVNO_LINE_CALL, action, line) as unknown as OutboxEffect<MvnoLineEffect>;

/** `mvnoStatusAfter` for every event and status under these settings, as rows: what a set-based write joins on. */
export const mvnoLinePolicyRows = (settings: MvnoSettings): LinePolicyRow<MvnoLineStatus, MvnoLineAction>[] =>
  CONTRACT_EVENT_TYPES.flatMap((event) =>
    MVNO_LINE_STATUSES.flatMap((from) => {
      const to = mvnoStatusAfter(event, settings, from);
      return to ? [{ event, from, to, action: mvnoActionFor(to) }] : [];
    }),
  );
