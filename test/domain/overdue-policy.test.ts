import { ACCESS_STATUSES, type AccessStatus } from '../../src/domain/contracts/contract';
import {
  ANATEL_RGC_PRESET,
  checkTrustRelease,
  decideOverdue,
  overduePolicyFrom,
  presetStageDays,
  stageReached,
  type OverdueCandidate,
  type OverduePolicy,
} from '../../src/domain/overdue/overdue-policy';
import { addDays } from '../../src/domain/shared/calendar';

const policy: OverduePolicy = { preset: null, reportLatePaymentAfterDays: 5, blockAfterDays: 15, cancelAfterDays: 60, trustReleaseMaxDays: 3 };
const DUE = '2026-10-01';
const candidate = (accessStatus: AccessStatus, over: Partial<OverdueCandidate> = {}): OverdueCandidate => ({
  contractId: 'k1',
  status: 'active',
  accessStatus,
  trustReleaseEndsOn: null,
  oldestOverdue: { chargeId: 'c1', dueDate: DUE },
  ...over,
});
/** The access a contract ends with after `days` days of debt, or null when the policy leaves it. */
const after = (accessStatus: AccessStatus, days: number, p = policy) => {
  const decision = decideOverdue(candidate(accessStatus), addDays(DUE, days), p);
  return decision ? `${decision.event}→${decision.to.status}/${decision.to.accessStatus}` : null;
};

describe('overdue stages, counted from the oldest overdue charge', () => {
  test('when the debt ages, then each stage starts on its day and not the day before', () => {
    expect([0, 4, 5, 14, 15, 59, 60, 400].map((days) => stageReached(days, policy))).toEqual([null, null, 'report_late_payment', 'report_late_payment', 'block', 'block', 'cancel', 'cancel']);
  });

  test('when a stage is off, then the debt goes to the next one that is on', () => {
    const noLate = { ...policy, reportLatePaymentAfterDays: null };
    expect([5, 15].map((days) => stageReached(days, noLate))).toEqual([null, 'block']);
    expect(stageReached(10_000, { ...policy, reportLatePaymentAfterDays: null, blockAfterDays: null, cancelAfterDays: null })).toBeNull();
  });

  // Every access status of an active contract, at each stage.
  const TABLE: Record<AccessStatus, [number, string | null][]> = {
    active: [[4, null], [5, 'report_late_payment→active/late_payment'], [15, 'block→active/automatic_block'], [60, 'cancel→inactive/disabled']],
    late_payment: [[5, null], [15, 'block→active/automatic_block'], [60, 'cancel→inactive/disabled']],
    automatic_block: [[5, null], [15, null], [60, 'cancel→inactive/disabled']],
    // A block by hand is never cancelled by the policy before the debt reaches the cancel stage, nor relabelled automatic.
    manual_block: [[5, null], [15, null], [59, null], [60, 'cancel→inactive/disabled']],
    disabled: [[60, 'cancel→inactive/disabled']],
    awaiting_signature: [[60, 'cancel→inactive/disabled']],
  };
  test.each(ACCESS_STATUSES.flatMap((access) => TABLE[access].map(([days, expected]) => [access, days, expected] as const)))(
    'when an active contract with access %s is %i days overdue, then the policy does %s',
    (access, days, expected) => {
      expect(after(access, days)).toBe(expected);
    },
  );

  test('when the contract is not active, then the policy leaves it whatever the debt', () => {
    for (const status of ['pre_contract', 'inactive', 'negativated', 'withdrawn'] as const) {
      expect(decideOverdue(candidate('disabled', { status }), addDays(DUE, 365), policy)).toBeNull();
    }
  });

  test('when a trust release runs, then the policy waits until its end day and blocks again on it', () => {
    const released = candidate('active', { trustReleaseEndsOn: addDays(DUE, 20) });
    expect(decideOverdue(released, addDays(DUE, 19), policy)).toBeNull();
    expect(decideOverdue(released, addDays(DUE, 20), policy)).toMatchObject({ stage: 'block', to: { accessStatus: 'automatic_block' } });
  });

  test('when the policy decides, then the reason names the stage, its days, the charge and how late it is', () => {
    expect(decideOverdue(candidate('active'), addDays(DUE, 16), policy)).toEqual({
      contractId: 'k1',
      stage: 'block',
      event: 'block',
      from: { status: 'active', accessStatus: 'active' },
      to: { status: 'active', accessStatus: 'automatic_block' },
      daysOverdue: 16,
      chargeId: 'c1',
      dueDate: DUE,
      reason: 'Overdue policy, block stage (15 days): charge c1 due 2026-10-01 is 16 days overdue.',
    });
  });
});

describe("Anatel's RGC preset (Res. 632/2014)", () => {
  test('when its steps are read, then each cites its article and they make 16, 46 and 76 days', () => {
    expect(ANATEL_RGC_PRESET.steps.map((s) => [s.stage, s.daysAfterPrevious, s.article])).toEqual([
      ['report_late_payment', 15, 'Art. 90'],
      ['block', 30, 'Art. 93'],
      ['cancel', 30, 'Art. 97'],
    ]);
    expect(presetStageDays(ANATEL_RGC_PRESET)).toEqual({ report_late_payment: 16, block: 46, cancel: 76 });
  });

  test('when the policy is set from it, then the days come from the preset and the preset is named', () => {
    expect(overduePolicyFrom({ preset: 'anatel_rgc_632_2014', trustReleaseMaxDays: 5 })).toEqual({
      ok: true,
      value: { preset: 'anatel_rgc_632_2014', reportLatePaymentAfterDays: 16, blockAfterDays: 46, cancelAfterDays: 76, trustReleaseMaxDays: 5 },
    });
  });
});

describe('setting the policy', () => {
  const code = (result: ReturnType<typeof overduePolicyFrom>) => (result.ok ? 'ok' : `${result.error.code} ${result.error.errors?.map((e) => e.field).join(',')}`);

  test('when a preset and stage days are both sent, or an unknown preset, then it is refused naming the fields', () => {
    expect(code(overduePolicyFrom({ preset: 'anatel_rgc_632_2014', blockAfterDays: 10, trustReleaseMaxDays: null }))).toBe('OVERDUE_STAGES_CONFLICT blockAfterDays');
    expect(code(overduePolicyFrom({ preset: 'rgc_2030', trustReleaseMaxDays: null }))).toBe('UNKNOWN_OVERDUE_PRESET preset');
  });

  test('when stages are out of order, then the later one is named; equal days are out of order too', () => {
    expect(code(overduePolicyFrom({ reportLatePaymentAfterDays: 10, blockAfterDays: 5, cancelAfterDays: 30, trustReleaseMaxDays: null }))).toBe('OVERDUE_STAGES_OUT_OF_ORDER blockAfterDays');
    expect(code(overduePolicyFrom({ reportLatePaymentAfterDays: null, blockAfterDays: 30, cancelAfterDays: 30, trustReleaseMaxDays: null }))).toBe('OVERDUE_STAGES_OUT_OF_ORDER cancelAfterDays');
    expect(code(overduePolicyFrom({ reportLatePaymentAfterDays: 20, blockAfterDays: null, cancelAfterDays: 30, trustReleaseMaxDays: null }))).toBe('ok');
  });

  test('when no preset is sent and a stage is missing, then each missing one is named', () => {
    expect(code(overduePolicyFrom({ blockAfterDays: 30, trustReleaseMaxDays: null }))).toBe('VALIDATION_FAILED reportLatePaymentAfterDays,cancelAfterDays');
  });
});

describe('trust release', () => {
  const today = '2026-11-20';
  const debt = { dueDate: '2026-10-30' };
  const never = { trustReleasedAt: null };
  const codeOf = (result: ReturnType<typeof checkTrustRelease>) => (result.ok ? result.value.endsOn : result.error.code);

  test('when it fits the limit, then it ends that many days later; the limit itself fits', () => {
    expect(codeOf(checkTrustRelease(3, policy, never, debt, today))).toBe('2026-11-23');
    expect(codeOf(checkTrustRelease(1, policy, never, debt, today))).toBe('2026-11-21');
  });

  test('when it is longer than the limit, offered by no policy, already used in this cycle, or without debt, then it is refused', () => {
    expect(codeOf(checkTrustRelease(4, policy, never, debt, today))).toBe('TRUST_RELEASE_TOO_LONG');
    expect(codeOf(checkTrustRelease(1, { ...policy, trustReleaseMaxDays: null }, never, debt, today))).toBe('TRUST_RELEASE_NOT_OFFERED');
    expect(codeOf(checkTrustRelease(1, policy, { trustReleasedAt: new Date('2026-11-05T10:00:00Z') }, debt, today))).toBe('TRUST_RELEASE_ALREADY_USED');
    expect(codeOf(checkTrustRelease(1, policy, never, null, today))).toBe('NO_OVERDUE_CHARGE');
  });
});
