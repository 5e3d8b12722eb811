import { calendarDate } from '../../../domain/shared/calendar';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { RECONCILIATION_ERRORS } from '../../../domain/reconciliation/errors';
import type { ReconciliationRun, StoredFinding } from '../../../domain/reconciliation/ports';
import {
  PLATFORM_TARGET_KINDS,
  type FindingKind,
  type ReconciledTargetKind,
  type RunMode,
} from '../../../domain/reconciliation/reconciliation';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

/* The use cases of the reconciliation area (docs/reconciliation.md): what its routes call. */

export interface StartReconciliation {
  readonly mode: RunMode;
  readonly targetKind?: ReconciledTargetKind;
  /** An SVA or Summit integration's id, `telecall` or `voip`. */
  readonly integrationId?: string;
  readonly removeExtra?: boolean;
}

/** A refusal naming the field at fault. */
const failure = (code: keyof typeof RECONCILIATION_ERRORS, field?: string) =>
  fail(
    code,
    RECONCILIATION_ERRORS[code].meaning,
    field ? [{ field, message: RECONCILIATION_ERRORS[code].meaning }] : undefined,
  );

export function reconciliationUseCases(deps: UseCaseDeps) {
  const { store, clock, ids } = deps;
  /** What an integration holds: SVA users (an SVA integration), STFC lines (a Summit one), or lines (telecall, voip); null: none such. */
  async function targetKindOf(integrationId: string): Promise<ReconciledTargetKind | null> {
    const platform = PLATFORM_TARGET_KINDS.get(integrationId);
    if (platform) return platform;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(integrationId)) return null;
    if (await store.svaIntegrations.findById(integrationId)) return 'sva_user';
    return (await store.stfc.findIntegration(integrationId)) ? 'stfc_service' : null;
  }
  return {
    /** Queues a run; any process's runner takes it (within a couple of seconds). */
    async startReconciliation(input: StartReconciliation, actor: string): Promise<Result<ReconciliationRun>> {
      const integrationId = input.integrationId ?? null;
      const holds = integrationId !== null ? await targetKindOf(integrationId) : null;
      if (integrationId !== null && holds === null)
        return failure('RECONCILIATION_INTEGRATION_NOT_FOUND', 'integrationId');
      if (input.targetKind !== undefined && holds !== null && input.targetKind !== holds)
        return failure('RECONCILIATION_TARGET_MISMATCH', 'targetKind');
      const id = ids.next();
      await store.reconciliation.create({
        id,
        mode: input.mode,
        targetKind: input.targetKind ?? null,
        integrationId,
        removeExtra: input.removeExtra ?? false,
        trigger: 'api',
        scheduledFor: null,
        actor,
        createdAt: clock.now(),
      });
      return ok((await store.reconciliation.findById(id))!);
    },
    async getReconciliation(id: string): Promise<Result<ReconciliationRun>> {
      const run = await store.reconciliation.findById(id);
      return run ? ok(run) : failure('RECONCILIATION_NOT_FOUND');
    },
    listReconciliations: (page: PageRequest): Promise<Page<ReconciliationRun>> => store.reconciliation.list(page),
    /** A run (read once) with a page of its findings. */
    async listFindings(
      id: string,
      filter: { readonly kind?: FindingKind; readonly targetKind?: ReconciledTargetKind },
      page: PageRequest,
    ): Promise<Result<{ readonly run: ReconciliationRun; readonly findings: Page<StoredFinding> }>> {
      const run = await store.reconciliation.findById(id);
      if (!run) return failure('RECONCILIATION_NOT_FOUND');
      return ok({ run, findings: await store.reconciliation.listFindings(id, filter, page) });
    },
  };
}

export type ReconciliationUseCases = ReturnType<typeof reconciliationUseCases>;

/** The actor of the nightly plan. */
export const SCHEDULE_ACTOR = 'system:reconciliation-schedule';

/**
 * The provider's day whose nightly plan is due now: today, once RECONCILIATION_PLAN_AT has come
 * in the provider's time zone; null before it, or when there is no nightly plan.
 */
export function nightlyPlanDue(deps: Pick<UseCaseDeps, 'clock' | 'timeZone' | 'reconciliationPlanAt'>): string | null {
  if (deps.reconciliationPlanAt === null) return null;
  const now = deps.clock.now();
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: deps.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return time < deps.reconciliationPlanAt ? null : calendarDate(now, deps.timeZone);
}

/**
 * Queues today's nightly plan once its time has come: one a day across every process, by a
 * unique day. True when this call queued it.
 */
export async function queueNightlyPlan(deps: UseCaseDeps): Promise<boolean> {
  const day = nightlyPlanDue(deps);
  if (day === null) return false;
  return deps.store.reconciliation.create({
    id: deps.ids.next(),
    mode: 'plan',
    targetKind: null,
    integrationId: null,
    removeExtra: false,
    trigger: 'schedule',
    scheduledFor: day,
    actor: SCHEDULE_ACTOR,
    createdAt: deps.clock.now(),
  });
}
