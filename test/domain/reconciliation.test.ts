import fc from 'fast-check';
import { MVNO_LINE_STATUSES } from '../../src/domain/mvno/mvno-line';
import type { TelecallLine } from '../../src/domain/mvno/ports';
import { SIP_LINE_STATUSES } from '../../src/domain/voip/sip-line';
import type { SoftswitchLine } from '../../src/domain/voip/ports';
import type { SummitLine } from '../../src/domain/stfc/summit';
import {
  compareMvnoLine,
  compareSipLine,
  compareStfcService,
  compareSvaUser,
  countFindings,
  repairsIn,
  type DesiredMvnoLine,
  type DesiredSipLine,
  type DesiredStfcService,
  type DesiredSvaUser,
} from '../../src/domain/reconciliation/reconciliation';
import type { PlatformUser } from '../../src/domain/sva/ports';
import { SVA_USER_STATUSES, type SvaUserStatus } from '../../src/domain/sva/sva';

/* Reconciliation's comparison (docs/reconciliation.md): what each difference is, and what a repair does. */

const ID = '0193a4f0-1111-7aaa-8bbb-0c1d2e3f4a5b';
const desiredUser = (fields: Partial<DesiredSvaUser> = {}): DesiredSvaUser => ({
  id: ID,
  contractId: '0193a4ef-9b2c-7d3e-8f40-5a6b7c8d9e0f',
  contractStatus: 'active',
  status: 'active',
  packageCode: 'EXA-SEG-BASICO',
  mobilePhone: '+5511987654321',
  ...fields,
});
const platformUser = (fields: Partial<PlatformUser> = {}): PlatformUser => ({
  externalId: 'exa-1',
  reference: ID,
  username: 'maria@example.com',
  document: '52998224725',
  email: 'maria@example.com',
  status: 'active',
  packageCode: 'EXA-SEG-BASICO',
  mobilePhone: '+5511987654321',
  ...fields,
});

/** Applies SVA calls as the platforms do (unblock brings a deactivated user back). */
function applySva(status: SvaUserStatus, actions: readonly string[]): SvaUserStatus {
  return actions.reduce<SvaUserStatus>((at, action) => {
    if (action === 'block_user') {
      if (at === 'deactivated') throw new Error('a deactivated user cannot be blocked');
      return 'blocked';
    }
    if (action === 'unblock_user') return 'active';
    if (action === 'deactivate_user') return 'deactivated';
    return at;
  }, status);
}

describe('SVA users', () => {
  test('when both sides agree, then there is no finding', () => {
    expect(compareSvaUser(ID, desiredUser(), platformUser())).toBeNull();
    expect(compareSvaUser(ID, null, null)).toBeNull();
  });

  test('when the platform lacks a user Ponte has, then it is missing and a repair creates it in its state; a deactivated one is not missing', () => {
    expect(compareSvaUser(ID, desiredUser(), null)).toMatchObject({
      kind: 'missing',
      repair: { actions: ['create_user'] },
    });
    expect(compareSvaUser(ID, desiredUser({ status: 'blocked' }), null)?.repair.actions).toEqual([
      'create_user',
      'block_user',
    ]);
    expect(compareSvaUser(ID, desiredUser({ status: 'deactivated' }), null)).toBeNull();
  });

  test('when the platform holds a reference Ponte does not have, then it is extra, removed only where the run says so', () => {
    const extra = compareSvaUser('erp-771', null, platformUser({ reference: 'erp-771' }))!;
    expect(extra).toMatchObject({
      kind: 'extra',
      targetId: null,
      contractId: null,
      desired: null,
      repair: { actions: ['delete_user'] },
    });
    expect(repairsIn(extra, false)).toBe(false);
    expect(repairsIn(extra, true)).toBe(true);
    expect(compareSvaUser('erp-771', null, platformUser({ status: 'deactivated' }))!.repair).toMatchObject({
      actions: [],
    });
  });

  test('when the contract is cancelled and the platform still serves its user, then it is extra and its repair ends it', () => {
    const finding = compareSvaUser(
      ID,
      desiredUser({ contractStatus: 'inactive', status: 'deactivated' }),
      platformUser(),
    )!;
    expect(finding).toMatchObject({ kind: 'extra', targetId: ID, repair: { actions: ['deactivate_user'] } });
  });

  test('for every pair of states, then a status finding’s repair brings the platform to Ponte’s state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SVA_USER_STATUSES), fc.constantFrom(...SVA_USER_STATUSES), (want, has) => {
        const finding = compareSvaUser(ID, desiredUser({ status: want }), platformUser({ status: has }));
        if (want === has) return expect(finding).toBeNull();
        expect(finding?.kind).toBe('status');
        expect(applySva(has, finding!.repair.actions)).toBe(want);
      }),
    );
  });

  test('when the package or phone differ, then it is an attribute finding repaired by an update; a deactivated user’s are left', () => {
    expect(compareSvaUser(ID, desiredUser(), platformUser({ packageCode: 'EXA-BACKUP-100' }))).toMatchObject({
      kind: 'attribute',
      desired: { packageCode: 'EXA-SEG-BASICO' },
      actual: { packageCode: 'EXA-BACKUP-100' },
      repair: { actions: ['update_user'] },
    });
    expect(compareSvaUser(ID, desiredUser(), platformUser({ mobilePhone: '+5511900000000' }))?.kind).toBe('attribute');
    expect(
      compareSvaUser(
        ID,
        desiredUser({ status: 'deactivated' }),
        platformUser({ status: 'deactivated', packageCode: 'X' }),
      ),
    ).toBeNull();
  });
});

const desiredLine = (fields: Partial<DesiredMvnoLine> = {}): DesiredMvnoLine => ({
  id: ID,
  contractId: '0193a4ef-9b2c-7d3e-8f40-5a6b7c8d9e0f',
  contractStatus: 'active',
  msisdn: '+5511987654321',
  iccid: '8955101000000000005',
  plan: 'TELECALL-10GB',
  status: 'active',
  ...fields,
});
const telecallLine = (fields: Partial<TelecallLine> = {}): TelecallLine => ({
  reference: ID,
  msisdn: '+5511987654321',
  iccid: '8955101000000000005',
  plan: 'TELECALL-10GB',
  status: 'active',
  ...fields,
});

describe('TeleCall lines', () => {
  test('when Ponte is still activating a line that TeleCall shows active, then that is no drift', () => {
    expect(compareMvnoLine(ID, desiredLine({ status: 'pending' }), telecallLine())).toBeNull();
    expect(compareMvnoLine(ID, desiredLine(), telecallLine({ status: 'pending' }))).toBeNull();
  });

  test('when TeleCall lacks a line, then a repair activates it and blocks it as Ponte has it', () => {
    expect(compareMvnoLine(ID, desiredLine({ status: 'blocked_total' }), null)).toMatchObject({
      kind: 'missing',
      repair: { actions: ['activate_line', 'block_line_total'] },
    });
    expect(compareMvnoLine(ID, desiredLine({ status: 'cancelled' }), null)).toBeNull();
  });

  test('for every pair of states, then a status finding’s repair is the call to Ponte’s state, except from cancelled, which never comes back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MVNO_LINE_STATUSES), fc.constantFrom(...MVNO_LINE_STATUSES), (want, has) => {
        const finding = compareMvnoLine(ID, desiredLine({ status: want }), telecallLine({ status: has }));
        const same = (want === 'pending' ? 'active' : want) === (has === 'pending' ? 'active' : has);
        if (same) return expect(finding).toBeNull();
        expect(finding?.kind).toBe('status');
        if (has === 'cancelled')
          return expect(finding!.repair).toMatchObject({ actions: [], reason: expect.any(String) });
        const to = {
          block_line_partial: 'blocked_partial',
          block_line_total: 'blocked_total',
          cancel_line: 'cancelled',
          unblock_line: 'active',
        };
        expect(finding!.repair.actions.map((a) => to[a as keyof typeof to])).toEqual([
          want === 'pending' ? 'active' : want,
        ]);
      }),
    );
  });

  test('when the plan or SIM card differ, then it is reported, with no call to repair it', () => {
    expect(compareMvnoLine(ID, desiredLine(), telecallLine({ plan: 'TELECALL-5GB' }))).toMatchObject({
      kind: 'attribute',
      repair: { actions: [], reason: expect.stringContaining('operator') },
    });
  });

  test('when TeleCall holds a line Ponte does not have, then it is extra and its repair cancels it', () => {
    expect(compareMvnoLine('x', null, telecallLine({ reference: 'x' }))).toMatchObject({
      kind: 'extra',
      repair: { actions: ['cancel_line'] },
    });
  });
});

describe('SIP lines', () => {
  const desired = (fields: Partial<DesiredSipLine> = {}): DesiredSipLine => ({
    id: ID,
    contractId: '0193a4ef-9b2c-7d3e-8f40-5a6b7c8d9e0f',
    contractStatus: 'active',
    extension: '4021',
    number: '+551132221000',
    status: 'active',
    ...fields,
  });
  const actual = (fields: Partial<SoftswitchLine> = {}): SoftswitchLine => ({
    reference: ID,
    extension: '4021',
    number: '+551132221000',
    status: 'active',
    ...fields,
  });

  test('for every pair of states, then a status finding’s repair is the call to Ponte’s state, except from cancelled', () => {
    for (const want of SIP_LINE_STATUSES)
      for (const has of SIP_LINE_STATUSES) {
        const finding = compareSipLine(ID, desired({ status: want }), actual({ status: has }));
        if (want === has) expect(finding).toBeNull();
        else if (has === 'cancelled') expect(finding).toMatchObject({ kind: 'status', repair: { actions: [] } });
        else
          expect(finding?.repair.actions).toEqual([
            { active: 'unblock_line', blocked: 'block_line', cancelled: 'cancel_line' }[want],
          ]);
      }
  });

  test('when the softswitch lacks a line, then a repair creates it (and blocks it); another extension is reported only', () => {
    expect(compareSipLine(ID, desired({ status: 'blocked' }), null)?.repair.actions).toEqual([
      'create_line',
      'block_line',
    ]);
    expect(compareSipLine(ID, desired(), actual({ extension: '4099' }))).toMatchObject({
      kind: 'attribute',
      repair: { actions: [] },
    });
    expect(compareSipLine('x', null, actual({ reference: 'x' }))).toMatchObject({
      kind: 'extra',
      repair: { actions: ['cancel_line'] },
    });
  });
});

describe('Summit’s STFC lines', () => {
  const desired = (fields: Partial<DesiredStfcService> = {}): DesiredStfcService => ({
    id: ID,
    contractId: 'c-1',
    contractStatus: 'active',
    number: '+551132221000',
    plan: 'STFC Local',
    closingDay: 10,
    ...fields,
  });
  const line = (fields: Partial<SummitLine> = {}): SummitLine => ({
    contractRef: 'c-1',
    number: '+551132221000',
    plan: 'STFC Local',
    closingDay: 10,
    ...fields,
  });

  test('when Summit lacks the line, then a repair provisions it, unless the contract has no billing day to close on', () => {
    expect(compareStfcService('c-1', desired(), null)).toMatchObject({
      kind: 'missing',
      repair: { actions: ['provision_line'] },
    });
    expect(compareStfcService('c-1', desired({ closingDay: null }), null)?.repair.actions).toEqual([]);
  });

  test('when the closing day or plan differ, then an update puts Ponte’s back; another number is an operator’s', () => {
    expect(compareStfcService('c-1', desired(), line({ closingDay: 20 }))?.repair.actions).toEqual(['update_line']);
    expect(compareStfcService('c-1', desired(), line({ plan: 'Outro' }))?.repair.actions).toEqual(['update_line']);
    expect(compareStfcService('c-1', desired(), line({ number: '+551100000000' }))).toMatchObject({
      kind: 'attribute',
      repair: { actions: [] },
    });
    expect(compareStfcService('c-1', desired({ closingDay: null }), line({ closingDay: 20 }))).toBeNull();
  });

  test('when Summit holds a line of a cancelled contract or of none, then it is extra, reported only: Summit has no removal', () => {
    expect(compareStfcService('c-1', desired({ contractStatus: 'inactive' }), line())).toMatchObject({
      kind: 'extra',
      repair: { actions: [] },
    });
    expect(compareStfcService('c-9', null, line({ contractRef: 'c-9' }))?.kind).toBe('extra');
    expect(compareStfcService('c-1', desired({ contractStatus: 'inactive' }), null)).toBeNull();
  });
});

test('when findings are counted, then by target kind and kind, adding to what was counted', () => {
  const counts = countFindings([
    { kind: 'missing', targetKind: 'sva_user' },
    { kind: 'missing', targetKind: 'sva_user' },
    { kind: 'extra', targetKind: 'mvno_line' },
  ]);
  expect(countFindings([{ kind: 'status', targetKind: 'sva_user' }], counts)).toEqual({
    sva_user: { missing: 2, status: 1 },
    mvno_line: { extra: 1 },
  });
});
