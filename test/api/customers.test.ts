import { describeApi } from '../helpers/api-suite';
import { ALPHANUMERIC_CNPJ, CNPJ, CPF, MOBILE, OTHER_CPF } from '../helpers/test-app';

describeApi('customers', (ctx) => {
  const create = (body: Record<string, unknown>) => ctx().api.call('POST', '/v1/customers', { body });

  test('when a customer is created with usual written forms, then document and phones are stored normalised', async () => {
    const created = await create({
      name: 'Maria Souza',
      document: CPF,
      email: 'Maria@Example.com',
      mobilePhone: MOBILE,
      phones: ['(48) 3222-1000'],
      address: { street: 'Rua A', number: '10', city: 'Florianópolis', state: 'sc', postalCode: '88010-000' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      document: '52998224725',
      documentType: 'cpf',
      email: 'maria@example.com',
      mobilePhone: '+5511912345678',
      phones: ['+554832221000'],
      address: { state: 'SC', postalCode: '88010000' },
    });
    const read = await ctx().api.call('GET', `/v1/customers/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  test('when the document is an alphanumeric CNPJ, then it is accepted as a company', async () => {
    const created = await create({ name: 'Provedor Ltda', document: ALPHANUMERIC_CNPJ });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ document: '12ABC34501DE35', documentType: 'cnpj' });
  });

  test('when document and mobile phone are wrong, then one 400 lists both fields', async () => {
    const response = await create({ name: 'X', document: '529.982.247-24', mobilePhone: '(11) 3123-4567' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['document', 'mobilePhone']);
  });

  test('when a second customer uses the same document in another form, then 409 names the document', async () => {
    const first = await create({ name: 'A', document: CPF });
    const response = await create({ name: 'B', document: '52998224725' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'CUSTOMER_DOCUMENT_TAKEN',
      errors: [{ field: 'document' }],
      existingId: first.body.id,
    });
    expect(response.body.detail).toContain(first.body.id);

    // Changing another customer's document to it names the holder too.
    const other = await create({ name: 'C', document: OTHER_CPF });
    const changed = await ctx().api.call('PATCH', `/v1/customers/${other.body.id}`, { body: { document: CPF } });
    expect(changed.body).toMatchObject({ status: 409, code: 'CUSTOMER_DOCUMENT_TAKEN', existingId: first.body.id });
  });

  test('when customers are filtered by name, document or phone, then only matches come back', async () => {
    const maria = await create({ name: 'Maria Souza', document: CPF, mobilePhone: MOBILE });
    const joao = await create({ name: 'João Lima', document: OTHER_CPF, phones: ['(48) 3222-1000'] });
    await create({ name: 'Empresa', document: CNPJ });
    const ids = async (query: string) =>
      (await ctx().api.call('GET', `/v1/customers?${query}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('name=souza')).toEqual([maria.body.id]);
    expect(await ids(`document=${encodeURIComponent('529.982.247-25')}`)).toEqual([maria.body.id]);
    expect(await ids('phone=11912345678')).toEqual([maria.body.id]);
    expect(await ids(`phone=${encodeURIComponent('+55 48 3222-1000')}`)).toEqual([joao.body.id]);
  });

  test('when customers are listed page by page, then every customer comes once and the last page says so', async () => {
    const documents = ['52998224725', '11144477735', '11222333000181', '12ABC34501DE35', '39053344705'];
    for (const [i, document] of documents.entries()) await create({ name: `C${i}`, document });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await ctx().api.call(
        'GET',
        `/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
  });

  test('when a customer is patched, then only the given fields change', async () => {
    const created = await create({ name: 'Maria', document: CPF, email: 'm@example.com' });
    const patched = await ctx().api.call('PATCH', `/v1/customers/${created.body.id}`, {
      body: { mobilePhone: '+55 (21) 98888-7777', email: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Maria', mobilePhone: '+5521988887777', email: null });
  });

  test('when a customer has a contract, then it cannot be deleted; without one it can', async () => {
    const customer = await create({ name: 'Maria', document: CPF });
    await ctx().api.call('POST', '/v1/contracts', { body: { customerId: customer.body.id } });
    const refused = await ctx().api.call('DELETE', `/v1/customers/${customer.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CUSTOMER_HAS_CONTRACTS');

    const other = await create({ name: 'João', document: OTHER_CPF });
    expect((await ctx().api.call('DELETE', `/v1/customers/${other.body.id}`)).status).toBe(204);
    expect((await ctx().api.call('GET', `/v1/customers/${other.body.id}`)).status).toBe(404);
  });
});
