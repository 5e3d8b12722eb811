import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { problem, sendProblem } from '../errors';

const Health = Type.Object({ status: Type.String() });

export function healthRoutes(app: FastifyInstance, ping: () => Promise<void>) {
  app.get('/health', {
    schema: { tags: ['Operations'], operationId: 'getHealth', summary: 'The process is up (no auth)', response: { 200: Health } },
  }, async () => ({ status: 'ok' }));

  app.get('/ready', {
    schema: { tags: ['Operations'], operationId: 'getReadiness', summary: 'The database answers (no auth)', response: { 200: Health, 503: { description: 'The database does not answer.', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } } } },
  }, async (request, reply) => {
    try {
      await ping();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, problem('SERVICE_UNAVAILABLE', 'The database does not answer.'));
    }
  });
}
