import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../../src/domain/contracts/contract';
import { actionFor, lineStatusAfter, SIP_LINE_STATUSES, type SipLineStatus } from '../../src/domain/voip/sip-line';

/*
 * Seed 000, "Bloquear e desbloquear linhas de telefone junto com o contrato": every cell of the
 * table — each contract event, with the setting on and off, from each line status.
 */
const table: Record<ContractEventType, Record<'on' | 'off', Record<SipLineStatus, SipLineStatus | null>>> = {
  activate: { on: { active: null, blocked: null, cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  report_late_payment: { on: { active: null, blocked: null, cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  block: { on: { active: 'blocked', blocked: null, cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  unblock: { on: { active: null, blocked: 'active', cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  trust_release: { on: { active: null, blocked: 'active', cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  cancel: { on: { active: 'cancelled', blocked: 'cancelled', cancelled: null }, off: { active: 'cancelled', blocked: 'cancelled', cancelled: null } },
  negativate: { on: { active: 'cancelled', blocked: 'cancelled', cancelled: null }, off: { active: 'cancelled', blocked: 'cancelled', cancelled: null } },
  remove_negativation: { on: { active: null, blocked: null, cancelled: null }, off: { active: null, blocked: null, cancelled: null } },
  withdraw: { on: { active: 'cancelled', blocked: 'cancelled', cancelled: null }, off: { active: 'cancelled', blocked: 'cancelled', cancelled: null } },
};

describe('SIP lines follow their contract (seed 000)', () => {
  const cells = CONTRACT_EVENT_TYPES.flatMap((event) => (['on', 'off'] as const).flatMap((setting) => SIP_LINE_STATUSES.map((status) => [event, setting, status] as const)));

  test.each(cells)('when the contract gets %s with blockLinesWithContract %s, a line that is %s…', (event, setting, status) => {
    expect(lineStatusAfter(event, { blockLinesWithContract: setting === 'on' }, status)).toBe(table[event][setting][status]);
  });

  test('when a line changes status, then the softswitch call is the one that takes it there', () => {
    expect([actionFor('blocked'), actionFor('active'), actionFor('cancelled')]).toEqual(['block_line', 'unblock_line', 'cancel_line']);
  });
});
