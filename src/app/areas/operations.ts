import { OPERATIONS_EXAMPLES } from '../http/operations/examples';
import { healthRoutes } from '../http/operations/health';
import { metricsRoutes } from '../http/operations/metrics';
import { problemPagesRoutes } from '../http/operations/problems';
import { sandboxRoutes } from '../http/sandbox/routes';
import { defineArea } from './area';

/** Probes, the problem pages, and the sandbox's own controls when it runs. */
export const operationsArea = defineArea({
  name: 'operations',
  useCases: () => ({}),
  tags: [{ name: 'Operations', description: 'Health, readiness and metrics.' }],
  examples: OPERATIONS_EXAMPLES,
  routes(http, { notReady, sandbox, verifier, metrics }) {
    healthRoutes(http, notReady);
    metricsRoutes(http, metrics);
    problemPagesRoutes(http);
    if (sandbox) sandboxRoutes(http, sandbox, verifier);
  },
});
