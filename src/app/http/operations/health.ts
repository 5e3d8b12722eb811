import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { problem, sendProblem } from '../errors';
import { publicProblems, StringEnum } from '../common';

const Health = Type.Object({ status: StringEnum(['ok', 'ready'] as const) }, { title: 'Health' });

export function healthRoutes(app: FastifyInstance, ping: () => Promise<void>) {
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
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getReadiness',
        summary: 'The database answers (no auth)',
        description:
          'Answers 200 when the database answers a query, 503 otherwise: for readiness probes and load balancers. No key needed.',
        response: { 200: Health, ...publicProblems('SERVICE_UNAVAILABLE') },
      },
    },
    async (request, reply) => {
      try {
        await ping();
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, problem('SERVICE_UNAVAILABLE', 'The database does not answer.'));
      }
    },
  );
}
