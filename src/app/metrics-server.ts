import { createServer } from 'node:http';
import type { Metrics } from './metrics';

/**
 * METRICS_PORT: /metrics on a port of its own, without a key, for a Prometheus on a network the
 * API's clients do not reach (docs/operations.md, "Metrics"). Resolves once it listens; the
 * function it resolves to closes it.
 */
export async function serveMetrics(metrics: Metrics, port: number, host: string): Promise<() => Promise<void>> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics here.\n');
      return;
    }
    metrics.render().then(
      (text) =>
        response.writeHead(200, { 'content-type': metrics.contentType }).end(request.method === 'HEAD' ? '' : text),
      () =>
        response
          .writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' })
          .end('The metrics could not be read now.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
