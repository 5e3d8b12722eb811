import { deliveriesUseCases } from '../use-cases/deliveries';
import { DELIVERIES_EXAMPLES } from '../http/deliveries/examples';
import { deliveriesRoutes } from '../http/deliveries/routes';
import type { OutboxBacklog } from '../../domain/deliveries/ports';
import { defineArea } from './area';

/** The outbox as operators see it: every partner effect and its delivery. */
export const deliveriesArea = defineArea({
  name: 'deliveries',
  useCases: deliveriesUseCases,
  tags: [
    {
      name: 'Integration deliveries',
      description: 'Every partner effect and its delivery: the integration errors an operator retries.',
    },
  ],
  examples: DELIVERIES_EXAMPLES,
  routes: (http, { useCases }) => deliveriesRoutes(http, useCases),
  gauges: ({ store, now, targetKinds }) => {
    const byKind = async (value: (row: OutboxBacklog | undefined) => number) => {
      const rows = await store.outbox.backlog();
      return targetKinds.map((kind) => ({
        labels: { target_kind: kind },
        value: value(rows.find((row) => row.targetKind === kind)),
      }));
    };
    return [
      {
        name: 'ponte_outbox_pending',
        help: 'Partner deliveries waiting to be carried out (due now or later), by target kind.',
        labelNames: ['target_kind'],
        read: () => byKind((row) => row?.pending ?? 0),
      },
      {
        name: 'ponte_outbox_oldest_pending_age_seconds',
        help: 'How long the oldest pending partner delivery has waited, by target kind (0 when none).',
        labelNames: ['target_kind'],
        read: () =>
          byKind((row) =>
            row?.oldestPendingAt ? Math.max(0, (now().getTime() - row.oldestPendingAt.getTime()) / 1000) : 0,
          ),
      },
      {
        name: 'ponte_deliveries_dead',
        help: 'Partner deliveries that gave up and wait for an operator (POST /v1/integration-deliveries/{id}/retry), by target kind.',
        labelNames: ['target_kind'],
        read: () => byKind((row) => row?.dead ?? 0),
      },
    ];
  },
});
