import type { FastifyBaseLogger } from 'fastify';
import type { IdempotencyRepository } from '../domain/ports/idempotency';
import type { UseCaseDeps } from './use-cases/deps';
import { makeRunOverdue, OVERDUE_POLICY_ACTOR } from './use-cases/overdue/overdue';
import { makePurgeRawCreditAnswers } from './use-cases/credit/consultations';
import { makeRenewPbxSubscriptions } from './use-cases/pbx/pbx';
import { makeRetryAwaitingSummit } from './use-cases/stfc/billing';

export interface MaintenanceTask {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

/** Runs periodic tasks (the overdue policy, idempotency purge); a failing run is logged and tried next time. */
export function startMaintenance(tasks: readonly MaintenanceTask[], log: FastifyBaseLogger): () => void {
  const timers = tasks.map((task) =>
    setInterval(() => {
      task.run().then(
        (result) => log.debug({ task: task.name, result }, 'maintenance task done'),
        (error) => log.error({ err: error, task: task.name }, 'maintenance task failed'),
      );
    }, task.everyMs).unref(),
  );
  return () => timers.forEach(clearInterval);
}

const DAY_MS = 86_400_000;

export const idempotencyPurge = (store: IdempotencyRepository, now: () => Date): MaintenanceTask => ({
  name: 'idempotency-purge',
  everyMs: 60 * 60_000,
  run: () => store.purge(new Date(now().getTime() - DAY_MS)),
});

/** The overdue policy on a schedule; with several processes, one runs it and the others skip that turn. */
export const overdueRunTask = (deps: UseCaseDeps, everyMinutes: number): MaintenanceTask => {
  const run = makeRunOverdue(deps);
  return {
    name: 'overdue-policy',
    everyMs: everyMinutes * 60_000,
    run: async () => {
      const result = await run('schedule', OVERDUE_POLICY_ACTOR);
      return result.ok
        ? {
            latePaymentsReported: result.value.run.latePaymentsReported,
            blocked: result.value.run.blocked,
            cancelled: result.value.run.cancelled,
          }
        : { skipped: result.error.code };
    },
  };
};

/** Bureaus' raw answers are kept only for CREDIT_RAW_RETENTION_DAYS (LGPD): each hour, those past it are dropped. */
export const rawCreditAnswersPurge = (deps: UseCaseDeps): MaintenanceTask => {
  const purge = makePurgeRawCreditAnswers(deps);
  return { name: 'credit-raw-answers-purge', everyMs: 60 * 60_000, run: async () => ({ purged: await purge() }) };
};

/** Agents' stream events are kept a day (a screen reconnecting resumes within it): each hour, older ones go. */
export const agentStreamPurge = (deps: UseCaseDeps): MaintenanceTask => ({
  name: 'agent-stream-purge',
  everyMs: 60 * 60_000,
  run: async () => ({ purged: await deps.store.pbx.purgeAgentEvents(new Date(deps.clock.now().getTime() - DAY_MS)) }),
});

/** PBXs that send events only to a subscription (Dígitro: 900 s) are kept subscribed: every two minutes, those near their end are renewed. */
export const pbxSubscriptionsRenewal = (deps: UseCaseDeps, eventsBaseUrl: () => string): MaintenanceTask => {
  const renew = makeRenewPbxSubscriptions(deps, eventsBaseUrl);
  return { name: 'pbx-subscriptions', everyMs: 2 * 60_000, run: renew };
};

/** Seed 001: a billing item whose month Summit had not closed is asked again, every ten minutes for those that waited long enough. */
export const awaitingSummitRetry = (deps: UseCaseDeps): MaintenanceTask => {
  const retry = makeRetryAwaitingSummit(deps);
  return { name: 'stfc-awaiting-summit', everyMs: 10 * 60_000, run: async () => ({ sentAgain: await retry() }) };
};
