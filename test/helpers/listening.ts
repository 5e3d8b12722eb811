import { createServer } from 'node:net';
import type { App } from '../../src/app/build-app';

/** A port of 127.0.0.1 free now, for a process the test starts to listen on. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Makes the app listen on a free port of 127.0.0.1 (for what must go over real HTTP) and answers its address. */
export async function listen(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export interface StreamEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: any;
}

/**
 * Opens a Server-Sent Events stream and reads its events until `enough` says so or `ms` pass,
 * then closes it. `opened` resolves once the stream answered (so events can then be caused).
 */
export function readStream(
  url: string,
  headers: Record<string, string>,
  enough: (events: readonly StreamEvent[]) => boolean,
  ms = 12_000,
) {
  const controller = new AbortController();
  let answered!: (response: Response) => void;
  const opened = new Promise<Response>((resolve) => (answered = resolve));
  const events = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    answered(response);
    const reader = response.body!.getReader();
    const read: StreamEvent[] = [];
    let buffer = '';
    const deadline = Date.now() + ms;
    while (!enough(read) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('event')) read.push({ id: field('id'), event: field('event')!, data: JSON.parse(field('data')!) });
      }
    }
    controller.abort();
    return read;
  })();
  return { opened, events };
}
