import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOpaSuitePlatform } from '../../src/adapters/partners/opa-suite/opa-suite-platform';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { OpaSuiteSimulator, SANDBOX_TEMPLATES } from '../../src/adapters/sandbox/opa-suite/simulator';

/* docs/partners.md, Opa! Suite: 200 with status "error", 401 after token regeneration, 403, wrong variable count, phone without +55, 5xx, slow answers; lists are GETs with a JSON body. */
const URL = 'https://atendimento.provedor.test/api/v1';
const TOKEN = 'opa-token-123';
const CHANNEL = '64b0c0ffee00000000000c01';
const BLOCK = SANDBOX_TEMPLATES[1]!;
const timeouts = { connectMs: 200, responseMs: 300 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};
afterAll(() => partnerHttp.agent.close());
const message = (overrides: Record<string, unknown> = {}) => ({
  phone: '+5511987654321',
  name: 'Maria Souza',
  templateId: BLOCK._id,
  variables: ['Maria', 'contrato 42'],
  channelId: CHANNEL,
  ...overrides,
});

describe('the Opa! Suite adapter against its simulator', () => {
  const server = setupServer();
  let opa: OpaSuiteSimulator;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    opa = new OpaSuiteSimulator((token) => token === TOKEN);
    server.resetHandlers(...opa.handlers(URL));
  });
  afterAll(() => server.close());
  const platform = (token = TOKEN) => createOpaSuitePlatform({ baseUrl: URL, token, http: partnerHttp });

  test('when a template is sent, then Opa! Suite gets the contact, the template with its variables and the channel, and answers its message id', async () => {
    const { messageId } = await platform().sendTemplate(message());
    expect(opa.messages).toEqual([
      expect.objectContaining({
        messageSentId: messageId,
        to: '+5511987654321',
        name: 'Maria Souza',
        templateId: BLOCK._id,
        variables: ['Maria', 'contrato 42'],
        channel: CHANNEL,
      }),
    ]);
  });

  test('when Opa! Suite answers 200 with status "error", then the send is rejected with its message', async () => {
    opa.businessErrors.push('Canal desconectado');
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('Canal desconectado'),
    });
    expect(opa.messages).toEqual([]);
  });

  test('when the variable count does not match the template, or the phone lacks +55, then the send is rejected with the reason', async () => {
    await expect(platform().sendTemplate(message({ variables: ['Maria'] }))).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('espera 2 variáveis'),
    });
    await expect(platform().sendTemplate(message({ phone: '11987654321' }))).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('+55'),
    });
  });

  test('when the token was regenerated, then the old one is refused (401) as an auth failure; a network outside the token group (403) too', async () => {
    opa.regenerateToken(TOKEN);
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('401'),
    });
    opa = new OpaSuiteSimulator((token) => token === TOKEN);
    server.resetHandlers(...opa.handlers(URL));
    opa.setFaults({
      script: [{ status: 403, body: { status: 'error', code: 403, data: { message: 'Invalid permissions profile' } } }],
    });
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('Invalid permissions profile'),
    });
  });

  test('when Opa! Suite fails (5xx) or answers too slowly, then the failure is retryable', async () => {
    opa.setFaults({ script: ['5xx'] });
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({ kind: 'retryable' });
    server.use(
      http.post(`${URL}/template/send`, async () => {
        await delay('infinite');
        return HttpResponse.json({ status: 'success', code: 200, data: { messageSentId: 'late' } });
      }),
    );
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('timed out'),
    });
  });

  test('when the answer is success without a message id, then it cannot be read and is retried', async () => {
    server.use(http.post(`${URL}/template/send`, () => HttpResponse.json({ status: 'success', code: 200, data: {} })));
    await expect(platform().sendTemplate(message())).rejects.toMatchObject({ kind: 'retryable' });
  });
});

describe('the Opa! Suite template list: a GET with a JSON body, over real HTTP', () => {
  const received: { method: string; body: string; authorization: string | undefined }[] = [];
  const templates = Array.from({ length: 1001 }, (_, i) => ({
    _id: i.toString(16).padStart(24, '0'),
    nome: `Template ${i}`,
    variaveis: ['a', 'b'],
  }));
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => resolve(body));
    });
  const server = createServer((request, response) => void answer(request, response));
  async function answer(request: IncomingMessage, response: ServerResponse) {
    const body = await read(request);
    received.push({ method: request.method!, body, authorization: request.headers.authorization });
    const { options } = JSON.parse(body) as { options: { limit: number; skip: number } };
    response.setHeader('content-type', 'application/json');
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.statusCode = 401;
      return response.end(JSON.stringify({ status: 'error', code: 401, data: { message: 'Token inválido' } }));
    }
    response.end(
      JSON.stringify({
        status: 'success',
        code: 200,
        data: templates.slice(options.skip, options.skip + options.limit),
      }),
    );
  }
  let base: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  test('when the templates are listed, then each page is a GET carrying {filter, options} in its body, until a short page', async () => {
    const listed = await createOpaSuitePlatform({ baseUrl: base, token: TOKEN, http: partnerHttp }).listTemplates();
    expect(listed).toHaveLength(1001);
    expect(listed[0]).toEqual({ id: templates[0]!._id, name: 'Template 0', variableCount: 2 });
    expect(received.map((r) => [r.method, JSON.parse(r.body)])).toEqual([
      ['GET', { filter: {}, options: { limit: 1000, skip: 0 } }],
      ['GET', { filter: {}, options: { limit: 1000, skip: 1000 } }],
    ]);
  });

  test('when the token is refused, then listing fails as an auth failure', async () => {
    await expect(
      createOpaSuitePlatform({ baseUrl: base, token: 'wrong', http: partnerHttp }).listTemplates(),
    ).rejects.toMatchObject({ kind: 'auth' });
  });
});
