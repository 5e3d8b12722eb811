import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { getResponse, type HttpHandler } from 'msw';
import type { PbxSimulator } from './simulator';

/**
 * A simulated Asterisk on a server of its own, on 127.0.0.1: ARI's HTTP operations under `/ari`
 * and its events WebSocket (`GET /ari/events?app=…`, HTTP Basic), and nothing else — what a real
 * Asterisk offers (docs/partners.md, "Asterisk"). For tests and benchmarks that want a PBX apart
 * from Ponte's own sandbox; `seen` is told of every request.
 */
export async function serveAsterisk(pbx: PbxSimulator, seen: (method: string, url: URL) => void = () => undefined) {
  const http: FastifyInstance = Fastify();
  await http.register(websocket);
  let origin = '';
  let handlers: HttpHandler[] = [];
  http.addHook('onRequest', async (request) => seen(request.method, new URL(request.url, 'http://x')));
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
      const disconnect = pbx.connectApplication(
        name,
        (event) => {
          socket.send(JSON.stringify(event));
          if ((event as { type: string }).type === 'ApplicationReplaced') socket.close();
        },
        () => socket.terminate(),
      );
      socket.on('close', disconnect);
    },
  );
  http.all('/*', async (request, reply) => {
    const response = await getResponse(
      handlers,
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
  handlers = pbx.handlers(origin);
  return { http, ariUrl: `${origin}/ari` };
}
