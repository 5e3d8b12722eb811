import { deliveriesUseCases } from '../use-cases/deliveries';
import { DELIVERIES_EXAMPLES } from '../http/deliveries/examples';
import { deliveriesRoutes } from '../http/deliveries/routes';
import type { OutboxBacklog } from '../../domain/deliveries/ports';
import type { IntegrationLimits } from '../../domain/deliveries/limits';
import { limitsView } from '../use-cases/deliveries/limits';
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
    {
      name: 'Integration limits',
      description:
        'How hard Ponte calls each integration: calls in flight and per second, shared by every process, and the pauses its partner asks for.',
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
    const limits = async (value: (limits: IntegrationLimits) => number) => {
      const page = await store.integrationLimits.list({ limit: 1_000 });
      return page.items.map((stored) => {
        const item = limitsView(stored, now());
        return { labels: { integration: item.id, platform: item.platform }, value: value(item) };
      });
    };
    return [
      {
        name: 'ponte_integration_paused',
        help: "1 while an integration's partner has paused it (429 or 503 with Retry-After; see GET /v1/integration-limits/{id} for why), 0 otherwise.",
        labelNames: ['integration', 'platform'],
        read: () => limits((item) => (item.pausedUntil ? 1 : 0)),
      },
      {
        name: 'ponte_integration_rate_per_second',
        help: 'The calls per second an integration starts at now, by every process: lower than its limit while a 429 holds it down.',
        labelNames: ['integration', 'platform'],
        read: () => limits((item) => item.effectiveRatePerSecond),
      },
      {
        name: 'ponte_integration_in_flight',
        help: 'Deliveries leased on an integration now, by every process (its concurrency caps them).',
        labelNames: ['integration', 'platform'],
        read: () => limits((item) => item.inFlight),
      },
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
