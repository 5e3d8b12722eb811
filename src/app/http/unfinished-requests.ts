import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * A request still arriving when the server closes is cut off: its client may be dripping its body
 * (docs/security.md), and nothing of it has been acted on yet, so nothing is lost. Requests whose
 * body has arrived are left to finish.
 */
export function closeUnfinishedRequestsOnClose(app: FastifyInstance) {
  const arriving = new Set<IncomingMessage>();
  app.server.on('request', (request: IncomingMessage) => {
    // Only a request that announces a body can still be arriving once its headers are in.
    const headers = request.headers;
    if (request.complete || (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined))
      return;
    arriving.add(request);
    const done = () => arriving.delete(request);
    request.once('end', done);
    request.once('close', done);
  });
  app.addHook('preClose', async () => {
    for (const request of arriving) if (!request.complete) request.socket.destroy();
    arriving.clear();
  });
}
