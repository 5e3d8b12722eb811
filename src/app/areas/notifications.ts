import { notificationsContractEventFollower } from '../use-cases/notifications/notify';
import { notificationsUseCases } from '../use-cases/notifications';
import { NOTIFICATIONS_EXAMPLES } from '../http/notifications/examples';
import { notificationsRoutes } from '../http/notifications/routes';
import { createNotificationEffectHandler } from '../use-cases/notifications/effects';
import { createOpaSuitePlatform } from '../../adapters/partners/opa-suite/opa-suite-platform';
import { openOpaSuiteCredentials } from '../use-cases/notifications/integrations';
import type { OpaSuiteIntegrationRecord } from '../../domain/notifications/ports';
import { defineArea } from './area';

/** Customer notifications through Opa! Suite (seed 000, "Canais de comunicação"): integrations, templates, what was sent. */
export const notificationsArea = defineArea({
  name: 'notifications',
  useCases: notificationsUseCases,
  tags: [
    {
      name: 'Opa! Suite integrations',
      description:
        'Opa! Suite tenants (omnichannel): address, token (write-only) and channel; the default one is named by the settings.',
    },
    {
      name: 'Notifications',
      description:
        "Customer notifications through Opa! Suite on contract events and charges: the template of each event, and what each contract's customer was told.",
    },
  ],
  contractEventFollower: notificationsContractEventFollower,
  examples: NOTIFICATIONS_EXAMPLES,
  partners: ({ secrets, http }) => ({
    opaSuiteFor: (integration: OpaSuiteIntegrationRecord) =>
      createOpaSuitePlatform({
        baseUrl: integration.url,
        token: openOpaSuiteCredentials({ secrets }, integration).token,
        http,
      }),
  }),
  routes: (http, { useCases }) => notificationsRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createNotificationEffectHandler(deps)],
});
