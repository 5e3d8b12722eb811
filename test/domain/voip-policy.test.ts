import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../../src/domain/contracts/contract';
import {
  actionFor,
  lineStateAfter,
  SIP_LINE_STATES,
  sipLineFieldsOf,
  sipLineStateOf,
  type SipLineState,
} from '../../src/domain/voip/sip-line';

/*
 * Seed 000, "Bloquear e desbloquear linhas de telefone junto com o contrato": every cell of the
 * table — each contract event, with the setting on and off, from each line state. The setting
 * decides whether a block reaches an active line; a line the contract's block reached
 * (`blocked_with_contract`) comes back with the release whatever the setting says by then; a line
 * blocked by hand (`blocked`) stays blocked; an ending cancels every line.
 */
type Row = Record<SipLineState, SipLineState | null>;
const none: Row = { active: null, blocked: null, blocked_with_contract: null, cancelled: null };
const ends: Row = { active: 'cancelled', blocked: 'cancelled', blocked_with_contract: 'cancelled', cancelled: null };
const releases: Row = { ...none, blocked_with_contract: 'active' };
const table: Record<ContractEventType, Record<'on' | 'off', Row>> = {
  activate: { on: none, off: none },
  report_late_payment: { on: none, off: none },
  block: { on: { ...none, active: 'blocked_with_contract' }, off: none },
  unblock: { on: releases, off: releases },
  trust_release: { on: releases, off: releases },
  cancel: { on: ends, off: ends },
  negativate: { on: ends, off: ends },
  remove_negativation: { on: none, off: none },
  withdraw: { on: ends, off: ends },
};

describe('SIP lines follow their contract (seed 000)', () => {
  const cells = CONTRACT_EVENT_TYPES.flatMap((event) =>
    (['on', 'off'] as const).flatMap((setting) => SIP_LINE_STATES.map((state) => [event, setting, state] as const)),
  );

  test.each(cells)(
    'when the contract gets %s with blockLinesWithContract %s, a line that is %s…',
    (event, setting, state) => {
      expect(lineStateAfter(event, { blockLinesWithContract: setting === 'on' }, state)).toBe(
        table[event][setting][state],
      );
    },
  );

  test('when a line was blocked with its contract and the setting is then turned off, then the release still brings it back', () => {
    const blocked = lineStateAfter('block', { blockLinesWithContract: true }, 'active')!;
    expect(lineStateAfter('unblock', { blockLinesWithContract: false }, blocked)).toBe('active');
  });

  test('when a line changes state, then the softswitch call is the one that takes it there', () => {
    expect([
      actionFor('blocked'),
      actionFor('blocked_with_contract'),
      actionFor('active'),
      actionFor('cancelled'),
    ]).toEqual(['block_line', 'block_line', 'unblock_line', 'cancel_line']);
  });

  test('when a state is stored and read back, then it is the same state; the API status of either block is blocked', () => {
    for (const state of SIP_LINE_STATES) expect(sipLineStateOf(sipLineFieldsOf(state))).toBe(state);
    expect(sipLineFieldsOf('blocked_with_contract')).toEqual({ status: 'blocked', blockedWithContract: true });
  });
});
