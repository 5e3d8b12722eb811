import type { OverdueCandidateFacts, OverdueRun } from '../../../domain/overdue/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { SettingsChange, StoredSettings } from '../../../domain/settings/ports';
import { queueNotifications } from '../notifications/notify';
import {
  changedPolicyFields,
  decideOverdue,
  overduePolicyFrom,
  presetTimeline,
  stageCounts,
  type OverdueDecision,
  type OverduePolicy,
  type OverduePolicyInput,
  type PresetTimeline,
} from '../../../domain/overdue/overdue-policy';
import { presetOf } from '../../../domain/overdue/overdue-preset';
import {
  overdueNoticeText,
  type OverdueNotice,
  type RecordedNoticeChannel,
} from '../../../domain/overdue/overdue-notice';
import { templateFor } from '../../../domain/notifications/notification';
import type { Charge } from '../../../domain/receivables/charge';
import { calendarDate, daysBetween } from '../../../domain/shared/calendar';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { applyEventsToMany, type BulkEventOutcome } from '../contracts/contracts';
import type { UseCaseDeps } from '../deps';
import { chargeOverdueData, overdueRunData } from '../../../domain/webhooks/payloads';
import { recordEvents } from '../webhooks/emit';
import { makeChangeSettings } from '../settings/settings';

/** The actor of every change the overdue policy makes, in the contract's history. */
export const OVERDUE_POLICY_ACTOR = 'system:overdue-policy';

/**
 * Once a contract has no overdue charge left, its overdue cycle ends (a later one may have its own
 * trust release) and a contract the policy had blocked, or shown late, is released (automatic).
 * A block by hand stays: whoever set it lifts it. Runs in the caller's transaction, with the
 * contract locked. Returns how many partner effects were queued.
 */
export async function releaseIfDebtCleared(
  repos: Repositories,
  deps: UseCaseDeps,
  charge: Charge,
  what: string,
  now: Date,
): Promise<number> {
  if (await repos.charges.oldestOverdue(charge.contractId, calendarDate(now, deps.timeZone))) return 0;
  await repos.contracts.endOverdueCycle([charge.contractId]);
  const contract = await repos.contracts.findById(charge.contractId);
  if (
    contract?.status !== 'active' ||
    (contract.accessStatus !== 'automatic_block' && contract.accessStatus !== 'late_payment')
  )
    return 0;
  const outcome = await applyEventsToMany(repos, deps, {
    events: [
      {
        contractId: contract.id,
        type: 'unblock',
        reason: `Overdue policy: no overdue charge is left after the ${what}.`,
      },
    ],
    mode: 'automatic',
    actor: OVERDUE_POLICY_ACTOR,
  });
  return outcome.queued;
}

export interface OverduePreview {
  readonly date: string;
  readonly policy: OverduePolicy;
  readonly changes: readonly OverdueDecision[];
  /** Under a preset: each overdue contract's notice, suspension and rescission, or why it is held back. */
  readonly timelines: readonly PresetTimeline[];
}

/**
 * Why the overdue run cannot send a contract's notice through Opa! Suite (null: it can, or one is
 * on its way): the default channel, the template of the `overdue_notice` event and the customer's
 * mobile phone are all needed.
 */
async function noticeBlockers(repos: Pick<Repositories, 'settings' | 'notificationTemplates'>) {
  const { settings } = await repos.settings.get();
  const { settings: templates } = await repos.notificationTemplates.get();
  const general =
    settings.communicationChannel.defaultOpaSuiteIntegrationId === null
      ? 'no default communication channel (Opa! Suite) is set.'
      : templateFor(templates, 'overdue_notice') === null
        ? 'Opa! Suite has no template for the overdue_notice event.'
        : null;
  return (candidate: OverdueCandidateFacts): string | null =>
    candidate.noticeSentOn !== null || candidate.noticeQueued
      ? null
      : (general ?? (candidate.customer.mobilePhone ? null : 'the customer has no mobile phone for Opa! Suite.'));
}

/** What a run would do on `date` (today when not given), changing nothing. */
export function makePreviewOverdue(deps: UseCaseDeps) {
  return async (date?: string): Promise<Result<OverduePreview>> => {
    const day = date ?? calendarDate(deps.clock.now(), deps.timeZone);
    const { settings: policy } = await deps.store.overduePolicy.get();
    const candidates = await deps.store.overdue.candidates(day, false, deps.timeZone);
    const preset = presetOf(policy);
    const blocker = preset ? await noticeBlockers(deps.store) : null;
    const timelines =
      preset && blocker
        ? candidates.filter((c) => c.status === 'active').map((c) => presetTimeline(c, day, policy, preset, blocker(c)))
        : [];
    return ok({
      date: day,
      policy,
      changes: candidates.flatMap((c) => decideOverdue(c, day, policy) ?? []),
      timelines,
    });
  };
}

/**
 * Under a preset, the notice of each overdue debt not noticed yet goes to the customer through
 * Opa! Suite (once per charge: the `overdue_notice` event), saying what the RGC asks it to say.
 * Answers how many were queued.
 */
async function sendNotices(
  repos: Repositories,
  deps: UseCaseDeps,
  candidates: readonly OverdueCandidateFacts[],
  policy: OverduePolicy,
  today: string,
  now: Date,
): Promise<number> {
  const preset = presetOf(policy);
  if (!preset) return 0;
  // A customer without a mobile phone cannot be told through Opa! Suite: the preview says so, and
  // the provider records a notice sent otherwise.
  const due = candidates.filter(
    (c) =>
      c.noticeSentOn === null &&
      !c.noticeQueued &&
      c.customer.mobilePhone !== null &&
      daysBetween(c.oldestOverdue.dueDate, today) >= preset.notice.afterDueDays,
  );
  return queueNotifications(
    repos,
    deps,
    due.map((c) => ({
      event: 'overdue_notice' as const,
      contractId: c.contractId,
      cause: `${c.oldestOverdue.chargeId}:overdue_notice`,
      reason: overdueNoticeText({
        amountCents: c.debt.dueCents,
        competence: c.debt.competence,
        dueDate: c.oldestOverdue.dueDate,
        suspensionDays: policy.blockAfterDays ?? 0,
        rescissionDays: policy.cancelAfterDays ?? 0,
        restoreWithinHours: preset.restore.withinHours,
      }),
      charge: {
        id: c.oldestOverdue.chargeId,
        amountCents: c.debt.dueCents,
        dueDate: c.oldestOverdue.dueDate,
        competence: c.debt.competence,
      },
    })),
    now,
  );
}

export interface OverdueRunOutcome {
  readonly run: OverdueRun;
  readonly changes: readonly OverdueDecision[];
  readonly rejected: BulkEventOutcome['rejected'];
}

/**
 * A run of the policy for today: under the run's lock (one process at a time), the active
 * contracts with an overdue charge are locked and read with their oldest one, the pure policy
 * decides, and every decided event goes through the bulk event path at once — states, history
 * (actor `system:overdue-policy`, the reason naming the stage and the charge) and partner effects,
 * set-based, in one transaction with the run's record.
 */
export function makeRunOverdue(deps: UseCaseDeps) {
  const { store, clock, ids, effectsQueued } = deps;
  return async (trigger: OverdueRun['trigger'], actor: string): Promise<Result<OverdueRunOutcome>> => {
    const outcome = await store.transaction(async (repos) => {
      if (!(await repos.overdue.tryLockRun()))
        return fail(
          'OVERDUE_RUN_IN_PROGRESS',
          'Another process is running the overdue policy now; try again when it ends.',
        );
      const startedAt = clock.now();
      const today = calendarDate(startedAt, deps.timeZone);
      const { settings: policy } = await repos.overduePolicy.get();
      const candidates = await repos.overdue.candidates(today, true, deps.timeZone);
      const decisions = candidates.flatMap((c) => decideOverdue(c, today, policy) ?? []);
      const outcome = await applyEventsToMany(repos, deps, {
        events: decisions.map((d) => ({ contractId: d.contractId, type: d.event, reason: d.reason })),
        mode: 'automatic',
        actor: OVERDUE_POLICY_ACTOR,
      });
      const applied = new Set(outcome.applied);
      const changes = decisions.filter((d) => applied.has(d.contractId));
      // Charges overdue since the last run: their customers are told once.
      const overdue = await repos.notifications.takeNewlyOverdue(today, startedAt);
      const told = await queueNotifications(
        repos,
        deps,
        overdue.map((c) => ({
          event: 'charge_overdue' as const,
          contractId: c.contractId,
          cause: `${c.chargeId}:overdue`,
          charge: { id: c.chargeId, amountCents: c.dueCents, dueDate: c.dueDate, competence: c.competence },
        })),
        startedAt,
      );
      const noticed = await sendNotices(repos, deps, candidates, policy, today, startedAt);
      const run = await repos.overdue.saveRun({
        id: ids.next(),
        asOf: today,
        trigger,
        actor,
        startedAt,
        finishedAt: clock.now(),
        policy,
        ...stageCounts(changes),
        rejected: outcome.rejected.length,
      });
      // Frontends are told of each charge the run found newly overdue, and of the run (docs/webhooks.md).
      const events = await recordEvents(
        repos,
        deps,
        [
          ...overdue.map((c) => ({
            type: 'charge.overdue' as const,
            resourceId: c.chargeId,
            contractId: c.contractId,
            data: chargeOverdueData(c),
          })),
          { type: 'overdue_run.finished' as const, resourceId: run.id, data: overdueRunData(run) },
        ],
        run.finishedAt,
      );
      return ok({ run, changes, rejected: outcome.rejected, queued: outcome.queued + told + noticed + events });
    });
    if (!outcome.ok) return outcome;
    if (outcome.value.queued > 0) effectsQueued();
    return ok({ run: outcome.value.run, changes: outcome.value.changes, rejected: outcome.value.rejected });
  };
}

export function makeListOverdueRuns({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<OverdueRun>>> => ok(await store.overdue.listRuns(page));
}

export function makeGetOverduePolicy({ store }: UseCaseDeps) {
  return async (): Promise<Result<StoredSettings<OverduePolicy>>> => ok(await store.overduePolicy.get());
}

/** The whole policy: a preset's stages or the provider's own days, the trust release limit; kept in the policy's history. */
export function makeReplaceOverduePolicy(deps: UseCaseDeps) {
  const change = makeChangeSettings(deps, (repos) => repos.overduePolicy, changedPolicyFields);
  return (input: OverduePolicyInput, actor: string) => change(async () => overduePolicyFrom(input), actor);
}

export function makeListOverduePolicyHistory({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<SettingsChange<OverduePolicy>>>> =>
    ok(await store.overduePolicy.history(page));
}

export interface RecordOverdueNoticeInput {
  readonly channel: RecordedNoticeChannel;
  readonly sentAt: Date;
  readonly content: string;
  readonly chargeId?: string;
}

/**
 * A notice of the contract's overdue debt sent by another channel (letter, invoice, e-mail…),
 * kept as evidence with when it was sent and what it said: under the RGC preset the suspension
 * counts from it. It notices an overdue charge of the contract (its oldest one when not named),
 * and cannot have been sent in the future.
 */
export function makeRecordOverdueNotice(deps: UseCaseDeps) {
  return async (contractId: string, input: RecordOverdueNoticeInput, actor: string): Promise<Result<OverdueNotice>> =>
    deps.store.transaction(async (repos): Promise<Result<OverdueNotice>> => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const now = deps.clock.now();
      if (input.sentAt.getTime() > now.getTime())
        return fail('VALIDATION_FAILED', 'A notice cannot have been sent in the future.', [
          { field: 'sentAt', message: 'Not after now.' },
        ]);
      const sentOn = calendarDate(input.sentAt, deps.timeZone);
      const oldest = input.chargeId
        ? null
        : await repos.charges.oldestOverdue(contractId, calendarDate(now, deps.timeZone));
      const chargeId = input.chargeId ?? oldest?.chargeId;
      const charge = chargeId ? await repos.charges.findById(chargeId) : null;
      if (charge?.contractId !== contractId) {
        return input.chargeId
          ? fail('VALIDATION_FAILED', 'The charge is not one of the contract.', [
              { field: 'chargeId', message: 'Not a charge of this contract.' },
            ])
          : fail('NO_OVERDUE_CHARGE', 'The contract has no overdue charge to notice.');
      }
      if (charge.status !== 'open' || charge.dueDate >= sentOn) {
        return fail(
          'CHARGE_NOT_OVERDUE',
          `Charge ${charge.id} was not overdue when the notice was sent: only an overdue debt is noticed.`,
          [{ field: input.chargeId ? 'chargeId' : 'sentAt', message: `Due ${charge.dueDate}, ${charge.status}.` }],
        );
      }
      const notice = await repos.overdue.recordNotice({
        id: deps.ids.next(),
        contractId,
        chargeId: charge.id,
        channel: input.channel,
        sentAt: input.sentAt,
        content: input.content,
        actor,
        createdAt: now,
      });
      return ok({ ...notice, status: 'sent' as const });
    });
}

export function makeListOverdueNotices({ store }: UseCaseDeps) {
  return async (contractId: string): Promise<Result<readonly OverdueNotice[]>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.overdue.listNotices(contractId));
  };
}
