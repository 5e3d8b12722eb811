import { OPERATIONS_EXAMPLES } from '../http/operations/examples';
import { healthRoutes } from '../http/operations/health';
import { problemPagesRoutes } from '../http/operations/problems';
import { sandboxRoutes } from '../http/sandbox/routes';
import { defineArea } from './area';

/** Probes, the problem pages, and the sandbox's own controls when it runs. */
export const operationsArea = defineArea({
  name: 'operations',
  useCases: () => ({}),
  tags: [{ name: 'Operations', description: 'Health and readiness.' }],
  examples: OPERATIONS_EXAMPLES,
  routes(http, { notReady, sandbox, verifier }) {
    healthRoutes(http, notReady);
    problemPagesRoutes(http);
    if (sandbox) sandboxRoutes(http, sandbox, verifier);
  },
});
