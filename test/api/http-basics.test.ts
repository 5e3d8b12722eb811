import { describeApi } from '../helpers/api-suite';
import { CPF, OTHER_CPF } from '../helpers/test-app';

describeApi('HTTP basics', (ctx) => {
  test('when health and readiness are asked without a key, then both answer', async () => {
    expect((await ctx().api.call('GET', '/health', { key: null })).body).toEqual({ status: 'ok' });
    expect((await ctx().api.call('GET', '/ready', { key: null })).body).toEqual({ status: 'ready' });
  });

  test('when a day or an instant of year 0000 (valid ISO 8601, no PostgreSQL date) is sent, then 400 naming the field, not a 500', async () => {
    const call = ctx().api.call;
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    expect(await call('GET', '/v1/overdue/preview?date=0000-01-01')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'date' }] },
    });
    expect(
      await call('POST', `/v1/contracts/${contract.id}/charges`, {
        body: { amountCents: 100, dueDate: '0000-01-01', competence: '2026-11' },
      }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'dueDate' }] } });
    const charge = (
      await call('POST', `/v1/contracts/${contract.id}/charges`, {
        body: { amountCents: 100, dueDate: '2026-11-10', competence: '2026-11' },
      })
    ).body;
    expect(
      await call('POST', `/v1/charges/${charge.id}/payments`, {
        body: { amountCents: 100, paidAt: '0000-01-01T00:00:00Z' },
      }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'paidAt' }] } });
    expect((await call('GET', `/v1/charges/${charge.id}`)).body.payments).toEqual([]);
  });

  test('when no key or an unknown key is sent, then 401', async () => {
    for (const key of [null, 'ponte_not-a-real-key']) {
      const response = await ctx().api.call('GET', '/v1/customers', { key });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  test('when a key lacks the scope, then 403; a write scope also reads its area', async () => {
    const reader = await ctx().api.keyWith('reader', ['customers:read']);
    expect((await ctx().api.call('GET', '/v1/customers', { key: reader })).status).toBe(200);
    const refused = await ctx().api.call('POST', '/v1/customers', { key: reader, body: { name: 'A', document: CPF } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('customers:write');
    const writer = await ctx().api.keyWith('writer', ['contracts:write']);
    expect((await ctx().api.call('GET', '/v1/contracts', { key: writer })).status).toBe(200);
    expect((await ctx().api.call('GET', '/v1/api-keys', { key: writer })).status).toBe(403);
  });

  test('when an API key is created, then its secret shows once and never again, and deleting it revokes it', async () => {
    const created = await ctx().api.call('POST', '/v1/api-keys', { body: { name: 'erp', scopes: ['contracts:read'] } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^ponte_/);
    const listed = await ctx().api.call('GET', '/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect((await ctx().api.call('GET', '/v1/contracts', { key: created.body.key })).status).toBe(200);
    expect((await ctx().api.call('DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await ctx().api.call('GET', '/v1/contracts', { key: created.body.key })).status).toBe(401);
    const stored = await ctx().db.sql.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(JSON.stringify(stored)).not.toContain(ctx().api.adminKey);
  });

  test.each<[string, { rawBody?: string; body?: unknown }, string, string | null]>([
    ['malformed JSON', { rawBody: '{"name": "A", ' }, 'MALFORMED_JSON', null],
    ['a wrong type', { body: { name: 42, document: CPF } }, 'VALIDATION_FAILED', 'name'],
    ['an unknown field', { body: { name: 'A', document: CPF, isVip: true } }, 'VALIDATION_FAILED', 'isVip'],
    ['a missing field', { body: { name: 'A' } }, 'VALIDATION_FAILED', 'document'],
    ['a JSON array', { rawBody: '[1, 2]' }, 'VALIDATION_FAILED', null],
  ])('when the body has %s, then 400 with a stable code', async (_title, request, code, field) => {
    const response = await ctx().api.call('POST', '/v1/customers', request);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  test('when the body is huge, then 413', async () => {
    const response = await ctx().api.call('POST', '/v1/customers', {
      body: { name: 'x'.repeat(2_000_000), document: CPF },
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('when the body is not JSON, then 415', async () => {
    const response = await ctx().api.call('POST', '/v1/customers', {
      rawBody: 'name=A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  test('when an id is not a UUID, then 400 names it; when it is unknown, then 404', async () => {
    const bad = await ctx().api.call('GET', '/v1/contracts/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    const unknown = await ctx().api.call('GET', '/v1/contracts/0195f3a0-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CONTRACT_NOT_FOUND');
  });

  test('when input is wrong, then each bad field gets one message in words: allowed values listed, no regexes, a nullable field judged by its own rule', async () => {
    const body = await ctx().api.call('POST', '/v1/customers', {
      body: { name: 'A', document: '52998224725', email: 'not-an-address', mobilePhone: 5, extra: 1 },
    });
    expect(body.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'The body is not valid.' });
    expect(body.body.errors).toHaveLength(3);
    expect(body.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'Must be an e-mail address.' },
        { field: 'mobilePhone', message: 'Must be a string or null.' },
        { field: 'extra', message: 'Unknown field.' },
      ]),
    );
    const product = await ctx().api.call('POST', '/v1/products', { body: { name: 'TV', type: 'tv', priceCents: -1 } });
    expect(product.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'type', message: 'Must be one of: internet, sva, voip, mvno, stfc.' },
        { field: 'priceCents', message: 'Must be at least 0.' },
      ]),
    );
    const path = await ctx().api.call('GET', '/v1/customers/abc');
    expect(path.body).toMatchObject({
      detail: 'The path is not valid.',
      errors: [{ field: 'id', message: 'Must be an id: a UUID in its canonical hyphenated form.' }],
    });
    const query = await ctx().api.call('GET', '/v1/contracts?status=foo');
    expect(query.body).toMatchObject({
      detail: 'The query string is not valid.',
      errors: [{ field: 'status', message: expect.stringContaining('Must be one of: pre_contract, active') }],
    });
    for (const response of [body, product, path, query]) {
      for (const error of response.body.errors) expect(error.message).not.toMatch(/\^|\$"|must /);
    }
  });

  test('when a problem type URI is followed, then Ponte serves a page saying what the code means; an unknown one is a 404 problem', async () => {
    const conflict = await ctx().api.call(
      'DELETE',
      `/v1/api-keys/${(await ctx().api.call('GET', '/v1/api-keys')).body.items[0].id}`,
    );
    expect(conflict.body).toMatchObject({ code: 'LAST_ADMIN_KEY', type: '/problems/last-admin-key' });
    const page = await ctx().api.call('GET', conflict.body.type, { key: '' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.raw).toContain('LAST_ADMIN_KEY');
    expect(page.raw).toContain('HTTP 409');
    const index = await ctx().api.call('GET', '/problems', { key: '' });
    expect(index.raw).toContain('/problems/customer-document-taken');
    expect((await ctx().api.call('GET', '/problems/no-such-code')).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  test('when query parameters are out of range or the cursor is forged, then 400', async () => {
    expect((await ctx().api.call('GET', '/v1/customers?limit=0')).status).toBe(400);
    expect((await ctx().api.call('GET', '/v1/customers?limit=abc')).status).toBe(400);
    expect((await ctx().api.call('GET', '/v1/customers?cursor=bm9wZQ')).body.code).toBe('INVALID_CURSOR');
    expect((await ctx().api.call('GET', '/v1/customers?document=123')).status).toBe(400);
  });

  test('when a route does not exist, then 404 problem', async () => {
    const response = await ctx().api.call('GET', '/v1/nothing-here', { outsideContract: true });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  test('when a create is replayed with the same Idempotency-Key and body, then the first answer comes back and nothing is created twice', async () => {
    const headers = { 'idempotency-key': 'create-maria-1' };
    const first = await ctx().api.call('POST', '/v1/customers', { headers, body: { name: 'Maria', document: CPF } });
    const replay = await ctx().api.call('POST', '/v1/customers', { headers, body: { name: 'Maria', document: CPF } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await ctx().api.call('GET', '/v1/customers')).body.items).toHaveLength(1);
  });

  test('when the same Idempotency-Key comes with another body, then 422', async () => {
    const headers = { 'idempotency-key': 'create-1' };
    await ctx().api.call('POST', '/v1/customers', { headers, body: { name: 'Maria', document: CPF } });
    const response = await ctx().api.call('POST', '/v1/customers', {
      headers,
      body: { name: 'João', document: OTHER_CPF },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('when a contract event is replayed with its Idempotency-Key, then it is applied once', async () => {
    const customer = await ctx().api.call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } });
    const contract = await ctx().api.call('POST', '/v1/contracts', { body: { customerId: customer.body.id } });
    const send = () =>
      ctx().api.call('POST', `/v1/contracts/${contract.body.id}/events`, {
        headers: { 'idempotency-key': 'activate-1' },
        body: { type: 'activate' },
      });
    const [first, second] = [await send(), await send()];
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.event.id).toBe(first.body.event.id);
    expect((await ctx().api.call('GET', `/v1/contracts/${contract.body.id}/events`)).body.items).toHaveLength(1);
  });

  describe('hostile input (docs/security.md)', () => {
    const URN = 'urn:uuid:01a20000-0000-7000-8000-000000000000';

    test('when an id is not a canonical UUID, in a path, a body or a query, then 400 names the field', async () => {
      const call = ctx().api.call;
      expect((await call('GET', `/v1/customers/${encodeURIComponent(URN)}`)).body).toMatchObject({
        status: 400,
        errors: [{ field: 'id' }],
      });
      expect((await call('POST', '/v1/contracts', { body: { customerId: URN } })).body).toMatchObject({
        status: 400,
        errors: [{ field: 'customerId' }],
      });
      expect(
        (await call('POST', '/v1/contracts/bulk-events', { body: { type: 'block', contractIds: [URN] } })).body,
      ).toMatchObject({ status: 400, errors: [{ field: 'contractIds/0' }] });
      expect((await call('GET', `/v1/contracts?customerId=${encodeURIComponent(URN)}`)).body).toMatchObject({
        status: 400,
        errors: [{ field: 'customerId' }],
      });
    });

    test('when stored text holds a NUL or another control character, then 400 names the field; free text keeps its line breaks', async () => {
      const call = ctx().api.call;
      expect(
        (await call('POST', '/v1/customers', { body: { name: 'Maria\u0000', document: CPF } })).body,
      ).toMatchObject({ status: 400, errors: [{ field: 'name' }] });
      expect(
        (await call('POST', '/v1/products', { body: { name: 'Fibra\u001b', type: 'internet', priceCents: 1 } })).body,
      ).toMatchObject({ status: 400, errors: [{ field: 'name' }] });
      expect((await call('GET', `/v1/customers?name=${encodeURIComponent('a\u0000')}`)).body).toMatchObject({
        status: 400,
        errors: [{ field: 'name' }],
      });
      const customer = await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } });
      const contract = await call('POST', '/v1/contracts', {
        body: { customerId: customer.body.id, description: 'linha 1\nlinha 2\tfim' },
      });
      expect(contract.body.description).toBe('linha 1\nlinha 2\tfim');
      expect(
        (
          await call('POST', `/v1/contracts/${contract.body.id}/events`, {
            body: { type: 'activate', reason: 'ok\u0000' },
          })
        ).body,
      ).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
    });

    test('when a credential holds whitespace or a control character, then 400 and nothing is stored', async () => {
      const response = await ctx().api.call('POST', '/v1/sva-integrations', {
        body: { platform: 'saber_plus', token: 'abc\ndef' },
      });
      expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'token' }] });
      expect(response.raw).not.toContain('abc');
      expect((await ctx().api.call('GET', '/v1/sva-integrations')).body.items).toEqual([]);
    });

    test('when a path parameter is longer than any id, then 414 as problem+json', async () => {
      const response = await ctx().api.call('GET', `/v1/customers/${'a'.repeat(150)}`);
      expect(response.status).toBe(414);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('URI_TOO_LONG');
    });
  });

  describe('smaller gaps', () => {
    test('when a client sends a plain X-Request-Id it is echoed; anything else is replaced by a new id', async () => {
      const plain = await ctx().api.call('GET', '/v1/customers', { headers: { 'x-request-id': 'pedido-123.abc' } });
      expect(plain.headers['x-request-id']).toBe('pedido-123.abc');
      for (const hostile of ['a b', 'x'.repeat(65), '<script>']) {
        const replaced = await ctx().api.call('GET', '/v1/customers', { headers: { 'x-request-id': hostile } });
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    test('when the last admin key is revoked, then 409 LAST_ADMIN_KEY; with another admin key it can go', async () => {
      const keys = (await ctx().api.call('GET', '/v1/api-keys')).body.items as { id: string; scopes: string[] }[];
      const [admin] = keys.filter((k) => k.scopes.includes('admin'));
      const refused = await ctx().api.call('DELETE', `/v1/api-keys/${admin!.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('LAST_ADMIN_KEY');
      const other = await ctx().api.keyWith('second-admin', ['admin']);
      expect((await ctx().api.call('DELETE', `/v1/api-keys/${admin!.id}`, { key: other })).status).toBe(204);
    });

    test('when a known path is called with a wrong method, then 405 with Allow', async () => {
      const response = await ctx().api.call('PUT', '/v1/customers', { body: {}, outsideContract: true });
      expect(response.status).toBe(405);
      expect(response.body.code).toBe('METHOD_NOT_ALLOWED');
      expect(String(response.headers.allow).split(', ').sort()).toEqual(expect.arrayContaining(['GET', 'POST']));
    });
  });
});
