import { connect, type Socket } from 'node:net';
import { describeApi } from '../helpers/api-suite';
import { listen } from '../helpers/listening';

/*
 * Issue 24, item 5: a client that never finishes its request is cut off by the server's own
 * timeouts, and does not hold a shutdown open; over a raw socket, as such a client would.
 */
describeApi(
  'clients that never finish',
  (ctx) => {
    /** Opens a socket, writes `head`, then drips a byte every 100 ms; answers when the server closed it and what it said. */
    const drip = async (base: string, head: string) => {
      const { port } = new URL(base);
      const socket: Socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(head);
      const dripping = setInterval(() => socket.writable && socket.write(head.endsWith('\r\n\r\n') ? '1' : 'x'), 100);
      const started = Date.now();
      const closed = new Promise<{ afterMs: number; answer: string }>((resolve) =>
        socket.once('close', () => {
          clearInterval(dripping);
          resolve({ afterMs: Date.now() - started, answer });
        }),
      );
      return { closed, socket };
    };
    const post = () =>
      `POST /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ctx().api.adminKey}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;

    test('when a client drips its body, then the request is cut off at REQUEST_TIMEOUT_MS with 408', async () => {
      const base = await listen(ctx().api.app);
      const { closed } = await drip(base, post());
      const { afterMs, answer } = await closed;
      expect(afterMs).toBeLessThan(6_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    });

    test('when a client drips its headers, then the connection is cut off at HEADERS_TIMEOUT_MS', async () => {
      const base = await listen(ctx().api.app);
      const { closed } = await drip(base, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      const { afterMs, answer } = await closed;
      expect(afterMs).toBeLessThan(5_000);
      expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
    });

    test('when the server closes while a client drips its body, then the close does not wait for it and nothing of it is kept', async () => {
      const base = await listen(ctx().api.app);
      const { closed } = await drip(base, post());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await ctx().api.app.http.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await closed).afterMs).toBeLessThan(2_000);
      expect(await ctx().db.sql.query('SELECT id FROM customers')).toEqual([]);
    });
  },
  { env: { REQUEST_TIMEOUT_MS: '3000', HEADERS_TIMEOUT_MS: '2000' } },
);
