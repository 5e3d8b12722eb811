import type { Database } from '../../src/adapters/db/database';
import { buildApp, type App } from '../../src/app/build-app';
import { loadConfig } from '../../src/app/config';
import { openTestDatabase } from '../helpers/databases';
import { EXA_PREFIX, usePartners } from '../helpers/partners';
import { EXA_URL, MOBILE, TEST_ENV } from '../helpers/test-app';

/*
 * docs/security.md: secrets never appear in answers, logs, error details or stored error
 * messages, and documents never in logs. Known secrets and documents are planted, every operation
 * is driven (failures of the platforms included), and every answer, every log line at debug level
 * and every stored text is searched for them.
 */

const SECRETS = {
  token: 'SaberToken-LEAK-7f3a9',
  rotated: 'SaberToken-LEAK-rotated-2b',
  prefix: 'ExaPrefix-LEAK-91c2',
  password: 'Senha-LEAK-55xx',
};
const DOCUMENTS = ['529.982.247-25', '52998224725', '11.222.333/0001-81', '11222333000181'];

const partners = usePartners();

describe('planted secrets and documents [pglite]', () => {
  let db: Database;
  let app: App;
  const log: string[] = [];
  const answers: { what: string; text: string }[] = [];
  let adminKey = '';

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    app = await buildApp({
      config: loadConfig({ ...TEST_ENV, LOG_LEVEL: 'debug' }),
      db,
      overrides: { logStream: { write: (line) => log.push(line) } },
    });
    await app.http.ready();
    const admin = await app.useCases.apiKeys.createApiKey({ name: 'leak-admin', scopes: ['admin'] });
    if (!admin.ok) throw new Error('admin key');
    adminKey = admin.value.key;
  });
  afterAll(async () => {
    await app.http.close();
    await db.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, key = adminKey) => {
    const response = await app.http.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    answers.push({
      what: `${method} ${url} → ${response.statusCode}`,
      text: `${JSON.stringify(response.headers)}\n${response.body}`,
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };

  test('when every operation runs with planted secrets and documents, through partner failures, then no answer, log line or stored error shows them', async () => {
    for (const credential of [SECRETS.token, SECRETS.rotated]) partners().saberPlus.tenants.set(credential, new Map());
    partners().exa.tenants.set(SECRETS.prefix, new Map());

    const created = await call('POST', '/v1/api-keys', { name: 'operador', scopes: ['contracts:write'] });
    const operatorSecret = created.body.key as string;
    answers.pop(); // the one answer that shows a key's secret, once, by design
    await call('GET', '/v1/api-keys');

    const customer = (
      await call('POST', '/v1/customers', {
        name: 'Maria Silva',
        document: DOCUMENTS[0],
        email: 'maria@example.com',
        mobilePhone: MOBILE,
      })
    ).body;
    const company = (await call('POST', '/v1/customers', { name: 'Empresa', document: DOCUMENTS[2] })).body;
    await call('GET', `/v1/customers?document=${encodeURIComponent(DOCUMENTS[0]!)}`);
    await call('GET', `/v1/customers?docu%6Dent=${DOCUMENTS[1]}`);
    await call('GET', `/v1/customers/${DOCUMENTS[1]}`);
    await call('GET', `/v1/customers/${customer.id}`);
    await call('PATCH', `/v1/customers/${customer.id}`, { phones: ['(11) 3333-4444'] });
    await call('DELETE', `/v1/customers/${company.id}`);

    const saber = (await call('POST', '/v1/sva-integrations', { platform: 'saber_plus', token: SECRETS.token })).body;
    const exa = (
      await call('POST', '/v1/sva-integrations', {
        platform: 'exa',
        url: EXA_URL,
        prefix: SECRETS.prefix,
        autoCreateUsers: true,
      })
    ).body;
    await call('GET', '/v1/sva-integrations');
    await call('GET', `/v1/sva-integrations/${saber.id}/packages`);
    const saberProduct = (
      await call('POST', '/v1/products', {
        name: 'Saber+',
        type: 'sva',
        priceCents: 990,
        svaIntegrationId: saber.id,
        svaPackage: 'SABER-FAMILIA',
      })
    ).body;
    const exaProduct = (
      await call('POST', '/v1/products', {
        name: 'EXA',
        type: 'sva',
        priceCents: 990,
        svaIntegrationId: exa.id,
        svaPackage: 'EXA-SEG-BASICO',
      })
    ).body;
    await call('PATCH', `/v1/products/${exaProduct.id}`, { priceCents: 1090 });
    await call('GET', '/v1/products');

    const contract = (
      await call('POST', '/v1/contracts', { customerId: customer.id, description: `CPF ${DOCUMENTS[0]} no contrato` })
    ).body;
    await call('POST', `/v1/contracts/${contract.id}/products`, { productId: saberProduct.id });
    await call('POST', `/v1/contracts/${contract.id}/products`, { productId: exaProduct.id });
    await call('POST', `/v1/contracts/${contract.id}/events`, {
      type: 'activate',
      reason: `pedido do titular ${DOCUMENTS[1]}`,
    });
    await call('GET', `/v1/contracts/${contract.id}/events`);
    const user = (
      await call('POST', `/v1/contracts/${contract.id}/sva-users`, {
        productId: saberProduct.id,
        useCustomerData: true,
        password: SECRETS.password,
      })
    ).body;
    await call('GET', `/v1/contracts/${contract.id}/sva-users`, undefined, operatorSecret);
    await call('PATCH', `/v1/sva-users/${user.id}`, { password: `${SECRETS.password}-2` });

    // The platforms fail in every way they can: down, slow, refusing, and the credentials revoked.
    partners().saberPlus.setFaults({
      script: ['5xx', 'timeout', { status: 422, body: { erro: true, mensagem: 'Celular inválido' } }],
      hangMs: 600,
    });
    partners().exa.revoked.add(SECRETS.prefix);
    await app.dispatcher.drain();
    await call('POST', '/v1/contracts/bulk-events', { type: 'block', mode: 'automatic', contractIds: [contract.id] });
    await app.dispatcher.drain();
    const deliveries = (await call('GET', '/v1/integration-deliveries')).body.items as { id: string }[];
    for (const delivery of deliveries) await call('GET', `/v1/integration-deliveries/${delivery.id}`);
    await call('POST', `/v1/integration-deliveries/${deliveries[0]!.id}/retry`);
    await call('PATCH', `/v1/sva-integrations/${saber.id}`, { token: SECRETS.rotated });
    await call('PATCH', `/v1/sva-integrations/${exa.id}`, { prefix: EXA_PREFIX });
    await call('GET', `/v1/sva-integrations/${exa.id}`);
    await call('POST', `/v1/sva-users/${user.id}/deactivate`);
    await call('POST', `/v1/sva-users/${user.id}/activate`);
    await call('DELETE', `/v1/sva-users/${user.id}`);
    await app.dispatcher.drain();
    await call('DELETE', `/v1/api-keys/${created.body.id}`);
    await call('GET', '/health');

    const secrets = [...Object.values(SECRETS), `${SECRETS.password}-2`, adminKey, operatorSecret];
    for (const { what, text } of answers)
      for (const secret of secrets) if (text.includes(secret)) throw new Error(`${what} shows a secret`);
    const output = log.join('');
    // Requests are logged, with the document in the path masked rather than the line lost.
    expect(output).toContain('"url":"/v1/customers/[document]"');
    for (const planted of [...secrets, ...DOCUMENTS])
      if (output.includes(planted)) throw new Error(`the log shows ${planted.slice(0, 4)}…`);
    const stored = await db.sql.query<{ text: string }>(
      `SELECT coalesce(last_error, '') AS text FROM integration_deliveries
       UNION ALL SELECT coalesce(auth_error, '') || sealed_credentials FROM sva_integrations
       UNION ALL SELECT coalesce(sealed_password, '') FROM sva_users
       UNION ALL SELECT response_body::text FROM idempotency_keys
       UNION ALL SELECT key_hash || prefix FROM api_keys`,
    );
    for (const { text } of stored)
      for (const secret of secrets) if (text.includes(secret)) throw new Error('a stored text shows a secret');
    expect(deliveries.length).toBeGreaterThan(0);
  }, 60_000);
});
