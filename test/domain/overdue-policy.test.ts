import { ACCESS_STATUSES, type AccessStatus } from '../../src/domain/contracts/contract';
import { ANATEL_RGC_PRESET, presetStageDays } from '../../src/domain/overdue/overdue-preset';
import {
  checkTrustRelease,
  decideOverdue,
  overduePolicyFrom,
  presetTimeline,
  stageReached,
  type OverdueCandidate,
  type OverduePolicy,
} from '../../src/domain/overdue/overdue-policy';
import { addDays } from '../../src/domain/shared/calendar';

const policy: OverduePolicy = {
  preset: null,
  reportLatePaymentAfterDays: 5,
  blockAfterDays: 15,
  cancelAfterDays: 60,
  trustReleaseMaxDays: 3,
};
const DUE = '2026-10-01';
const candidate = (accessStatus: AccessStatus, over: Partial<OverdueCandidate> = {}): OverdueCandidate => ({
  contractId: 'k1',
  status: 'active',
  accessStatus,
  trustReleaseEndsOn: null,
  oldestOverdue: { chargeId: 'c1', dueDate: DUE },
  noticeSentOn: null,
  noticeQueued: false,
  suspendedOn: null,
  ...over,
});
/** The access a contract ends with after `days` days of debt, or null when the policy leaves it. */
const after = (accessStatus: AccessStatus, days: number, p = policy) => {
  const decision = decideOverdue(candidate(accessStatus), addDays(DUE, days), p);
  return decision ? `${decision.event}→${decision.to.status}/${decision.to.accessStatus}` : null;
};

describe('overdue stages, counted from the oldest overdue charge', () => {
  test('when the debt ages, then each stage starts on its day and not the day before', () => {
    expect([0, 4, 5, 14, 15, 59, 60, 400].map((days) => stageReached(days, policy))).toEqual([
      null,
      null,
      'report_late_payment',
      'report_late_payment',
      'block',
      'block',
      'cancel',
      'cancel',
    ]);
  });

  test('when a stage is off, then the debt goes to the next one that is on', () => {
    const noLate = { ...policy, reportLatePaymentAfterDays: null };
    expect([5, 15].map((days) => stageReached(days, noLate))).toEqual([null, 'block']);
    expect(
      stageReached(10_000, {
        ...policy,
        reportLatePaymentAfterDays: null,
        blockAfterDays: null,
        cancelAfterDays: null,
      }),
    ).toBeNull();
  });

  // Every access status of an active contract, at each stage.
  const TABLE: Record<AccessStatus, [number, string | null][]> = {
    active: [
      [4, null],
      [5, 'report_late_payment→active/late_payment'],
      [15, 'block→active/automatic_block'],
      [60, 'cancel→inactive/disabled'],
    ],
    late_payment: [
      [5, null],
      [15, 'block→active/automatic_block'],
      [60, 'cancel→inactive/disabled'],
    ],
    automatic_block: [
      [5, null],
      [15, null],
      [60, 'cancel→inactive/disabled'],
    ],
    // A block by hand is never cancelled by the policy before the debt reaches the cancel stage, nor relabelled automatic.
    manual_block: [
      [5, null],
      [15, null],
      [59, null],
      [60, 'cancel→inactive/disabled'],
    ],
    disabled: [[60, 'cancel→inactive/disabled']],
    awaiting_signature: [[60, 'cancel→inactive/disabled']],
  };
  test.each(
    ACCESS_STATUSES.flatMap((access) => TABLE[access].map(([days, expected]) => [access, days, expected] as const)),
  )('when an active contract with access %s is %i days overdue, then the policy does %s', (access, days, expected) => {
    expect(after(access, days)).toBe(expected);
  });

  test('when the contract is not active, then the policy leaves it whatever the debt', () => {
    for (const status of ['pre_contract', 'inactive', 'negativated', 'withdrawn'] as const) {
      expect(decideOverdue(candidate('disabled', { status }), addDays(DUE, 365), policy)).toBeNull();
    }
  });

  test('when a trust release runs, then the policy waits until its end day and blocks again on it', () => {
    const released = candidate('active', { trustReleaseEndsOn: addDays(DUE, 20) });
    expect(decideOverdue(released, addDays(DUE, 19), policy)).toBeNull();
    expect(decideOverdue(released, addDays(DUE, 20), policy)).toMatchObject({
      stage: 'block',
      to: { accessStatus: 'automatic_block' },
    });
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

describe("Anatel's RGC in force (Resolução nº 765/2023)", () => {
  const rgc: OverduePolicy = {
    preset: 'anatel_rgc_765_2023',
    reportLatePaymentAfterDays: null,
    blockAfterDays: 15,
    cancelAfterDays: 60,
    trustReleaseMaxDays: null,
  };
  const NOTICE = '2026-10-05';

  test('when its steps are read, then the notice and each step cite their article: suspension 15 days after the notice, rescission 60 after the suspension, no partial suspension', () => {
    expect(ANATEL_RGC_PRESET).toMatchObject({
      id: 'anatel_rgc_765_2023',
      notice: { article: 'Art. 70; Art. 71, I–V' },
      restore: { withinHours: 24, article: 'Art. 78' },
    });
    expect(ANATEL_RGC_PRESET.notice.contents).toHaveLength(5);
    expect(ANATEL_RGC_PRESET.steps.map((s) => [s.stage, s.daysAfterPrevious, s.article])).toEqual([
      ['block', 15, 'Art. 70'],
      ['cancel', 60, 'Art. 73; Art. 75'],
    ]);
    expect(presetStageDays(ANATEL_RGC_PRESET)).toEqual({ report_late_payment: null, block: 15, cancel: 60 });
    expect(overduePolicyFrom({ preset: 'anatel_rgc_765_2023', trustReleaseMaxDays: null })).toEqual({
      ok: true,
      value: rgc,
    });
    expect(overduePolicyFrom({ preset: 'anatel_rgc_632_2014', trustReleaseMaxDays: null })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OVERDUE_PRESET' },
    });
  });

  test('when no notice was sent, then however old the debt the contract is not suspended', () => {
    expect(decideOverdue(candidate('active'), addDays(DUE, 400), rgc)).toBeNull();
  });

  test('when a notice was sent, then the suspension comes 15 days after it (not the day before), counted from the notice and not from the due date', () => {
    const noticed = candidate('active', { noticeSentOn: NOTICE });
    expect(decideOverdue(noticed, addDays(NOTICE, 14), rgc)).toBeNull();
    expect(decideOverdue(noticed, addDays(NOTICE, 15), rgc)).toMatchObject({
      stage: 'block',
      to: { accessStatus: 'automatic_block' },
      reason: expect.stringContaining('Art. 70'),
    });
  });

  test('when the suspension began, then the rescission comes 60 days after it, also after a suspension by hand', () => {
    const suspended = candidate('automatic_block', { noticeSentOn: NOTICE, suspendedOn: '2026-10-20' });
    expect(decideOverdue(suspended, addDays('2026-10-20', 59), rgc)).toBeNull();
    expect(decideOverdue(suspended, addDays('2026-10-20', 60), rgc)).toMatchObject({
      stage: 'cancel',
      reason: expect.stringContaining('Art. 75'),
    });
    expect(decideOverdue({ ...suspended, accessStatus: 'manual_block' }, addDays('2026-10-20', 60), rgc)).toMatchObject(
      { stage: 'cancel' },
    );
  });

  test('when previewed, then the notice is on its day, the suspension 15 days after and the rescission 60 after that, each citing its article; without a way to notify, the contract is held back', () => {
    const timeline = presetTimeline(
      candidate('active', { noticeSentOn: NOTICE }),
      '2026-10-10',
      rgc,
      ANATEL_RGC_PRESET,
      null,
    );
    expect(timeline).toMatchObject({
      notice: { on: NOTICE, sent: true, article: 'Art. 70; Art. 71, I–V' },
      suspension: { on: '2026-10-20', begun: false, article: 'Art. 70' },
      rescission: { on: '2026-12-19', article: 'Art. 73; Art. 75' },
      heldBack: null,
    });
    const planned = presetTimeline(candidate('active'), '2026-10-10', rgc, ANATEL_RGC_PRESET, null);
    expect(planned.notice).toEqual({ on: '2026-10-10', sent: false, article: 'Art. 70; Art. 71, I–V' });
    const held = presetTimeline(
      candidate('active'),
      '2026-10-10',
      rgc,
      ANATEL_RGC_PRESET,
      'the customer has no mobile phone for Opa! Suite.',
    );
    expect(held).toMatchObject({
      notice: null,
      suspension: null,
      rescission: null,
      heldBack: expect.stringContaining('no mobile phone'),
    });
  });
});

describe('setting the policy', () => {
  const code = (result: ReturnType<typeof overduePolicyFrom>) =>
    result.ok ? 'ok' : `${result.error.code} ${result.error.errors?.map((e) => e.field).join(',')}`;

  test('when a preset and stage days are both sent, or an unknown preset, then it is refused naming the fields', () => {
    expect(
      code(overduePolicyFrom({ preset: 'anatel_rgc_765_2023', blockAfterDays: 10, trustReleaseMaxDays: null })),
    ).toBe('OVERDUE_STAGES_CONFLICT blockAfterDays');
    expect(code(overduePolicyFrom({ preset: 'rgc_2030', trustReleaseMaxDays: null }))).toBe(
      'UNKNOWN_OVERDUE_PRESET preset',
    );
  });

  test('when stages are out of order, then the later one is named; equal days are out of order too', () => {
    expect(
      code(
        overduePolicyFrom({
          reportLatePaymentAfterDays: 10,
          blockAfterDays: 5,
          cancelAfterDays: 30,
          trustReleaseMaxDays: null,
        }),
      ),
    ).toBe('OVERDUE_STAGES_OUT_OF_ORDER blockAfterDays');
    expect(
      code(
        overduePolicyFrom({
          reportLatePaymentAfterDays: null,
          blockAfterDays: 30,
          cancelAfterDays: 30,
          trustReleaseMaxDays: null,
        }),
      ),
    ).toBe('OVERDUE_STAGES_OUT_OF_ORDER cancelAfterDays');
    expect(
      code(
        overduePolicyFrom({
          reportLatePaymentAfterDays: 20,
          blockAfterDays: null,
          cancelAfterDays: 30,
          trustReleaseMaxDays: null,
        }),
      ),
    ).toBe('ok');
  });

  test('when no preset is sent and a stage is missing, then each missing one is named', () => {
    expect(code(overduePolicyFrom({ blockAfterDays: 30, trustReleaseMaxDays: null }))).toBe(
      'VALIDATION_FAILED reportLatePaymentAfterDays,cancelAfterDays',
    );
  });
});

describe('trust release', () => {
  const today = '2026-11-20';
  const debt = { dueDate: '2026-10-30' };
  const never = { trustReleasedAt: null };
  const codeOf = (result: ReturnType<typeof checkTrustRelease>) =>
    result.ok ? result.value.endsOn : result.error.code;

  test('when it fits the limit, then it ends that many days later; the limit itself fits', () => {
    expect(codeOf(checkTrustRelease(3, policy, never, debt, today))).toBe('2026-11-23');
    expect(codeOf(checkTrustRelease(1, policy, never, debt, today))).toBe('2026-11-21');
  });

  test('when it is longer than the limit, offered by no policy, already used in this cycle, or without debt, then it is refused', () => {
    expect(codeOf(checkTrustRelease(4, policy, never, debt, today))).toBe('TRUST_RELEASE_TOO_LONG');
    expect(codeOf(checkTrustRelease(1, { ...policy, trustReleaseMaxDays: null }, never, debt, today))).toBe(
      'TRUST_RELEASE_NOT_OFFERED',
    );
    expect(
      codeOf(checkTrustRelease(1, policy, { trustReleasedAt: new Date('2026-11-05T10:00:00Z') }, debt, today)),
    ).toBe('TRUST_RELEASE_ALREADY_USED');
    expect(codeOf(checkTrustRelease(1, policy, never, null, today))).toBe('NO_OVERDUE_CHARGE');
  });
});
