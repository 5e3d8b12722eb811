import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  ANSWER_LIMIT_BYTES,
  createPartnerAgent,
  partnerCall,
  partnerFetch,
  partnerGetWithBody,
  type PartnerHttp,
} from '../../src/adapters/partners/partner-http';
import { PartnerError } from '../../src/domain/ports/partner';

/*
 * The transport against a real server on 127.0.0.1 (no msw): a call's budget bounds the answer and
 * its body, and a call given up lets its connection go.
 */
const timeouts = { connectMs: 100, responseMs: 300 };

interface Partner {
  readonly url: string;
  /** Resolves when the connection of the n-th request (from 1) is closed. */
  closed(n: number): Promise<void>;
  readonly requests: number;
  close(): Promise<void>;
}

async function partner(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<Partner> {
  const closes: Promise<void>[] = [];
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    const socket: Socket = request.socket;
    closes.push(new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve()))));
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    closed: (n) => closes[n - 1]!,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as PartnerError,
  );

describe('a partner call over HTTP', () => {
  let http: PartnerHttp;
  const servers: Partner[] = [];
  const serve = async (answer: Parameters<typeof partner>[0]) => {
    const server = await partner(answer);
    servers.push(server);
    return server;
  };
  beforeEach(() => {
    http = { agent: createPartnerAgent(timeouts), timeouts };
  });
  afterEach(async () => {
    await http.agent.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  test('when the platform answers, then the status and the JSON body come back, and the bytes when asked', async () => {
    const server = await serve((_request, response) =>
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'u1', nome: 'Joana' })),
    );
    expect(
      await partnerCall(http, { method: 'POST', url: `${server.url}/users`, headers: {}, body: { a: 1 } }),
    ).toEqual({ status: 201, body: { id: 'u1', nome: 'Joana' } });
    const raw = await partnerFetch(http, { method: 'GET', url: `${server.url}/audio`, headers: {}, bytes: true });
    expect(raw.bytes?.toString('utf8')).toBe('{"id":"u1","nome":"Joana"}');
  });

  test('when the platform never answers, then the call fails as retryable once its budget is spent, and the connection is let go', async () => {
    const server = await serve(() => undefined);
    const failure = await failureOf(
      partnerCall(http, { method: 'POST', url: `${server.url}/users`, headers: {}, body: {} }),
    );
    expect(failure).toBeInstanceOf(PartnerError);
    expect(failure).toMatchObject({ kind: 'retryable', message: expect.stringContaining('timed out after 400 ms') });
    await server.closed(1);
  });

  test('when the platform sends its headers and then drips the body, then the call fails once its budget is spent and the body is cancelled with its connection', async () => {
    let drip: NodeJS.Timeout | undefined;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // A byte every 50 ms: never idle long enough for the Agent's body timeout, never done.
      drip = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(drip));
    });
    const failure = await failureOf(partnerCall(http, { method: 'GET', url: `${server.url}/packages`, headers: {} }));
    expect(failure).toMatchObject({ kind: 'retryable', message: expect.stringContaining('timed out after 400 ms') });
    await server.closed(1);
    clearInterval(drip);
  });

  test('when the connection breaks in the middle of the body, then the answer is cut off and the call is retryable', async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"id":');
      setTimeout(() => request.socket.destroy(), 20);
    });
    const failure = await failureOf(partnerCall(http, { method: 'GET', url: `${server.url}/users/u1`, headers: {} }));
    expect(failure).toMatchObject({ kind: 'retryable', message: expect.stringContaining('cut off') });
  });

  test('when nothing listens at the address, then the call fails as retryable, naming no address', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await server.close();
    servers.splice(0);
    const failure = await failureOf(partnerCall(http, { method: 'GET', url: `${url}/packages`, headers: {} }));
    expect(failure).toMatchObject({
      kind: 'retryable',
      message: 'No answer from the platform: the connection was refused.',
    });
  });

  test('when the platform redirects, then no call follows it: the internal address is never reached and the integration is told where it pointed', async () => {
    const internal = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    );
    const partnerAt = await serve((_request, response) =>
      response.writeHead(307, { location: `${internal.url}/internal/admin?token=abc` }).end(),
    );
    const redirect = { kind: 'auth', message: expect.stringContaining(`a redirect to ${internal.url}/internal/admin`) };
    expect(
      await failureOf(
        partnerCall(http, {
          method: 'POST',
          url: `${partnerAt.url}/users`,
          headers: {},
          body: { document: '52998224725' },
        }),
      ),
    ).toMatchObject(redirect);
    expect(
      await failureOf(
        partnerFetch(http, { method: 'GET', url: `${partnerAt.url}/recording`, headers: {}, bytes: true }),
      ),
    ).toMatchObject(redirect);
    expect(
      await failureOf(
        partnerGetWithBody(http, { url: `${partnerAt.url}/contacts`, headers: {}, body: { filter: {} } }),
      ),
    ).toMatchObject(redirect);
    expect(
      (await failureOf(partnerCall(http, { method: 'GET', url: `${partnerAt.url}/users`, headers: {} })))?.message,
    ).not.toContain('token=abc');
    expect(internal.requests).toBe(0);
  });

  test('when an answer is larger than the limit, announced or not, then the call fails as rejected and its body is let go', async () => {
    const huge = ANSWER_LIMIT_BYTES + 1024;
    const announced = await serve((_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/json', 'content-length': String(huge) })
        .end(' '.repeat(huge)),
    );
    const endless = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const tooLarge = { kind: 'rejected', message: expect.stringContaining('larger than the 2 MiB Ponte reads of it') };
    expect(
      await failureOf(partnerCall(http, { method: 'GET', url: `${announced.url}/consult`, headers: {} })),
    ).toMatchObject(tooLarge);
    expect(
      await failureOf(partnerCall(http, { method: 'GET', url: `${endless.url}/consult`, headers: {} })),
    ).toMatchObject(tooLarge);
    await endless.closed(1);
    expect(
      await failureOf(partnerGetWithBody(http, { url: `${endless.url}/contacts`, headers: {}, body: {} })),
    ).toMatchObject(tooLarge);
    await endless.closed(2);
    // A call that says it takes more reads more.
    const slower = { connectMs: 1000, responseMs: 5000 };
    const roomy: PartnerHttp = { agent: createPartnerAgent(slower), timeouts: slower };
    const page = JSON.stringify({
      calls: Array.from({ length: 30_000 }, (_, i) => ({ id: `c${i}`, from: '+5511987654321', seconds: i })),
      nextPage: null,
    });
    const pages = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(page),
    );
    const answer = await partnerCall(roomy, {
      method: 'GET',
      url: `${pages.url}/calls`,
      headers: {},
      maxBytes: 8 * 1024 * 1024,
    });
    expect((answer.body as { calls: unknown[] }).calls).toHaveLength(30_000);
    await roomy.agent.close();
  });

  test('when an answer holds a NUL or an unpaired surrogate, then the call fails as rejected, saying where', async () => {
    const server = await serve((request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(request.url === '/nul' ? '{"user":{"name":"Jo\\u0000ana"}}' : '{"items":["ok","\\ud800"]}'),
    );
    expect(await failureOf(partnerCall(http, { method: 'GET', url: `${server.url}/nul`, headers: {} }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('(at /user/name)'),
    });
    expect(
      await failureOf(partnerCall(http, { method: 'GET', url: `${server.url}/surrogate`, headers: {} })),
    ).toMatchObject({ kind: 'rejected', message: expect.stringContaining('(at /items/1)') });
  });
});
