import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Metrics } from '../../metrics';
import { problems } from '../common';

/** GET /metrics on the API port, for a Prometheus holding a key with `metrics:read` (docs/operations.md, "Metrics"). */
export function metricsRoutes(app: FastifyInstance, metrics: Metrics) {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getMetrics',
        summary: 'What this process shows of itself, in Prometheus text format',
        description:
          "Requests by route template and status class, the outbox backlog and its oldest age by target kind, dead deliveries, the dispatcher's partner calls, the PBX event connections by state, the last overdue and billing runs, and the process (CPU, memory, event loop). Needs the `metrics:read` scope; with METRICS_PORT the same answer is served on that port without a key. Each process answers for itself; what the database holds is the same from any.",
        response: {
          200: {
            description: 'The exposition (text/plain; version=0.0.4).',
            content: { 'text/plain': { schema: Type.String({ title: 'MetricsExposition' }) } },
          },
          ...problems(),
        },
      },
      config: { scope: 'metrics:read' },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );
}
