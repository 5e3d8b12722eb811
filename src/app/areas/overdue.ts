import { overdueUseCases } from '../use-cases/overdue';
import { OVERDUE_EXAMPLES } from '../http/overdue/examples';
import { overdueRoutes } from '../http/overdue/routes';
import { defineArea } from './area';

/** The overdue policy: its settings and presets, its preview and its runs. */
export const overdueArea = defineArea({
  name: 'overdue',
  useCases: overdueUseCases,
  tags: [
    {
      name: 'Overdue policy',
      description:
        'The policy that reports, blocks and cancels contracts with overdue charges (Anatel RGC), its preview, its runs and the notices of debt.',
    },
  ],
  examples: OVERDUE_EXAMPLES,
  routes: (http, { useCases }) => overdueRoutes(http, useCases),
  gauges: ({ store }) => [
    {
      name: 'ponte_overdue_last_run_finished_timestamp_seconds',
      help: 'When the last overdue policy run finished (Unix seconds; 0 before the first).',
      labelNames: [],
      async read() {
        const run = await store.overdue.lastRun();
        return [{ labels: {}, value: run ? run.finishedAt.getTime() / 1000 : 0 }];
      },
    },
    {
      name: 'ponte_overdue_last_run_contracts',
      help: 'What the last overdue policy run did, by change: late payments reported, blocked, cancelled, rejected.',
      labelNames: ['change'],
      async read() {
        const run = await store.overdue.lastRun();
        return (
          [
            ['late_payment_reported', run?.latePaymentsReported],
            ['blocked', run?.blocked],
            ['cancelled', run?.cancelled],
            ['rejected', run?.rejected],
          ] as const
        ).map(([change, value]) => ({ labels: { change }, value: value ?? 0 }));
      },
    },
  ],
});
