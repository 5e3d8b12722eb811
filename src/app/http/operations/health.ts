import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { problem, sendProblem } from '../errors';
import { probeProblems, StringEnum } from '../common';

const Health = Type.Object({ status: StringEnum(['ok', 'ready'] as const) }, { title: 'Health' });

export function healthRoutes(app: FastifyInstance, notReady: () => Promise<string | null>) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getHealth',
        summary: 'The process is up (no auth)',
        description:
          'Answers 200 while the process runs, whatever the database does: for liveness probes. No key needed.',
        response: { 200: Health },
      },
      config: { guard: 'probe' },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getReadiness',
        summary: 'The API accepts requests (no auth)',
        description:
          'Answers 200 once the process has started (the first admin key, BOOTSTRAP_API_KEY included, is accepted) and while the database answers a query; 503 with `Retry-After` otherwise: for readiness probes, load balancers and scripts that wait for Ponte. No key needed.',
        response: { 200: Health, ...probeProblems('SERVICE_UNAVAILABLE') },
      },
      config: { guard: 'probe' },
    },
    async (request, reply) => {
      const reason = await notReady();
      if (reason === null) return { status: 'ready' };
      request.log.warn({ reason }, 'not ready');
      reply.header('retry-after', '1');
      return sendProblem(reply, problem('SERVICE_UNAVAILABLE', reason));
    },
  );
}
