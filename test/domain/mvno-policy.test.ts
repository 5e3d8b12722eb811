import { CONTRACT_EVENT_TYPES } from '../../src/domain/contracts/contract';
import type { MvnoLineStatus } from '../../src/domain/mvno/mvno-line';
import { mvnoActionFor, mvnoStatusAfter, MVNO_LINE_STATUSES, validIccid } from '../../src/domain/mvno/mvno-line';

/* Issue 10's MVNO table (seed 000, TeleCall): each row of settings, from an active line. */
const rows = [
  { total: true, partial: true, late: 'blocked_partial', block: 'blocked_total' },
  { total: true, partial: false, late: 'blocked_total', block: 'blocked_total' },
  { total: false, partial: true, late: 'blocked_partial', block: 'blocked_partial' },
  { total: false, partial: false, late: null, block: null },
] as const;

describe('TeleCall lines follow their contract by the MVNO settings', () => {
  test.each(rows)(
    'when total is $total and partial is $partial, then late payment → $late, block → $block, release → active, cancel → cancelled',
    ({ total, partial, late, block }) => {
      const settings = { totalBlockFollowsContract: total, partialBlockFollowsContract: partial };
      expect(mvnoStatusAfter('report_late_payment', settings, 'active')).toBe(late);
      expect(mvnoStatusAfter('block', settings, 'active')).toBe(block);
      expect(mvnoStatusAfter('unblock', settings, 'blocked_partial')).toBe('active');
      expect(mvnoStatusAfter('unblock', settings, 'blocked_total')).toBe('active');
      // A trust release releases like an unblock.
      expect(mvnoStatusAfter('trust_release', settings, 'blocked_partial')).toBe('active');
      expect(mvnoStatusAfter('trust_release', settings, 'blocked_total')).toBe('active');
      expect(mvnoStatusAfter('cancel', settings, 'active')).toBe('cancelled');
      // A late line that is then blocked moves from the partial to the total block where the row says so.
      expect(mvnoStatusAfter('block', settings, 'blocked_partial')).toBe(block === 'blocked_partial' ? null : block);
    },
  );

  test.each(CONTRACT_EVENT_TYPES.flatMap((event) => rows.map((row) => [event, row] as const)))(
    'when a cancelled line sees %s, then nothing changes',
    (event, row) => {
      expect(
        mvnoStatusAfter(
          event,
          { totalBlockFollowsContract: row.total, partialBlockFollowsContract: row.partial },
          'cancelled',
        ),
      ).toBeNull();
    },
  );

  test('when the contract ends, is activated or released without a block, then lines end, stay, or stay', () => {
    const both = { totalBlockFollowsContract: true, partialBlockFollowsContract: true };
    for (const status of MVNO_LINE_STATUSES.filter((s) => s !== 'cancelled')) {
      expect(
        ['negativate', 'withdraw', 'cancel'].map((event) => mvnoStatusAfter(event as 'cancel', both, status)),
      ).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(mvnoStatusAfter('activate', both, status)).toBeNull();
    }
    expect(mvnoStatusAfter('unblock', both, 'active')).toBeNull();
    expect(mvnoStatusAfter('unblock', both, 'pending')).toBeNull();
    expect(mvnoStatusAfter('block', both, 'blocked_total')).toBeNull();
  });

  test('when a status is reached, then the TeleCall call is the one that takes the line there', () => {
    expect(
      ['blocked_partial', 'blocked_total', 'active', 'cancelled'].map((s) => mvnoActionFor(s as 'active')),
    ).toEqual(['block_line_partial', 'block_line_total', 'unblock_line', 'cancel_line']);
  });

  test('when an ICCID is checked, then 19 or 20 digits with a valid Luhn digit pass and anything else does not', () => {
    expect(validIccid('8955101000000000005')).toBe(true);
    expect(validIccid('8955101000000000006')).toBe(false);
    expect(validIccid('895510100000000000')).toBe(false);
    expect(validIccid('89551010000000000a5')).toBe(false);
  });
});

/*
 * Every cell: for each settings row, each line status and each contract event (in the order of
 * CONTRACT_EVENT_TYPES: activate, report_late_payment, block, unblock, trust_release, cancel,
 * negativate, remove_negativation, withdraw), where the line goes; "·" = it stays as it is.
 */
const P = 'blocked_partial',
  T = 'blocked_total',
  A = 'active',
  C = 'cancelled',
  _ = '·';
const CELLS: Record<string, Record<MvnoLineStatus, readonly string[]>> = {
  'total on, partial on': {
    pending: [_, P, T, _, _, C, C, _, C],
    active: [_, P, T, _, _, C, C, _, C],
    blocked_partial: [_, _, T, A, A, C, C, _, C],
    blocked_total: [_, _, _, A, A, C, C, _, C],
    cancelled: [_, _, _, _, _, _, _, _, _],
  },
  'total on only': {
    pending: [_, T, T, _, _, C, C, _, C],
    active: [_, T, T, _, _, C, C, _, C],
    blocked_partial: [_, T, T, A, A, C, C, _, C],
    blocked_total: [_, _, _, A, A, C, C, _, C],
    cancelled: [_, _, _, _, _, _, _, _, _],
  },
  'partial on only': {
    pending: [_, P, P, _, _, C, C, _, C],
    active: [_, P, P, _, _, C, C, _, C],
    blocked_partial: [_, _, _, A, A, C, C, _, C],
    blocked_total: [_, _, _, A, A, C, C, _, C],
    cancelled: [_, _, _, _, _, _, _, _, _],
  },
  'both off': {
    pending: [_, _, _, _, _, C, C, _, C],
    active: [_, _, _, _, _, C, C, _, C],
    blocked_partial: [_, _, _, A, A, C, C, _, C],
    blocked_total: [_, _, _, A, A, C, C, _, C],
    cancelled: [_, _, _, _, _, _, _, _, _],
  },
};
const SETTINGS_OF: Record<string, { totalBlockFollowsContract: boolean; partialBlockFollowsContract: boolean }> = {
  'total on, partial on': { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
  'total on only': { totalBlockFollowsContract: true, partialBlockFollowsContract: false },
  'partial on only': { totalBlockFollowsContract: false, partialBlockFollowsContract: true },
  'both off': { totalBlockFollowsContract: false, partialBlockFollowsContract: false },
};

describe('TeleCall lines, every cell of the table', () => {
  test.each(Object.keys(CELLS).flatMap((row) => MVNO_LINE_STATUSES.map((status) => [row, status] as const)))(
    'when the settings are %s and the line is %s, then each contract event takes it where the table says',
    (row, status) => {
      const got = CONTRACT_EVENT_TYPES.map((event) => mvnoStatusAfter(event, SETTINGS_OF[row]!, status) ?? _);
      expect(got).toEqual(CELLS[row]![status]);
    },
  );
});
