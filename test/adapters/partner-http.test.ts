import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createPartnerAgent, partnerCall, partnerFetch, type PartnerHttp } from '../../src/adapters/partners/partner-http';
import { PartnerError } from '../../src/domain/ports/sva-platform';

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

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as PartnerError);

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
    const server = await serve((_request, response) => response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'u1', nome: 'Joana' })));
    expect(await partnerCall(http, { method: 'POST', url: `${server.url}/users`, headers: {}, body: { a: 1 } })).toEqual({ status: 201, body: { id: 'u1', nome: 'Joana' } });
    const raw = await partnerFetch(http, { method: 'GET', url: `${server.url}/audio`, headers: {}, bytes: true });
    expect(raw.bytes?.toString('utf8')).toBe('{"id":"u1","nome":"Joana"}');
  });

  test('when the platform never answers, then the call fails as retryable once its budget is spent, and the connection is let go', async () => {
    const server = await serve(() => undefined);
    const failure = await failureOf(partnerCall(http, { method: 'POST', url: `${server.url}/users`, headers: {}, body: {} }));
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
    expect(failure).toMatchObject({ kind: 'retryable', message: 'No answer from the platform: the connection was refused.' });
  });
});
