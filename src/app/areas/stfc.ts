import { stfcUseCases } from '../use-cases/stfc';
import { STFC_EXAMPLES } from '../http/stfc/examples';
import { stfcDashboardRoutes } from '../http/stfc/dashboard-routes';
import { stfcRoutes } from '../http/stfc/routes';
import { createStfcEffectHandler } from '../use-cases/stfc/effects';
import { createBillingEffectHandler } from '../use-cases/stfc/billing';
import { createSummitPlatform } from '../../adapters/partners/summit/summit-platform';
import { openStfcCredentials } from '../use-cases/stfc/stfc';
import type { StfcIntegrationRecord } from '../../domain/stfc/ports';
import { defineArea } from './area';

/** The STFC dashboard (seed 001): Summit integrations, services, billing rules and batches. */
export const stfcArea = defineArea({
  name: 'stfc',
  useCases: stfcUseCases,
  tags: [
    {
      name: 'STFC integrations',
      description:
        'Summit (STFC billing) integrations: URL and token (write-only). While one exists, the STFC module is enabled.',
    },
    {
      name: 'STFC dashboard',
      description:
        'Seed 001: telephony contracts, the contracts to bill for a competence, one-off values and zero-billing events.',
    },
  ],
  examples: STFC_EXAMPLES,
  partners: ({ secrets, http }) => ({
    summitFor: (integration: StfcIntegrationRecord) =>
      createSummitPlatform({
        baseUrl: integration.url,
        token: openStfcCredentials({ secrets }, integration).token,
        http,
      }),
  }),
  routes(http, { useCases }) {
    stfcRoutes(http, useCases);
    stfcDashboardRoutes(http, useCases);
  },
  gauges: ({ store }) => [
    {
      name: 'ponte_stfc_billing_runs_running',
      help: 'STFC billing runs (batches) still sending their items to Summit.',
      labelNames: [],
      read: async () => [{ labels: {}, value: (await store.stfc.batchesState()).running }],
    },
    {
      name: 'ponte_stfc_billing_last_run_finished_timestamp_seconds',
      help: 'When the last STFC billing run finished (Unix seconds; 0 before the first).',
      labelNames: [],
      read: async () => {
        const { lastFinishedAt } = await store.stfc.batchesState();
        return [{ labels: {}, value: lastFinishedAt ? lastFinishedAt.getTime() / 1000 : 0 }];
      },
    },
  ],
  effectHandlers: ({ store, secrets, ids, summitFor, now }) => [
    createStfcEffectHandler({ store, secrets, summitFor, now }),
    createBillingEffectHandler({ store, ids, summitFor, now }),
  ],
});
