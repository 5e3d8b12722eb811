import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { getResponse } from 'msw';
import type { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';

/*
 * Asterisk's ARI as Asterisk serves it (docs/partners.md, "Asterisk"), against the simulator on a
 * real HTTP and WebSocket server on 127.0.0.1. The operations below are those of Asterisk's own
 * `rest-api/api-docs` (channels.json, deviceStates.json, recordings.json, asterisk.json,
 * events.json) that Ponte uses, with the parameters they declare: a request outside it fails.
 */
export const ARI_OPERATIONS: readonly {
  method: string;
  path: RegExp;
  query: readonly string[];
  required?: readonly string[];
}[] = [
  { method: 'GET', path: /^\/ari\/events$/, query: ['app', 'subscribeAll', 'api_key'], required: ['app'] },
  { method: 'GET', path: /^\/ari\/asterisk\/info$/, query: ['only'] },
  { method: 'GET', path: /^\/ari\/channels$/, query: [] },
  {
    method: 'POST',
    path: /^\/ari\/channels$/,
    query: [
      'endpoint',
      'extension',
      'context',
      'priority',
      'label',
      'app',
      'appArgs',
      'callerId',
      'timeout',
      'channelId',
      'otherChannelId',
      'originator',
      'formats',
    ],
    required: ['endpoint'],
  },
  { method: 'DELETE', path: /^\/ari\/channels\/[^/]+$/, query: ['reason_code', 'reason'] },
  { method: 'POST', path: /^\/ari\/channels\/[^/]+\/redirect$/, query: ['endpoint'], required: ['endpoint'] },
  { method: 'POST', path: /^\/ari\/channels\/[^/]+\/hold$/, query: [] },
  { method: 'DELETE', path: /^\/ari\/channels\/[^/]+\/hold$/, query: [] },
  { method: 'GET', path: /^\/ari\/deviceStates\/[^/]+$/, query: [] },
  { method: 'GET', path: /^\/ari\/recordings\/stored\/[^/]+\/file$/, query: [] },
];

export function outsideAri(method: string, url: URL): string | null {
  const operation = ARI_OPERATIONS.find((o) => o.method === method && o.path.test(url.pathname));
  if (!operation) return `${method} ${url.pathname} is no ARI operation Ponte should use`;
  const given = [...url.searchParams.keys()];
  const unknown = given.filter((name) => !operation.query.includes(name));
  if (unknown.length > 0) return `${method} ${url.pathname} has parameters ARI does not declare: ${unknown.join(', ')}`;
  const missing = (operation.required ?? []).filter((name) => !given.includes(name));
  return missing.length > 0 ? `${method} ${url.pathname} lacks ${missing.join(', ')}` : null;
}

/** The simulator behind a real server: ARI's HTTP operations and its events WebSocket, every request checked against the table. */
export async function serveAri(pbx: PbxSimulator) {
  const violations: string[] = [];
  const http: FastifyInstance = Fastify();
  await http.register(websocket);
  let origin = '';
  http.addHook('onRequest', async (request) => {
    const problem = outsideAri(request.method, new URL(request.url, 'http://x'));
    if (problem) violations.push(problem);
  });
  http.get(
    '/ari/events',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const header = request.headers.authorization ?? '';
        const login = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
        if (!(await pbx.admits(login))) return reply.code(401).send({ message: 'Authentication required' });
      },
    },
    (socket, request) => {
      const name = String((request.query as Record<string, string>).app);
      const disconnect = pbx.connectApplication(name, (event) => {
        socket.send(JSON.stringify(event));
        if ((event as { type: string }).type === 'ApplicationReplaced') socket.close();
      });
      socket.on('close', disconnect);
    },
  );
  const handlers = () => pbx.handlers(origin);
  http.all('/*', async (request, reply) => {
    const response = await getResponse(
      handlers(),
      new Request(`${origin}${request.url}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      }),
    );
    if (!response) return reply.code(404).send();
    reply.code(response.status).header('content-type', response.headers.get('content-type') ?? 'application/json');
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { http, ariUrl: `${origin}/ari`, violations };
}
