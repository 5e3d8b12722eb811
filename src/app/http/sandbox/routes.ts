import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  void app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 64 * 1024 } });
    ariEvents(scope, sandbox);
    sandboxScope(scope, sandbox, verifier);
  });
}

/**
 * The sandbox Asterisk's events WebSocket, as ARI serves it (`GET /ari/events?app=<name>`,
 * `upgrade: websocket`): HTTP Basic or `api_key=user:password`, 401 for a login it does not know,
 * 400 without `app`; then every event, as JSON text messages, until either side closes.
 */
function ariEvents(app: FastifyInstance, sandbox: Sandbox) {
  const asterisk = sandbox.pbx.asterisk;
  const loginOf = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString('utf8');
    const apiKey = (request.query as Record<string, unknown>).api_key;
    return typeof apiKey === 'string' ? apiKey : null;
  };
  app.get(
    '/sandbox/pbx/asterisk/ari/events',
    {
      schema: { hide: true },
      websocket: true,
      preValidation: async (request, reply) => {
        const login = loginOf(request);
        if (login === null || !(await asterisk.admits(login)))
          return reply
            .code(401)
            .header('www-authenticate', 'Basic realm="Asterisk REST Interface"')
            .send({ message: 'Authentication required' });
        const name = (request.query as Record<string, unknown>).app;
        if (typeof name !== 'string' || name === '')
          return reply.code(400).send({ message: "Required parameter 'app' is missing" });
      },
    },
    (socket, request) => {
      const name = String((request.query as Record<string, unknown>).app);
      const disconnect = asterisk.connectApplication(
        name,
        (event) => {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(JSON.stringify(event));
          if ((event as { type?: string }).type === 'ApplicationReplaced') socket.close(1000, 'Application replaced');
        },
        () => socket.terminate(),
      );
      socket.on('close', disconnect);
    },
  );
}

/** SPC Brasil speaks SOAP: within the sandbox, XML bodies are taken as text and passed on as sent. */
const XML_TYPES = ['text/xml', 'application/soap+xml', 'application/xml'];

function sandboxScope(app: FastifyInstance, sandbox: Sandbox, verifier: ApiKeyVerifier) {
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // The simulated platforms are called as partners are, by Ponte's dispatchers at a billing day's
  // pace and with the platform's own credentials: the partner limit, not that of a client without a key.
  const config = { guard: 'partner' as const };
  app.all('/sandbox/*', { schema: { hide: true }, bodyLimit: SANDBOX_BODY_LIMIT, config }, async (request, reply) => {
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
