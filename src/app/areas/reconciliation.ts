import { hostname } from 'node:os';
import { RECONCILIATION_EXAMPLES } from '../http/reconciliation/examples';
import { reconciliationRoutes } from '../http/reconciliation/routes';
import { nightlyPlanDue, queueNightlyPlan, reconciliationUseCases } from '../use-cases/reconciliation';
import { createExtraSubscriptionHandler } from '../use-cases/reconciliation/extra-subscriptions';
import { makeReconciliationRunner } from '../use-cases/reconciliation/runner';
import { FINDING_KINDS, RECONCILED_TARGET_KINDS } from '../../domain/reconciliation/reconciliation';
import { defineArea } from './area';

/** How often a process looks for a run to take (queued, or left by a process that died), and for the nightly plan. */
const LOOK_EVERY_MS = 1_000;

/** Desired against actual (docs/reconciliation.md): find and repair drift between Ponte and the partner platforms. */
export const reconciliationArea = defineArea({
  name: 'reconciliation',
  useCases: reconciliationUseCases,
  tags: [
    {
      name: 'Reconciliation',
      description:
        'What the partner platforms hold against what Ponte decided: plans that list every difference, repairs that queue the effects bringing each platform to Ponte’s state.',
    },
  ],
  examples: RECONCILIATION_EXAMPLES,
  routes: (http, { useCases }) => reconciliationRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createExtraSubscriptionHandler(deps)],
  // Every process runs the runs it takes, one at a time, and queues the nightly plan when its time comes.
  background: (deps, log) => {
    const holder = `${hostname()}:${process.pid}:${deps.ids.next().slice(-8)}`;
    const runner = makeReconciliationRunner(deps, holder);
    let stopped = true;
    let working: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | null = null;
    // The day whose nightly plan this process has seen queued (by itself or another): nothing to write until the next.
    let plannedDay: string | null = null;
    const look = async () => {
      const due = nightlyPlanDue(deps);
      if (due !== null && due !== plannedDay) {
        if (await queueNightlyPlan(deps)) log.info({}, 'queued the nightly reconciliation plan');
        plannedDay = due;
      }
      while (!stopped && (await runner.runOnce())) log.info({}, 'a reconciliation run ended');
    };
    const tick = () => {
      if (stopped) return;
      working = look()
        .catch((error: unknown) => log.warn({ err: error }, 'reconciliation runner failed; it looks again shortly'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, LOOK_EVERY_MS);
        });
    };
    return {
      name: 'reconciliation-runner',
      holder,
      start() {
        stopped = false;
        timer = setTimeout(tick, LOOK_EVERY_MS);
        timer.unref();
      },
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await working;
      },
    };
  },
  gauges: ({ store }) => [
    {
      name: 'ponte_reconciliation_drift',
      help: 'Findings of the newest finished reconciliation run (a plan or a repair), by target kind and kind: 0 when the platforms match Ponte.',
      labelNames: ['target_kind', 'kind'],
      async read() {
        const run = await store.reconciliation.latestFinished();
        return RECONCILED_TARGET_KINDS.flatMap((targetKind) =>
          FINDING_KINDS.map((kind) => ({
            labels: { target_kind: targetKind, kind },
            value: run?.counts.byKind[targetKind]?.[kind] ?? 0,
          })),
        );
      },
    },
    {
      name: 'ponte_reconciliation_last_run_timestamp_seconds',
      help: 'When the newest reconciliation run finished (Unix seconds); 0 when none has.',
      labelNames: [],
      async read() {
        const run = await store.reconciliation.latestFinished();
        return [{ labels: {}, value: run?.finishedAt ? run.finishedAt.getTime() / 1000 : 0 }];
      },
    },
  ],
});
