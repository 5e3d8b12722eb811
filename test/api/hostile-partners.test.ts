import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeApi } from '../helpers/api-suite';
import { CPF } from '../helpers/test-app';

/*
 * Issue 24, over real HTTP on 127.0.0.1: partners that answer badly. One "public" partner
 * redirects every call to an internal service, or answers 100 MiB, or a document cut short.
 * Nothing reaches the internal service, every failure is bounded and says what happened, /health
 * keeps answering meanwhile, and no planted secret or document shows in an answer, a log line or
 * a stored text.
 */
const SECRETS = {
  exaPrefix: 'ExaPrefix-HOSTILE-77aa',
  spcPassword: 'SpcSenha-HOSTILE-31bd',
  serasaPassword: 'SerasaSenha-HOSTILE-9c0e',
};
const DOCUMENTS = [CPF, CPF.replace(/\D/g, '')];

const listening = async (handler: (request: IncomingMessage, response: ServerResponse) => void) => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};
const closing = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describeApi('partners that answer badly', (ctx) => {
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  let internal: Awaited<ReturnType<typeof listening>>;
  let partner: Awaited<ReturnType<typeof listening>>;
  const internalHits: string[] = [];
  let streamedBytes = 0;

  beforeEach(async () => {
    internalHits.length = 0;
    streamedBytes = 0;
    internal = await listening((request, response) => {
      internalHits.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    partner = await listening((request, response) => {
      const [, mode] = /^\/(\w+)/.exec(request.url ?? '') ?? [];
      request.resume();
      if (mode === 'redirect') {
        response.writeHead(307, { location: `${internal.base}/steal${request.url}?token=leaked` }).end();
      } else if (mode === 'huge') {
        // 100 MiB, chunked, as long as the client keeps reading.
        const xml = String(request.headers['content-type']).includes('xml');
        response.writeHead(200, { 'content-type': xml ? 'text/xml' : 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, xml ? '<a>x</a>' : '"xxxxxx",');
        response.write(
          xml ? '<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' : '[',
        );
        const more = () => {
          while (streamedBytes < 100 * 1024 * 1024 && !response.destroyed) {
            streamedBytes += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end();
        };
        response.on('error', () => undefined);
        more();
      } else if (mode === 'cut') {
        const xml = String(request.headers['content-type']).includes('xml');
        response.writeHead(200, { 'content-type': xml ? 'text/xml' : 'application/json' });
        response.end(
          xml
            ? '<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:resultado xmlns:ns2="http://webservice.consulta.spcjava.spcbrasil.org/"><sucesso>true</sucesso>'
            : '{"id": "u-1", "status": "act',
        );
      } else {
        response.writeHead(404).end();
      }
    });
  });
  afterEach(async () => {
    await closing(partner.server);
    await closing(internal.server);
  });

  const spc = async (mode: string) =>
    (
      await call('POST', '/v1/credit-integrations', {
        body: {
          bureau: 'spc',
          url: `${partner.base}/${mode}/spc`,
          username: 'provedor',
          password: SECRETS.spcPassword,
        },
      })
    ).body as { id: string };
  const consult = (integrationId: string) =>
    call('POST', '/v1/credit-consultations', { body: { document: CPF, integrationId, purpose: 'Novo contrato' } });

  test('when a partner redirects to an internal address, then no call reaches it: the bureau, the SVA platform and the PBX fail naming where they pointed', async () => {
    const refusedSpc = await consult((await spc('redirect')).id);
    expect(refusedSpc).toMatchObject({
      status: 502,
      body: {
        code: 'PARTNER_AUTH_FAILED',
        detail: expect.stringContaining(`a redirect to ${internal.base}/steal/redirect/spc/consultaWebService`),
      },
    });
    expect(refusedSpc.body.detail).not.toContain('leaked');

    const serasa = (
      await call('POST', '/v1/credit-integrations', {
        body: {
          bureau: 'serasa',
          url: `${partner.base}/redirect/serasa`,
          username: 'provedor',
          password: SECRETS.serasaPassword,
          negativationUsername: 'pefin',
          negativationPassword: SECRETS.serasaPassword,
        },
      })
    ).body;
    expect(await consult(serasa.id)).toMatchObject({ status: 502, body: { code: 'PARTNER_AUTH_FAILED' } });

    const exa = (
      await call('POST', '/v1/sva-integrations', {
        body: {
          platform: 'exa',
          url: `${partner.base}/redirect/exa`,
          prefix: SECRETS.exaPrefix,
          autoCreateUsers: true,
        },
      })
    ).body;
    const product = (
      await call('POST', '/v1/products', {
        body: { name: 'EXA', type: 'sva', priceCents: 990, svaIntegrationId: exa.id, svaPackage: 'EXA-SEG-BASICO' },
      })
    ).body;
    const customer = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, email: 'maria@example.com', mobilePhone: '(11) 98765-4321' },
      })
    ).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId: product.id } });
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    await ctx().api.app.dispatcher.drain();
    const [delivery] = (await call('GET', '/v1/integration-deliveries')).body.items;
    // An integration error an operator must look at: dead at once, not retried against the redirect.
    expect(delivery).toMatchObject({
      status: 'dead',
      lastError: { kind: 'auth', message: expect.stringContaining('partner calls follow no redirect') },
    });

    await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    const pbx = (
      await call('POST', '/v1/pbx', {
        body: { type: 'planetfone', address: `${partner.base}/redirect/pf`, port: 9000 },
      })
    ).body;
    expect(await call('POST', `/v1/pbx/${pbx.id}/test`)).toMatchObject({
      status: 502,
      body: { code: 'PARTNER_AUTH_FAILED' },
    });

    expect(internalHits).toEqual([]);
    await expectNothingShown();
  });

  test('when a bureau answers 100 MiB, then the consult fails bounded and fast, /health answers within a second meanwhile, and little is read', async () => {
    const integration = await spc('huge');
    const pending = consult(integration.id);
    let slowestHealthMs = 0;
    let settled = false;
    void pending.finally(() => (settled = true));
    while (!settled) {
      const started = Date.now();
      expect((await ctx().api.app.http.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      slowestHealthMs = Math.max(slowestHealthMs, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answer = await pending;
    expect(answer).toMatchObject({
      status: 502,
      body: { code: 'PARTNER_REJECTED', detail: expect.stringContaining('larger than the 2 MiB Ponte reads of it') },
    });
    expect(slowestHealthMs).toBeLessThan(1_000);
    expect(streamedBytes).toBeLessThan(20 * 1024 * 1024);
    const stored = await ctx().db.sql.query<{ bytes: number }>(
      `SELECT coalesce(sum(octet_length(coalesce(raw::text, ''))), 0)::int AS bytes FROM credit_consultations`,
    );
    expect(stored[0]!.bytes).toBeLessThan(300 * 1024);
  });

  test('when a bureau answers a SOAP document cut short, then it is not a completed consult with empty data', async () => {
    const answer = await consult((await spc('cut')).id);
    expect(answer).toMatchObject({
      status: 502,
      body: { code: 'PARTNER_UNAVAILABLE', detail: expect.stringContaining('could not be read') },
    });
    expect(
      (await call('GET', '/v1/credit-consultations')).body.items.filter(
        (c: { status: string }) => c.status === 'completed',
      ),
    ).toEqual([]);
  });

  test('when an SVA platform answers JSON cut short or 100 MiB of it, then the user creation fails saying so: retried when cut short, dead when too large', async () => {
    const customer = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, email: 'maria@example.com', mobilePhone: '(11) 98765-4321' },
      })
    ).body;
    for (const mode of ['cut', 'huge']) {
      const exa = (
        await call('POST', '/v1/sva-integrations', {
          body: {
            platform: 'exa',
            url: `${partner.base}/${mode}/exa`,
            prefix: SECRETS.exaPrefix,
            autoCreateUsers: true,
          },
        })
      ).body;
      const product = (
        await call('POST', '/v1/products', {
          body: {
            name: `EXA ${mode}`,
            type: 'sva',
            priceCents: 990,
            svaIntegrationId: exa.id,
            svaPackage: 'EXA-SEG-BASICO',
          },
        })
      ).body;
      const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
      await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId: product.id } });
      await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
      await ctx().api.app.dispatcher.drain();
      const [delivery] = (await call('GET', `/v1/integration-deliveries?contractId=${contract.id}`)).body.items;
      const expected =
        mode === 'huge'
          ? {
              status: 'dead',
              lastError: { kind: 'rejected', message: expect.stringContaining('larger than the 2 MiB') },
            }
          : { status: 'pending', lastError: { kind: 'retryable' } };
      expect({ mode, delivery }).toMatchObject({ mode, delivery: expected });
    }
    expect(streamedBytes).toBeLessThan(20 * 1024 * 1024);
    await expectNothingShown();
  });

  async function expectNothingShown() {
    const planted = [...Object.values(SECRETS), ...DOCUMENTS];
    const stored = await ctx().db.sql.query<{ text: string }>(
      `SELECT coalesce(last_error, '') AS text FROM integration_deliveries
       UNION ALL SELECT coalesce(auth_error, '') || sealed_credentials FROM sva_integrations
       UNION ALL SELECT sealed_credentials FROM credit_integrations`,
    );
    for (const { text } of stored) for (const secret of planted) expect(text).not.toContain(secret);
    const answers =
      JSON.stringify((await call('GET', '/v1/integration-deliveries')).body) +
      JSON.stringify((await call('GET', '/v1/sva-integrations')).body) +
      JSON.stringify((await call('GET', '/v1/credit-integrations')).body);
    for (const secret of planted) expect(answers).not.toContain(secret);
  }
});
