import type { FastifyInstance } from 'fastify';
import { SANDBOX_ORIGIN, type Sandbox } from '../../../adapters/sandbox/sandbox';
import { hasScope } from '../../use-cases/api-keys/api-keys';
import { apiKeyOf, type ApiKeyVerifier } from '../auth';
import { problem, sendProblem } from '../errors';

/** A simulated platform takes small, flat JSON calls; anything bigger or deeper is refused. */
const SANDBOX_BODY_LIMIT = 64 * 1024;
const SANDBOX_BODY_DEPTH = 16;

/** Whether a parsed body nests deeper than `limit` (walked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (depth > limit) return true;
    if (item !== null && typeof item === 'object')
      for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Serves the partner simulators under /sandbox. The partner-facing endpoints take no API key of
 * Ponte's: they authenticate as each platform would (a token or prefix of a registered
 * integration). The sandbox's own view and controls (`…/_sandbox/…`: every simulated user's data,
 * scripted faults) need a key with the `admin` or `sandbox` scope.
 */
export function sandboxRoutes(app: FastifyInstance, sandbox: Sandbox, verifier: ApiKeyVerifier) {
  void app.register(async (scope) => sandboxScope(scope, sandbox, verifier));
}

/** SPC Brasil speaks SOAP: within the sandbox, XML bodies are taken as text and passed on as sent. */
const XML_TYPES = ['text/xml', 'application/soap+xml', 'application/xml'];

function sandboxScope(app: FastifyInstance, sandbox: Sandbox, verifier: ApiKeyVerifier) {
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.all('/sandbox/*', { schema: { hide: true }, bodyLimit: SANDBOX_BODY_LIMIT }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.includes('/_sandbox/')) {
      const key = await apiKeyOf(request, verifier);
      if (!key) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(
          reply,
          problem('UNAUTHENTICATED', 'The sandbox controls need an API key with the admin or sandbox scope.'),
        );
      }
      if (!hasScope(key.scopes, 'sandbox'))
        return sendProblem(reply, problem('FORBIDDEN', "This API key lacks the scope 'sandbox'."));
    }
    if (nestsDeeperThan(request.body, SANDBOX_BODY_DEPTH))
      return sendProblem(reply, problem('VALIDATION_FAILED', 'The body nests deeper than any platform call does.'));
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const hasBody = request.body !== undefined && request.body !== null && !['GET', 'HEAD'].includes(request.method);
    const response = await sandbox.handle(
      new Request(`${SANDBOX_ORIGIN}${request.url}`, {
        method: request.method,
        headers,
        ...(hasBody ? { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) } : {}),
      }),
    );
    if (!response) return sendProblem(reply, problem('NOT_FOUND', `The sandbox has no ${request.method} ${path}.`));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'content-length') reply.header(name, value);
    });
    const text = await response.text();
    return reply.send(text === '' ? undefined : text);
  });
}
