import type { FastifyInstance } from 'fastify';
import { SANDBOX_ORIGIN, type Sandbox } from '../../../adapters/sandbox/sandbox';
import { problem, sendProblem } from '../errors';

/** Serves the partner simulators under /sandbox (no API key: they stand in for outside platforms). */
export function sandboxRoutes(app: FastifyInstance, sandbox: Sandbox) {
  app.all('/sandbox/*', { schema: { hide: true } }, async (request, reply) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    const hasBody = request.body !== undefined && request.body !== null && !['GET', 'HEAD'].includes(request.method);
    const response = await sandbox.handle(
      new Request(`${SANDBOX_ORIGIN}${request.url}`, { method: request.method, headers, ...(hasBody ? { body: JSON.stringify(request.body) } : {}) }),
    );
    if (!response) return sendProblem(reply, problem('NOT_FOUND', `The sandbox has no ${request.method} ${request.url.split('?')[0]}.`));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'content-length') reply.header(name, value);
    });
    const text = await response.text();
    return reply.send(text === '' ? undefined : text);
  });
}
