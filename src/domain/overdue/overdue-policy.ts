import type { AccessStatus, ContractState } from '../contracts/contract';
import { addDays, daysBetween } from '../shared/calendar';
import { fail, ok, type FieldError, type Result } from '../shared/result';
import {
  OVERDUE_PRESETS,
  OVERDUE_STAGES,
  OverduePreset,
  OverdueStage,
  presetOf,
  presetStageDays,
} from './overdue-preset';

/*
 * The overdue policy (seed 002, "Cancelamento automático"; docs/business-rules.md, "Receivables and the overdue
 * policy"): what happens to a contract as its debt ages. The age is that of the contract's oldest
 * overdue charge — never how long the contract has been blocked — so a block by hand, a trust
 * release or a late run does not move the dates.
 */

export interface OverduePolicy {
  /** The preset whose stage days these are; null: the provider's own days. */
  readonly preset: string | null;
  /** Days overdue after which the contract shows late payment ("financeiro em atraso"); null: never. */
  readonly reportLatePaymentAfterDays: number | null;
  /** Days overdue after which the contract is blocked (automatic); null: never. */
  readonly blockAfterDays: number | null;
  /** Days overdue after which the contract is cancelled (automatic), even when blocked by hand; null: never. */
  readonly cancelAfterDays: number | null;
  /** Longest trust release ("desbloqueio de confiança") in days; null: not offered. */
  readonly trustReleaseMaxDays: number | null;
}

/** Before the provider sets it, the policy does nothing on its own (as no cancellation period was set before). */
export const DEFAULT_OVERDUE_POLICY: OverduePolicy = {
  preset: null,
  reportLatePaymentAfterDays: null,
  blockAfterDays: null,
  cancelAfterDays: null,
  trustReleaseMaxDays: null,
};

const STAGE_FIELD = {
  report_late_payment: 'reportLatePaymentAfterDays',
  block: 'blockAfterDays',
  cancel: 'cancelAfterDays',
} as const satisfies Record<OverdueStage, keyof OverduePolicy>;

/** What a caller sends: either a preset's stages or the provider's own. */
export interface OverduePolicyInput {
  readonly preset?: string | null;
  readonly reportLatePaymentAfterDays?: number | null;
  readonly blockAfterDays?: number | null;
  readonly cancelAfterDays?: number | null;
  readonly trustReleaseMaxDays: number | null;
}

/** The policy an input describes, or why it cannot be one: stages in order, a preset or days but not both. */
export function overduePolicyFrom(input: OverduePolicyInput): Result<OverduePolicy> {
  const stageFields = OVERDUE_STAGES.map((stage) => STAGE_FIELD[stage]);
  if (input.preset !== undefined && input.preset !== null) {
    const preset = OVERDUE_PRESETS.find((p) => p.id === input.preset);
    if (!preset)
      return fail('UNKNOWN_OVERDUE_PRESET', `No preset is called '${input.preset}'.`, [
        { field: 'preset', message: `Must be one of: ${OVERDUE_PRESETS.map((p) => p.id).join(', ')}.` },
      ]);
    const given = stageFields.filter((field) => input[field] !== undefined);
    if (given.length > 0) {
      return fail(
        'OVERDUE_STAGES_CONFLICT',
        'A preset sets the stage days: send the preset or the days, not both.',
        given.map((field) => ({ field, message: 'Not allowed with a preset.' })),
      );
    }
    const days = presetStageDays(preset);
    return ok({
      preset: preset.id,
      reportLatePaymentAfterDays: days.report_late_payment,
      blockAfterDays: days.block,
      cancelAfterDays: days.cancel,
      trustReleaseMaxDays: input.trustReleaseMaxDays,
    });
  }
  const missing = stageFields.filter((field) => input[field] === undefined);
  if (missing.length > 0) {
    return fail(
      'VALIDATION_FAILED',
      'Without a preset, every stage needs its days (null: the stage is off).',
      missing.map((field) => ({ field, message: 'Required without a preset (a number of days, or null).' })),
    );
  }
  const policy: OverduePolicy = {
    preset: null,
    reportLatePaymentAfterDays: input.reportLatePaymentAfterDays ?? null,
    blockAfterDays: input.blockAfterDays ?? null,
    cancelAfterDays: input.cancelAfterDays ?? null,
    trustReleaseMaxDays: input.trustReleaseMaxDays,
  };
  const disorder = stageOrderProblems(policy);
  return disorder.length > 0
    ? fail(
        'OVERDUE_STAGES_OUT_OF_ORDER',
        'Each stage must come after the one before it: late payment, then block, then cancel.',
        disorder,
      )
    : ok(policy);
}

function stageOrderProblems(policy: OverduePolicy): FieldError[] {
  const errors: FieldError[] = [];
  let previous: { field: string; days: number } | null = null;
  for (const stage of OVERDUE_STAGES) {
    const field = STAGE_FIELD[stage];
    const days = policy[field];
    if (days === null) continue;
    if (previous && days <= previous.days)
      errors.push({ field, message: `Must be more than ${previous.field} (${previous.days}).` });
    previous = { field, days };
  }
  return errors;
}

/** The fields that differ between two policies. */
export const changedPolicyFields = (before: OverduePolicy, after: OverduePolicy): string[] =>
  (Object.keys(after) as (keyof OverduePolicy)[]).filter((field) => before[field] !== after[field]);

/**
 * A contract as the policy sees it: its state, its oldest overdue charge, any trust release, and
 * for a preset the notice of that debt actually sent (its day, in the provider's time zone) and the
 * day its suspension began.
 */
export interface OverdueCandidate extends ContractState {
  readonly contractId: string;
  readonly trustReleaseEndsOn: string | null;
  readonly oldestOverdue: { readonly chargeId: string; readonly dueDate: string };
  readonly noticeSentOn: string | null;
  /** A notice of the debt is on its way through Opa! Suite (not sent yet). */
  readonly noticeQueued: boolean;
  readonly suspendedOn: string | null;
}

export interface OverdueDecision {
  readonly contractId: string;
  readonly stage: OverdueStage;
  /** The contract event the stage applies (named as the stage). */
  readonly event: OverdueStage;
  readonly from: ContractState;
  readonly to: ContractState;
  readonly daysOverdue: number;
  readonly chargeId: string;
  readonly dueDate: string;
  readonly reason: string;
}

/** How many decisions each stage holds, under the names runs and previews report them by. */
export function stageCounts(decisions: readonly Pick<OverdueDecision, 'stage'>[]): {
  latePaymentsReported: number;
  blocked: number;
  cancelled: number;
} {
  const count = (stage: OverdueStage) => decisions.filter((d) => d.stage === stage).length;
  return { latePaymentsReported: count('report_late_payment'), blocked: count('block'), cancelled: count('cancel') };
}

const BLOCKED: readonly AccessStatus[] = ['manual_block', 'automatic_block'];

/** The stage a debt of this age has reached, or null. */
export function stageReached(daysOverdue: number, policy: OverduePolicy): OverdueStage | null {
  for (const stage of [...OVERDUE_STAGES].reverse()) {
    const days = policy[STAGE_FIELD[stage]];
    if (days !== null && daysOverdue >= days) return stage;
  }
  return null;
}

const STAGE_TO: Record<OverdueStage, (from: ContractState) => ContractState | null> = {
  // Late payment only on a contract running normally: a blocked one is past it.
  report_late_payment: (from) =>
    from.accessStatus === 'active' ? { status: 'active', accessStatus: 'late_payment' } : null,
  // A block by hand stays a block by hand; the policy does not relabel it.
  block: (from) => (BLOCKED.includes(from.accessStatus) ? null : { status: 'active', accessStatus: 'automatic_block' }),
  cancel: () => ({ status: 'inactive', accessStatus: 'disabled' }),
};

const STAGE_LABEL: Record<OverdueStage, string> = {
  report_late_payment: 'late payment',
  block: 'block',
  cancel: 'cancellation',
};

/**
 * Under a preset (Anatel's RGC): no suspension without a notice of the debt actually sent; the
 * suspension no sooner than `blockAfterDays` after that notice; the rescission no sooner than
 * `cancelAfterDays` after the suspension began (a suspension by hand counts too, once noticed).
 */
function decideByPreset(
  candidate: OverdueCandidate,
  today: string,
  policy: OverduePolicy,
  preset: OverduePreset,
  daysOverdue: number,
): OverdueDecision | null {
  const { noticeSentOn, suspendedOn } = candidate;
  if (noticeSentOn === null) return null;
  const from: ContractState = { status: candidate.status, accessStatus: candidate.accessStatus };
  const decided = (stage: OverdueStage, reason: string): OverdueDecision => ({
    contractId: candidate.contractId,
    stage,
    event: stage,
    from,
    to: STAGE_TO[stage](from)!,
    daysOverdue,
    chargeId: candidate.oldestOverdue.chargeId,
    dueDate: candidate.oldestOverdue.dueDate,
    reason,
  });
  const step = (stage: OverdueStage) => preset.steps.find((s) => s.stage === stage)!;
  const debt = `charge ${candidate.oldestOverdue.chargeId} due ${candidate.oldestOverdue.dueDate}`;
  if (!BLOCKED.includes(candidate.accessStatus)) {
    if (policy.blockAfterDays === null || daysBetween(noticeSentOn, today) < policy.blockAfterDays) return null;
    return decided(
      'block',
      `${preset.title}, ${step('block').article}: suspension ${policy.blockAfterDays} days after the notice of the debt sent on ${noticeSentOn} (${debt}).`,
    );
  }
  if (
    policy.cancelAfterDays === null ||
    suspendedOn === null ||
    daysBetween(suspendedOn, today) < policy.cancelAfterDays
  )
    return null;
  return decided(
    'cancel',
    `${preset.title}, ${step('cancel').article}: rescission ${policy.cancelAfterDays} days after the suspension began on ${suspendedOn} (${debt}).`,
  );
}

/** One contract's course under a preset, as a preview shows it: each step on its day, citing its article, or why it is held back. */
export interface PresetTimeline {
  readonly contractId: string;
  readonly chargeId: string;
  readonly dueDate: string;
  readonly notice: { readonly on: string; readonly sent: boolean; readonly article: string } | null;
  readonly suspension: { readonly on: string; readonly begun: boolean; readonly article: string } | null;
  readonly rescission: { readonly on: string; readonly article: string } | null;
  /** Why the preset does not suspend the contract: no notice was sent and none can be. */
  readonly heldBack: string | null;
}

/**
 * Where a contract stands under a preset, and when each step would come: the notice sent (or, when
 * one can be sent, the day the next run sends it), the suspension after it and the rescission after
 * that. `cannotNotify` says why no notice can be sent (null: it can).
 */
export function presetTimeline(
  candidate: OverdueCandidate,
  today: string,
  policy: OverduePolicy,
  preset: OverduePreset,
  cannotNotify: string | null,
): PresetTimeline {
  const { contractId, oldestOverdue } = candidate;
  const base = { contractId, chargeId: oldestOverdue.chargeId, dueDate: oldestOverdue.dueDate };
  const earliest = addDays(oldestOverdue.dueDate, preset.notice.afterDueDays);
  const noticeOn = candidate.noticeSentOn ?? (cannotNotify === null ? (today > earliest ? today : earliest) : null);
  if (noticeOn === null) {
    return {
      ...base,
      notice: null,
      suspension: null,
      rescission: null,
      heldBack: `No notice of the debt was sent and none can be: ${cannotNotify} Record one sent by another channel (POST /v1/contracts/${contractId}/overdue-notices); without it the preset does not suspend the contract.`,
    };
  }
  const step = (stage: OverdueStage) => preset.steps.find((s) => s.stage === stage)!;
  const begun = BLOCKED.includes(candidate.accessStatus) && candidate.suspendedOn !== null;
  const suspensionOn = begun ? candidate.suspendedOn : addDays(noticeOn, policy.blockAfterDays ?? 0);
  return {
    ...base,
    notice: { on: noticeOn, sent: candidate.noticeSentOn !== null, article: preset.notice.article },
    suspension:
      policy.blockAfterDays === null && !begun ? null : { on: suspensionOn, begun, article: step('block').article },
    rescission:
      policy.cancelAfterDays === null
        ? null
        : { on: addDays(suspensionOn, policy.cancelAfterDays), article: step('cancel').article },
    heldBack: null,
  };
}

/**
 * What the policy does to one contract on `today`, or null when it leaves it alone: only active
 * contracts, not during a trust release, and only forward (a contract already at or past the
 * stage stays). A preset counts from the notice sent and the suspension (decideByPreset); the
 * provider's own days count from the oldest overdue charge.
 */
export function decideOverdue(
  candidate: OverdueCandidate,
  today: string,
  policy: OverduePolicy,
): OverdueDecision | null {
  if (candidate.status !== 'active') return null;
  if (candidate.trustReleaseEndsOn !== null && today < candidate.trustReleaseEndsOn) return null;
  const daysOverdue = daysBetween(candidate.oldestOverdue.dueDate, today);
  if (daysOverdue <= 0) return null;
  const preset = presetOf(policy);
  if (preset) return decideByPreset(candidate, today, policy, preset, daysOverdue);
  const stage = stageReached(daysOverdue, policy);
  if (stage === null) return null;
  const from: ContractState = { status: candidate.status, accessStatus: candidate.accessStatus };
  const to = STAGE_TO[stage](from);
  if (to === null) return null;
  const stageDays = policy[STAGE_FIELD[stage]]!;
  return {
    contractId: candidate.contractId,
    stage,
    event: stage,
    from,
    to,
    daysOverdue,
    chargeId: candidate.oldestOverdue.chargeId,
    dueDate: candidate.oldestOverdue.dueDate,
    reason: `Overdue policy, ${STAGE_LABEL[stage]} stage (${stageDays} days): charge ${candidate.oldestOverdue.chargeId} due ${candidate.oldestOverdue.dueDate} is ${daysOverdue} days overdue.`,
  };
}

/**
 * A trust release: a blocked contract released for some days while its debt stays open, once per
 * overdue cycle (the cycle ends when no overdue charge remains). Gives the day the policy may
 * block it again.
 */
export function checkTrustRelease(
  days: number,
  policy: OverduePolicy,
  contract: { readonly trustReleasedAt: Date | null },
  oldestOverdue: { readonly dueDate: string } | null,
  today: string,
): Result<{ readonly endsOn: string }> {
  if (policy.trustReleaseMaxDays === null)
    return fail(
      'TRUST_RELEASE_NOT_OFFERED',
      'The overdue policy offers no trust release (trustReleaseMaxDays is null).',
    );
  if (days > policy.trustReleaseMaxDays) {
    return fail('TRUST_RELEASE_TOO_LONG', `A trust release lasts at most ${policy.trustReleaseMaxDays} days.`, [
      { field: 'days', message: `At most ${policy.trustReleaseMaxDays}.` },
    ]);
  }
  if (oldestOverdue === null)
    return fail('NO_OVERDUE_CHARGE', 'The contract has no overdue charge: release it with an unblock instead.');
  if (contract.trustReleasedAt !== null) {
    return fail(
      'TRUST_RELEASE_ALREADY_USED',
      `The contract had its trust release of this overdue cycle on ${contract.trustReleasedAt.toISOString()}; another comes only after the debt is cleared.`,
    );
  }
  return ok({ endsOn: addDays(today, days) });
}
