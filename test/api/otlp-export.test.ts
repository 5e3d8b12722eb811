import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/listening';

/*
 * `npm start` with OTEL_EXPORTER_OTLP_ENDPOINT (docs/operations.md, "Traces") sends its spans
 * over OTLP/HTTP to a collector, here a server of the test's own on 127.0.0.1, and flushes them
 * when it stops.
 */
const ROOT = join(__dirname, '..', '..');
const TRACE = '5b8efff798038103d269b633813fc60c';

test('when OTEL_EXPORTER_OTLP_ENDPOINT is set, then the spans of a request reach the collector', async () => {
  const received: { path: string; type: string; body: Buffer }[] = [];
  const collector = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        type: String(request.headers['content-type']),
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const collectorPort = (collector.address() as { port: number }).port;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ponte-otlp-'));
  const ponte = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
    },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      async () => ((await fetch(`${base}/ready`).catch(() => null))?.ok ? true : undefined),
      'Ponte',
      90_000,
    );
    const answer = await fetch(`${base}/v1/customers`, { headers: { traceparent: `00-${TRACE}-b9c7c989f97918e1-01` } });
    expect(answer.status).toBe(401);
    // The span ends once the answer has gone out, a moment after the client has it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    ponte.kill('SIGTERM');
    await new Promise((resolve) => ponte.once('exit', resolve));
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces[0]!.type).toBe('application/x-protobuf');
    // The trace id travels as its 16 bytes in the protobuf.
    expect(traces.some((r) => r.body.includes(Buffer.from(TRACE, 'hex')))).toBe(true);
    expect(received.filter((r) => r.path !== '/v1/traces')).toEqual([]);
  } finally {
    if (ponte.exitCode === null) ponte.kill('SIGKILL');
    await new Promise((resolve) => collector.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
