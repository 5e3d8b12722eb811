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
});
