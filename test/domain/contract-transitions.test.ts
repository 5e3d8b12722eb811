import fc from 'fast-check';
import {
  ACCESS_STATUSES,
  CONTRACT_EVENT_TYPES,
  CONTRACT_STATUSES,
  EVENT_MODES,
  NEW_CONTRACT_STATE,
  REQUESTABLE_EVENT_TYPES,
  type ContractEvent,
  type ContractState,
} from '../../src/domain/contracts/contract';
import {
  allowedEvents,
  checkRequestable,
  isTerminal,
  negativable,
  REACHABLE_STATES,
  transition,
} from '../../src/domain/contracts/contract-transitions';

const s = (status: ContractState['status'], accessStatus: ContractState['accessStatus']): ContractState => ({
  status,
  accessStatus,
});
const manual = (type: ContractEvent['type']): ContractEvent => ({ type, mode: 'manual' });
const automatic = (type: ContractEvent['type']): ContractEvent => ({ type, mode: 'automatic' });

describe('contract lifecycle table', () => {
  test.each<[string, ContractState, ContractEvent, ContractState]>([
    [
      'when a pre-contract is activated, then access opens',
      NEW_CONTRACT_STATE,
      manual('activate'),
      s('active', 'active'),
    ],
    [
      'when an active contract is reported late, then access shows late payment',
      s('active', 'active'),
      manual('report_late_payment'),
      s('active', 'late_payment'),
    ],
    [
      'when a late contract is blocked manually, then access is manual_block',
      s('active', 'late_payment'),
      manual('block'),
      s('active', 'manual_block'),
    ],
    [
      'when a late contract is blocked automatically, then access is automatic_block',
      s('active', 'late_payment'),
      automatic('block'),
      s('active', 'automatic_block'),
    ],
    [
      'when an active contract is blocked, then access is blocked',
      s('active', 'active'),
      manual('block'),
      s('active', 'manual_block'),
    ],
    [
      'when a blocked contract is released, then access is active again',
      s('active', 'automatic_block'),
      manual('unblock'),
      s('active', 'active'),
    ],
    [
      'when a late contract is settled, then access is active again',
      s('active', 'late_payment'),
      manual('unblock'),
      s('active', 'active'),
    ],
    [
      'when a contract blocked automatically gets a trust release, then access is active again',
      s('active', 'automatic_block'),
      manual('trust_release'),
      s('active', 'active'),
    ],
    [
      'when a contract blocked by hand gets a trust release, then access is active again',
      s('active', 'manual_block'),
      manual('trust_release'),
      s('active', 'active'),
    ],
    [
      'when a blocked contract is cancelled, then it is inactive and disabled',
      s('active', 'manual_block'),
      automatic('cancel'),
      s('inactive', 'disabled'),
    ],
    [
      'when a pre-contract is cancelled, then it is inactive and disabled',
      NEW_CONTRACT_STATE,
      manual('cancel'),
      s('inactive', 'disabled'),
    ],
    [
      'when an overdue contract is negativated, then it is negativated and disabled',
      s('active', 'late_payment'),
      manual('negativate'),
      s('negativated', 'disabled'),
    ],
    [
      'when a cancelled contract is negativated, then it is negativated and disabled',
      s('inactive', 'disabled'),
      manual('negativate'),
      s('negativated', 'disabled'),
    ],
    [
      'when the last negativation of a contract is removed, then it is cancelled (inactive) again',
      s('negativated', 'disabled'),
      manual('remove_negativation'),
      s('inactive', 'disabled'),
    ],
    [
      'when a pre-contract customer gives up, then it is withdrawn',
      NEW_CONTRACT_STATE,
      manual('withdraw'),
      s('withdrawn', 'disabled'),
    ],
    [
      'when an active customer gives up, then it is withdrawn',
      s('active', 'active'),
      manual('withdraw'),
      s('withdrawn', 'disabled'),
    ],
  ])('%s', (_title, from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, value: to });
  });

  test.each<[string, ContractState, ContractEvent]>([
    ['when an active contract is activated again', s('active', 'active'), manual('activate')],
    ['when a running contract is unblocked', s('active', 'active'), manual('unblock')],
    ['when a blocked contract is blocked again', s('active', 'manual_block'), automatic('block')],
    ['when a pre-contract is blocked', NEW_CONTRACT_STATE, manual('block')],
    ['when a pre-contract is reported late', NEW_CONTRACT_STATE, manual('report_late_payment')],
    ['when a pre-contract is negativated', NEW_CONTRACT_STATE, manual('negativate')],
    ['when a withdrawn contract is negativated', s('withdrawn', 'disabled'), manual('negativate')],
    ['when a negativated contract is negativated again', s('negativated', 'disabled'), manual('negativate')],
    [
      'when a negativation is removed from a contract that is not negativated',
      s('inactive', 'disabled'),
      manual('remove_negativation'),
    ],
    ['when a blocked contract is reported late', s('active', 'automatic_block'), manual('report_late_payment')],
    [
      'when a late contract that is not blocked gets a trust release',
      s('active', 'late_payment'),
      manual('trust_release'),
    ],
    ['when a running contract gets a trust release', s('active', 'active'), manual('trust_release')],
  ])('%s, then it is refused naming the state and the event', (_title, from, event) => {
    const result = transition(from, event);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONTRACT_TRANSITION_NOT_ALLOWED');
      expect(result.error.message).toContain(`'${event.type}'`);
      expect(result.error.message).toContain(`'${from.status}'`);
      expect(result.error.message).toContain(`'${from.accessStatus}'`);
    }
  });

  test('when a contract is withdrawn, then no event moves it again', () => {
    const end = s('withdrawn', 'disabled');
    expect(isTerminal(end)).toBe(true);
    for (const type of CONTRACT_EVENT_TYPES)
      for (const mode of EVENT_MODES) expect(transition(end, { type, mode }).ok).toBe(false);
  });

  test('when a contract is cancelled, then only a negativation moves it; when negativated, only the removal of its negativation', () => {
    const moves = (from: ContractState) =>
      CONTRACT_EVENT_TYPES.filter((type) => EVENT_MODES.some((mode) => transition(from, { type, mode }).ok));
    expect(moves(s('inactive', 'disabled'))).toEqual(['negativate']);
    expect(moves(s('negativated', 'disabled'))).toEqual(['remove_negativation']);
  });

  test('when events are offered, then negativation and its removal never are (a bureau does them); a negativable contract is one credit analysis may negativate', () => {
    expect(allowedEvents(s('active', 'late_payment'))).not.toContain('negativate');
    expect(allowedEvents(s('inactive', 'disabled'))).toEqual([]);
    expect(allowedEvents(s('negativated', 'disabled'))).toEqual([]);
    expect(negativable(s('active', 'late_payment'), { negativation: true })).toBe(true);
    expect(negativable(s('inactive', 'disabled'), { negativation: true })).toBe(true);
    expect(negativable(s('active', 'late_payment'), { negativation: false })).toBe(false);
    expect(negativable(s('negativated', 'disabled'), { negativation: true })).toBe(false);
    expect(negativable(s('pre_contract', 'awaiting_signature'), { negativation: true })).toBe(false);
  });

  test('when negativate or remove_negativation is asked for on the events route, then it is refused naming the bureau routes; any other event may be asked for', () => {
    expect(checkRequestable('negativate')).toMatchObject({
      ok: false,
      error: { code: 'NEGATIVATION_ONLY_THROUGH_BUREAU', message: expect.stringContaining('POST /v1/negativations') },
    });
    expect(checkRequestable('remove_negativation')).toMatchObject({
      ok: false,
      error: {
        code: 'NEGATIVATION_ONLY_THROUGH_BUREAU',
        message: expect.stringContaining('DELETE /v1/negativations/{id}'),
      },
    });
    for (const type of REQUESTABLE_EVENT_TYPES) expect(checkRequestable(type).ok).toBe(true);
  });

  test('when the allowed events of a state are listed, then each one is accepted and no other', () => {
    for (const status of CONTRACT_STATUSES)
      for (const accessStatus of ACCESS_STATUSES) {
        const allowed = allowedEvents(s(status, accessStatus));
        for (const type of REQUESTABLE_EVENT_TYPES)
          expect(transition(s(status, accessStatus), manual(type)).ok).toBe(allowed.includes(type));
      }
  });
});

const eventArbitrary = fc.record({
  type: fc.constantFrom(...CONTRACT_EVENT_TYPES),
  mode: fc.constantFrom(...EVENT_MODES),
});
const key = (state: ContractState) => `${state.status}/${state.accessStatus}`;
const reachable = new Set(REACHABLE_STATES.map(key));

describe('contract lifecycle properties', () => {
  test('when any sequence of events is applied to a new contract, then it only visits states the table lists', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 40 }), (events) => {
        let state: ContractState = NEW_CONTRACT_STATE;
        for (const event of events) {
          const next = transition(state, event);
          if (next.ok) state = next.value;
          expect(reachable.has(key(state))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('when a contract has been cancelled, then whatever follows leaves it disabled, and closed: cancelled or negativated', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 20 }),
        fc.array(eventArbitrary, { maxLength: 20 }),
        (before, after) => {
          let state: ContractState = NEW_CONTRACT_STATE;
          for (const event of before) {
            const next = transition(state, event);
            if (next.ok) state = next.value;
          }
          const cancelled = transition(state, { type: 'cancel', mode: 'manual' });
          fc.pre(cancelled.ok);
          if (!cancelled.ok) return;
          state = cancelled.value;
          for (const event of after) {
            const next = transition(state, event);
            if (next.ok) state = next.value;
            expect([s('inactive', 'disabled'), s('negativated', 'disabled')]).toContainEqual(state);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('when an event is refused, then the state is the one the caller already had', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REACHABLE_STATES), eventArbitrary, (state, event) => {
        const next = transition(state, event);
        if (next.ok) expect(reachable.has(key(next.value))).toBe(true);
        else expect(next.error.code).toBe('CONTRACT_TRANSITION_NOT_ALLOWED');
      }),
    );
  });
});
