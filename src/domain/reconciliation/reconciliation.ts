import type { ContractStatus } from '../contracts/contract';
import type { MvnoLineAction, MvnoLineStatus } from '../mvno/mvno-line';
import type { TelecallLine } from '../mvno/ports';
import type { SipLineAction, SipLineStatus } from '../voip/sip-line';
import type { SoftswitchLine } from '../voip/ports';
import type { SummitLine } from '../stfc/summit';
import type { PlatformUser } from '../sva/ports';
import type { SvaAction, SvaUserStatus } from '../sva/sva';

/*
 * Reconciliation (docs/reconciliation.md): what a partner platform holds (actual) against what
 * Ponte decided (desired), target by target. Pure: the use case reads both sides and hands them
 * here; what comes back is the findings and, for each, what a repair would do. A repair only ever
 * brings the platform to Ponte's state, never the other way round.
 */

/** The targets reconciled: SVA users (Saber+, EXA), TeleCall lines, SIP lines on the softswitch, Summit's STFC lines. */
export const RECONCILED_TARGET_KINDS = ['sva_user', 'mvno_line', 'sip_line', 'stfc_service'] as const;
export type ReconciledTargetKind = (typeof RECONCILED_TARGET_KINDS)[number];

/** The integrations Ponte has one of, by the name a run takes them by, and the targets each holds. */
export const PLATFORM_TARGET_KINDS: ReadonlyMap<string, ReconciledTargetKind> = new Map([
  ['telecall', 'mvno_line'],
  ['voip', 'sip_line'],
]);

export const RUN_MODES = ['plan', 'repair'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const RUN_STATUSES = ['queued', 'running', 'finished', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * missing: Ponte has it, the platform does not. extra: the platform holds a subscription under a
 * reference Ponte does not have, or one of a cancelled contract. status: blocked here, active
 * there (or the like). attribute: package, plan, phone. unknown: the platform did not answer for it.
 */
export const FINDING_KINDS = ['missing', 'extra', 'status', 'attribute', 'unknown'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The actor of the contract history lines a repair writes. */
export const RECONCILIATION_ACTOR = 'system:reconciliation';

/** What a repair does for a finding: the effects it queues on the target, in order, or why none. */
export type Repair =
  | { readonly actions: readonly string[]; readonly reason?: undefined }
  | { readonly actions: readonly []; readonly reason: string };

const none = (reason: string): Repair => ({ actions: [], reason });

/** A difference found, before it is stored with its run. */
export interface Finding {
  readonly kind: FindingKind;
  readonly targetKind: ReconciledTargetKind;
  /** Ponte's resource (SVA user, line); null for a subscription Ponte does not have. */
  readonly targetId: string | null;
  /** The id Ponte sends the platform for the subscription. */
  readonly reference: string;
  readonly contractId: string | null;
  readonly desired: Readonly<Record<string, unknown>> | null;
  readonly actual: Readonly<Record<string, unknown>> | null;
  readonly repair: Repair;
}

/** Whether a finding's repair may run in a run: extras only when the run says `removeExtra`. */
export const repairsIn = (finding: Pick<Finding, 'kind' | 'repair'>, removeExtra: boolean): boolean =>
  finding.repair.actions.length > 0 && (finding.kind !== 'extra' || removeExtra);

/** A subscription the platform holds under a reference Ponte does not have. */
const stranger = (
  targetKind: ReconciledTargetKind,
  reference: string,
  actual: Readonly<Record<string, unknown>>,
  repair: Repair,
): Finding => ({
  kind: 'extra',
  targetKind,
  reference,
  targetId: null,
  contractId: null,
  desired: null,
  actual,
  repair,
});

/** The findings on one of Ponte's targets: what kind, the platform's side (null: it holds none), what a repair does. */
const on =
  (
    targetKind: ReconciledTargetKind,
    reference: string,
    target: { readonly id: string; readonly contractId: string },
    desired: Readonly<Record<string, unknown>>,
  ) =>
  (kind: FindingKind, actual: Readonly<Record<string, unknown>> | null, repair: Repair): Finding => ({
    kind,
    targetKind,
    reference,
    targetId: target.id,
    contractId: target.contractId,
    desired,
    actual,
    repair,
  });

/** Why a line a platform cancelled is not brought back. */
const NO_COMEBACK = (platform: string) =>
  `${platform} cancelled the line; a cancelled line does not come back: a new line is an operator’s decision.`;

/** Cancelled: inactive, and the other closed statuses whose subscriptions end (negativated, withdrawn). */
const isCancelled = (status: ContractStatus) => status === 'inactive' || status === 'withdrawn';

/** An SVA user as Ponte wants it on its platform. */
export interface DesiredSvaUser {
  readonly id: string;
  readonly contractId: string;
  readonly contractStatus: ContractStatus;
  readonly status: SvaUserStatus;
  readonly packageCode: string;
  readonly mobilePhone: string;
}

const svaDesired = (user: DesiredSvaUser) => ({
  status: user.status,
  packageCode: user.packageCode,
  mobilePhone: user.mobilePhone,
  contractStatus: user.contractStatus,
});

const svaActual = (user: PlatformUser) => ({
  status: user.status,
  packageCode: user.packageCode,
  mobilePhone: user.mobilePhone,
  document: user.document,
  email: user.email,
});

/** The SVA calls that take a user from `actual` to `desired` (a deactivated user comes back by unblocking). */
function svaMoves(actual: SvaUserStatus, desired: SvaUserStatus): SvaAction[] {
  if (actual === desired) return [];
  if (desired === 'deactivated') return ['deactivate_user'];
  if (desired === 'active') return ['unblock_user'];
  return actual === 'deactivated' ? ['unblock_user', 'block_user'] : ['block_user'];
}

/**
 * One SVA subscription: Ponte's user (null when Ponte has none under the reference) against the
 * platform's (null when it holds none). Null when they agree.
 */
export function compareSvaUser(
  reference: string,
  desired: DesiredSvaUser | null,
  actual: PlatformUser | null,
): Finding | null {
  if (!desired)
    return (
      actual &&
      stranger(
        'sva_user',
        reference,
        svaActual(actual),
        actual.status === 'deactivated'
          ? none('The platform already holds it deactivated.')
          : { actions: ['delete_user'] },
      )
    );
  const finding = on('sva_user', reference, desired, svaDesired(desired));
  if (!actual)
    return desired.status === 'deactivated'
      ? null
      : finding('missing', null, {
          actions: desired.status === 'blocked' ? ['create_user', 'block_user'] : ['create_user'],
        });
  const seen = svaActual(actual);
  if (isCancelled(desired.contractStatus) && actual.status !== 'deactivated')
    return finding('extra', seen, { actions: ['deactivate_user'] });
  if (actual.status !== desired.status)
    return finding('status', seen, { actions: svaMoves(actual.status, desired.status) });
  if (
    desired.status !== 'deactivated' &&
    (actual.packageCode !== desired.packageCode || actual.mobilePhone !== desired.mobilePhone)
  )
    return finding('attribute', seen, { actions: ['update_user'] });
  return null;
}

/** A TeleCall line as Ponte wants it. */
export interface DesiredMvnoLine {
  readonly id: string;
  readonly contractId: string;
  readonly contractStatus: ContractStatus;
  readonly msisdn: string;
  readonly iccid: string;
  readonly plan: string;
  readonly status: MvnoLineStatus;
}

const lineDesired = (line: DesiredMvnoLine) => ({
  status: line.status,
  msisdn: line.msisdn,
  iccid: line.iccid,
  plan: line.plan,
  contractStatus: line.contractStatus,
});

const lineActual = (line: TelecallLine) => ({
  status: line.status,
  msisdn: line.msisdn,
  iccid: line.iccid,
  plan: line.plan,
});

/** The line Ponte is activating counts as active: TeleCall finishing it is not drift. */
const settled = (status: MvnoLineStatus): MvnoLineStatus => (status === 'pending' ? 'active' : status);

function lineMove(desired: MvnoLineStatus): MvnoLineAction {
  switch (desired) {
    case 'blocked_partial':
      return 'block_line_partial';
    case 'blocked_total':
      return 'block_line_total';
    case 'cancelled':
      return 'cancel_line';
    default:
      return 'unblock_line';
  }
}

/** One TeleCall line: Ponte's (null: none under the reference) against TeleCall's (null: none). Null when they agree. */
export function compareMvnoLine(
  reference: string,
  desired: DesiredMvnoLine | null,
  actual: TelecallLine | null,
): Finding | null {
  if (!desired)
    return (
      actual &&
      stranger(
        'mvno_line',
        reference,
        lineActual(actual),
        actual.status === 'cancelled' ? none('TeleCall already holds it cancelled.') : { actions: ['cancel_line'] },
      )
    );
  const finding = on('mvno_line', reference, desired, lineDesired(desired));
  if (!actual) {
    if (desired.status === 'cancelled') return null;
    const then = desired.status === 'active' || desired.status === 'pending' ? [] : [lineMove(desired.status)];
    return finding('missing', null, { actions: ['activate_line', ...then] });
  }
  const seen = lineActual(actual);
  const [want, has] = [settled(desired.status), settled(actual.status)];
  if (isCancelled(desired.contractStatus) && has !== 'cancelled')
    return finding('extra', seen, { actions: ['cancel_line'] });
  if (want !== has)
    return finding('status', seen, has === 'cancelled' ? none(NO_COMEBACK('TeleCall')) : { actions: [lineMove(want)] });
  if (want !== 'cancelled' && (actual.plan !== desired.plan || actual.iccid !== desired.iccid))
    return finding(
      'attribute',
      seen,
      none('TeleCall’s API has no operation that changes a line’s plan or SIM card: an operator’s decision.'),
    );
  return null;
}

/** A SIP line as Ponte wants it on the softswitch. */
export interface DesiredSipLine {
  readonly id: string;
  readonly contractId: string;
  readonly contractStatus: ContractStatus;
  readonly extension: string;
  readonly number: string;
  readonly status: SipLineStatus;
}

const sipDesired = (line: DesiredSipLine) => ({
  status: line.status,
  extension: line.extension,
  number: line.number,
  contractStatus: line.contractStatus,
});

const sipActual = (line: SoftswitchLine) => ({ status: line.status, extension: line.extension, number: line.number });

const sipMove = (desired: SipLineStatus): SipLineAction =>
  desired === 'blocked' ? 'block_line' : desired === 'cancelled' ? 'cancel_line' : 'unblock_line';

/** One SIP line: Ponte's (null: none under the reference) against the softswitch's (null: none). Null when they agree. */
export function compareSipLine(
  reference: string,
  desired: DesiredSipLine | null,
  actual: SoftswitchLine | null,
): Finding | null {
  if (!desired)
    return (
      actual &&
      stranger(
        'sip_line',
        reference,
        sipActual(actual),
        actual.status === 'cancelled'
          ? none('The softswitch already holds it cancelled.')
          : { actions: ['cancel_line'] },
      )
    );
  const finding = on('sip_line', reference, desired, sipDesired(desired));
  if (!actual)
    return desired.status === 'cancelled'
      ? null
      : finding('missing', null, {
          actions: desired.status === 'blocked' ? ['create_line', 'block_line'] : ['create_line'],
        });
  const seen = sipActual(actual);
  if (isCancelled(desired.contractStatus) && actual.status !== 'cancelled')
    return finding('extra', seen, { actions: ['cancel_line'] });
  if (actual.status !== desired.status)
    return finding(
      'status',
      seen,
      actual.status === 'cancelled' ? none(NO_COMEBACK('The softswitch')) : { actions: [sipMove(desired.status)] },
    );
  if (desired.status !== 'cancelled' && (actual.extension !== desired.extension || actual.number !== desired.number))
    return finding(
      'attribute',
      seen,
      none(
        'The softswitch’s contract has no operation that changes a line’s extension or number: an operator’s decision.',
      ),
    );
  return null;
}

/** A contract's live STFC service as Ponte wants it on Summit, which knows it by the contract's id. */
export interface DesiredStfcService {
  readonly id: string;
  readonly contractId: string;
  readonly contractStatus: ContractStatus;
  readonly number: string;
  readonly plan: string;
  /** The contract's billing day: Summit's closing day for it; null while the contract has none. */
  readonly closingDay: number | null;
}

const stfcDesired = (service: DesiredStfcService) => ({
  number: service.number,
  plan: service.plan,
  closingDay: service.closingDay,
  contractStatus: service.contractStatus,
});

const stfcActual = (line: SummitLine) => ({ number: line.number, plan: line.plan, closingDay: line.closingDay });

const NO_REMOVAL = 'Summit’s contract has no operation that removes a line: an operator’s decision.';

/**
 * One contract's STFC line: Ponte's live service (null: none for the contract) against Summit's line
 * (null: none). Summit keeps no state of a line, only its number, plan and closing day. Null when they agree.
 */
export function compareStfcService(
  reference: string,
  desired: DesiredStfcService | null,
  actual: SummitLine | null,
): Finding | null {
  if (!desired) return actual && stranger('stfc_service', reference, stfcActual(actual), none(NO_REMOVAL));
  const finding = on('stfc_service', reference, desired, stfcDesired(desired));
  if (isCancelled(desired.contractStatus)) return actual && finding('extra', stfcActual(actual), none(NO_REMOVAL));
  if (!actual)
    return finding(
      'missing',
      null,
      desired.closingDay === null
        ? none('The contract has no billing day to give Summit as its closing day.')
        : { actions: ['provision_line'] },
    );
  const seen = stfcActual(actual);
  if (actual.number !== desired.number)
    return finding(
      'attribute',
      seen,
      none('Summit holds another number for the contract: a line’s number does not change; an operator’s decision.'),
    );
  if (actual.plan !== desired.plan || (desired.closingDay !== null && actual.closingDay !== desired.closingDay))
    return finding('attribute', seen, { actions: ['update_line'] });
  return null;
}

/** A target the platform did not answer for (its list failed), reported as unknown; nothing is repaired. */
export const unknownFinding = (
  targetKind: ReconciledTargetKind,
  reference: string,
  target: { readonly id: string; readonly contractId: string },
  desired: Readonly<Record<string, unknown>>,
  error: string,
): Finding =>
  on(
    targetKind,
    reference,
    target,
    desired,
  )('unknown', { error }, none('The platform did not answer for it; plan again once it does.'));

export const desiredOfSvaUser = svaDesired;
export const desiredOfMvnoLine = lineDesired;
export const desiredOfSipLine = sipDesired;
export const desiredOfStfcService = stfcDesired;

/** Findings counted by target kind and kind, as a run shows them. */
export type FindingCounts = Readonly<Record<string, Readonly<Partial<Record<FindingKind, number>>>>>;

export function countFindings(
  findings: readonly Pick<Finding, 'kind' | 'targetKind'>[],
  into: FindingCounts = {},
): FindingCounts {
  const counts: Record<string, Partial<Record<FindingKind, number>>> = Object.fromEntries(
    Object.entries(into).map(([kind, byKind]) => [kind, { ...byKind }]),
  );
  for (const finding of findings) {
    const byKind = (counts[finding.targetKind] ??= {});
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  }
  return counts;
}
