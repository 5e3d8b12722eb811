import { describeApi } from '../helpers/api-suite';
import { CPF } from '../helpers/test-app';

/* docs/operations.md, "Conditional requests": ETag on every resource, If-Match → 412, If-None-Match → 304. */
describeApi('conditional requests', (ctx) => {
  test('when a contract is changed with a stale If-Match, then 412 and nothing changes; with the current one it is applied', async () => {
    const { call } = ctx().api;
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    const url = `/v1/contracts/${contract.id}`;
    const read = await call('GET', url);
    const first = read.headers.etag as string;
    expect(first).toMatch(/^"[A-Za-z0-9_-]{27}"$/);

    const changed = await call('PATCH', url, { body: { description: 'Fibra 500' }, headers: { 'if-match': first } });
    expect(changed.status).toBe(200);
    const second = changed.headers.etag as string;
    expect(second).not.toBe(first);
    expect((await call('GET', url)).headers.etag).toBe(second);

    const stale = await call('PATCH', url, { body: { description: 'Fibra 1000' }, headers: { 'if-match': first } });
    expect(stale).toMatchObject({ status: 412, body: { code: 'PRECONDITION_FAILED' } });
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call('GET', url)).body.description).toBe('Fibra 500');

    expect(
      (await call('PATCH', url, { body: { description: 'Fibra 1000' }, headers: { 'if-match': `W/${second}` } }))
        .status,
    ).toBe(412);
    expect(
      (await call('PATCH', url, { body: { description: 'Fibra 1000' }, headers: { 'if-match': `"x", ${second}` } }))
        .status,
    ).toBe(200);
    expect(
      (await call('PATCH', url, { body: { description: 'Fibra 2000' }, headers: { 'if-match': '*' } })).status,
    ).toBe(200);
  });

  test('when a customer is read again with If-None-Match, then 304 with no body until it changes', async () => {
    const { call } = ctx().api;
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } })).body;
    const url = `/v1/customers/${customer.id}`;
    const etag = (await call('GET', url)).headers.etag as string;
    const same = await call('GET', url, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(same.raw).toBe('');
    expect(same.headers.etag).toBe(etag);
    expect((await call('GET', url, { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(304);
    await call('PATCH', url, { body: { name: 'Maria Souza' } });
    const changed = await call('GET', url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.name).toBe('Maria Souza');
  });

  test('when a resource is deleted with a stale If-Match, then 412 and it stays', async () => {
    const { call } = ctx().api;
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } })).body;
    const url = `/v1/customers/${customer.id}`;
    const etag = (await call('GET', url)).headers.etag as string;
    await call('PATCH', url, { body: { name: 'Maria Souza' } });
    expect((await call('DELETE', url, { headers: { 'if-match': etag } })).status).toBe(412);
    expect((await call('GET', url)).status).toBe(200);
  });

  test('when the overdue policy is replaced with a stale If-Match, then 412', async () => {
    const { call } = ctx().api;
    const read = await call('GET', '/v1/settings/overdue-policy');
    const etag = read.headers.etag as string;
    const policy = (trustReleaseMaxDays: number) => ({
      body: { reportLatePaymentAfterDays: 5, blockAfterDays: 15, cancelAfterDays: 60, trustReleaseMaxDays },
      headers: { 'if-match': etag },
    });
    expect((await call('PUT', '/v1/settings/overdue-policy', policy(5))).status).toBe(200);
    expect(await call('PUT', '/v1/settings/overdue-policy', policy(3))).toMatchObject({ status: 412 });
    expect((await call('GET', '/v1/settings/overdue-policy')).body.trustReleaseMaxDays).toBe(5);
  });
});
