import type { Page, PageRequest, Repositories, OverdueRun, SettingsChange, StoredSettings } from '../../../domain/ports/repositories';
import { queueNotifications } from '../notifications/notify';
import { changedPolicyFields, decideOverdue, overduePolicyFrom, stageCounts, type OverdueDecision, type OverduePolicy, type OverduePolicyInput } from '../../../domain/overdue/overdue-policy';
import type { Charge } from '../../../domain/receivables/charge';
import { calendarDate } from '../../../domain/shared/calendar';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { applyEventsToMany, type BulkEventOutcome } from '../contracts/contracts';
import type { UseCaseDeps } from '../deps';
import { makeChangeSettings } from '../settings/settings';

/** The actor of every change the overdue policy makes, in the contract's history. */
export const OVERDUE_POLICY_ACTOR = 'system:overdue-policy';

/**
 * Once a contract has no overdue charge left, its overdue cycle ends (a later one may have its own
 * trust release) and a contract the policy had blocked, or shown late, is released (automatic).
 * A block by hand stays: whoever set it lifts it. Runs in the caller's transaction, with the
 * contract locked. Returns how many partner effects were queued.
 */
export async function releaseIfDebtCleared(repos: Repositories, deps: UseCaseDeps, charge: Charge, what: string, now: Date): Promise<number> {
  if (await repos.charges.oldestOverdue(charge.contractId, calendarDate(now, deps.timeZone))) return 0;
  await repos.contracts.endOverdueCycle([charge.contractId]);
  const contract = await repos.contracts.findById(charge.contractId);
  if (contract?.status !== 'active' || (contract.accessStatus !== 'automatic_block' && contract.accessStatus !== 'late_payment')) return 0;
  const outcome = await applyEventsToMany(repos, deps, {
    events: [{ contractId: contract.id, type: 'unblock', reason: `Overdue policy: no overdue charge is left after the ${what}.` }],
    mode: 'automatic',
    actor: OVERDUE_POLICY_ACTOR,
  });
  return outcome.queued;
}

export interface OverduePreview {
  readonly date: string;
  readonly policy: OverduePolicy;
  readonly changes: readonly OverdueDecision[];
}

/** What a run would do on `date` (today when not given), changing nothing. */
export function makePreviewOverdue(deps: UseCaseDeps) {
  return async (date?: string): Promise<Result<OverduePreview>> => {
    const day = date ?? calendarDate(deps.clock.now(), deps.timeZone);
    const { settings: policy } = await deps.store.overduePolicy.get();
    const candidates = await deps.store.overdue.candidates(day, false);
    return ok({ date: day, policy, changes: candidates.flatMap((c) => decideOverdue(c, day, policy) ?? []) });
  };
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
      if (!(await repos.overdue.tryLockRun())) return fail('OVERDUE_RUN_IN_PROGRESS', 'Another process is running the overdue policy now; try again when it ends.');
      const startedAt = clock.now();
      const today = calendarDate(startedAt, deps.timeZone);
      const { settings: policy } = await repos.overduePolicy.get();
      const decisions = (await repos.overdue.candidates(today, true)).flatMap((c) => decideOverdue(c, today, policy) ?? []);
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
        overdue.map((c) => ({ event: 'charge_overdue' as const, contractId: c.contractId, cause: `${c.chargeId}:overdue`, charge: { id: c.chargeId, amountCents: c.dueCents, dueDate: c.dueDate, competence: c.competence } })),
        startedAt,
      );
      const run = await repos.overdue.saveRun({ id: ids.next(), asOf: today, trigger, actor, startedAt, finishedAt: clock.now(), policy, ...stageCounts(changes), rejected: outcome.rejected.length });
      return ok({ run, changes, rejected: outcome.rejected, queued: outcome.queued + told });
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
  return async (page: PageRequest): Promise<Result<Page<SettingsChange<OverduePolicy>>>> => ok(await store.overduePolicy.history(page));
}
