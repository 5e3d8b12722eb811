import { describeApi } from '../helpers/api-suite';
import { CPF } from '../helpers/test-app';

describeApi('contracts and their lifecycle', (ctx) => {
  const newContract = async () => {
    const customer = await ctx().api.call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } });
    const contract = await ctx().api.call('POST', '/v1/contracts', {
      body: { customerId: customer.body.id, billingDay: 10 },
    });
    expect(contract.status).toBe(201);
    return contract.body as { id: string };
  };
  const event = (id: string, body: Record<string, unknown>, key?: string) =>
    ctx().api.call('POST', `/v1/contracts/${id}/events`, { body, ...(key ? { key } : {}) });

  test('when a contract is approved, then it says so from then on; approving again changes nothing and a closed contract cannot be approved', async () => {
    const { id } = await newContract();
    expect((await ctx().api.call('GET', `/v1/contracts/${id}`)).body).toMatchObject({
      approved: false,
      approvedAt: null,
    });
    const approved = await ctx().api.call('POST', `/v1/contracts/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ approved: true, approvedAt: expect.any(String) });
    const again = await ctx().api.call('POST', `/v1/contracts/${id}/approve`);
    expect(again.body.approvedAt).toBe(approved.body.approvedAt);
    expect((await ctx().api.call('GET', `/v1/contracts/${id}`)).body).toMatchObject({
      approved: true,
      approvedAt: approved.body.approvedAt,
    });
    const customerId = (await ctx().api.call('GET', `/v1/contracts/${id}`)).body.customerId as string;
    const other = (await ctx().api.call('POST', '/v1/contracts', { body: { customerId } })).body as { id: string };
    await event(other.id, { type: 'cancel' });
    expect(await ctx().api.call('POST', `/v1/contracts/${other.id}/approve`)).toMatchObject({
      status: 409,
      body: { code: 'CONTRACT_CLOSED' },
    });
    expect((await ctx().api.call('POST', `/v1/contracts/${crypto.randomUUID()}/approve`)).body.code).toBe(
      'CONTRACT_NOT_FOUND',
    );
  });

  test('when a billing validity is given, then it is kept and changed in parts, and an end before the start is refused naming the field', async () => {
    const customer = await ctx().api.call('POST', '/v1/customers', {
      body: { name: 'Joana', document: '11144477735' },
    });
    const created = await ctx().api.call('POST', '/v1/contracts', {
      body: { customerId: customer.body.id, billingStart: '2026-01-01', billingEnd: '2026-12-31' },
    });
    expect(created.body).toMatchObject({ billingStart: '2026-01-01', billingEnd: '2026-12-31' });
    const id = created.body.id as string;
    const moved = await ctx().api.call('PATCH', `/v1/contracts/${id}`, { body: { billingEnd: null } });
    expect(moved.body).toMatchObject({ billingStart: '2026-01-01', billingEnd: null });
    const backwards = await ctx().api.call('PATCH', `/v1/contracts/${id}`, { body: { billingEnd: '2025-12-31' } });
    expect(backwards).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'billingEnd' }] },
    });
    const refused = await ctx().api.call('POST', '/v1/contracts', {
      body: { customerId: customer.body.id, billingStart: '2026-02-01', billingEnd: '2026-01-31' },
    });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'billingEnd' }] } });
    expect((await ctx().api.call('GET', `/v1/contracts/${id}`)).body).toMatchObject({
      billingStart: '2026-01-01',
      billingEnd: null,
    });
  });

  test('when a contract goes through its whole life, then each step shows in its state and history', async () => {
    const { id } = await newContract();
    const operator = await ctx().api.keyWith('operator-ana', ['contracts:write']);
    const steps: [Record<string, unknown>, string, string][] = [
      [{ type: 'activate' }, 'active', 'active'],
      [{ type: 'report_late_payment', mode: 'automatic' }, 'active', 'late_payment'],
      [{ type: 'block', mode: 'automatic', reason: '15 days overdue' }, 'active', 'automatic_block'],
      [{ type: 'unblock', reason: 'paid' }, 'active', 'active'],
      [{ type: 'cancel', reason: 'moving away' }, 'inactive', 'disabled'],
    ];
    for (const [body, status, accessStatus] of steps) {
      const response = await event(id, body, operator);
      expect(response.status).toBe(201);
      expect(response.body.contract).toMatchObject({ status, accessStatus });
    }
    const history = await ctx().api.call('GET', `/v1/contracts/${id}/events`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'activate',
      'report_late_payment',
      'block',
      'unblock',
      'cancel',
    ]);
    expect(history.body.items[2]).toMatchObject({
      mode: 'automatic',
      reason: '15 days overdue',
      actor: 'operator-ana',
      before: { status: 'active', accessStatus: 'late_payment' },
      after: { status: 'active', accessStatus: 'automatic_block' },
    });
    const contract = await ctx().api.call('GET', `/v1/contracts/${id}`);
    expect(contract.body).toMatchObject({
      status: 'inactive',
      accessStatus: 'disabled',
      allowedEvents: [],
      version: 5,
    });
    expect(contract.body.endedAt).not.toBeNull();
  });

  test('when an event makes no sense in the current state, then 409 names the state and the event', async () => {
    const { id } = await newContract();
    const response = await event(id, { type: 'unblock' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CONTRACT_TRANSITION_NOT_ALLOWED');
    expect(response.body.detail).toContain("'unblock'");
    expect(response.body.detail).toContain("'pre_contract'");
    expect((await ctx().api.call('GET', `/v1/contracts/${id}/events`)).body.items).toEqual([]);
  });

  test('when the event type or mode is unknown, then 400 names the field', async () => {
    const { id } = await newContract();
    const response = await event(id, { type: 'explode', mode: 'sometimes' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['type', 'mode']),
    );
  });

  test('when many events race on one contract, then exactly one block wins and the history has no gap', async () => {
    const { id } = await newContract();
    await event(id, { type: 'activate' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => event(id, { type: 'block', mode: i % 2 ? 'automatic' : 'manual' })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    const contract = await ctx().api.call('GET', `/v1/contracts/${id}`);
    expect(contract.body.version).toBe(2);
    expect((await ctx().api.call('GET', `/v1/contracts/${id}/events`)).body.items).toHaveLength(2);
  });

  test('when a contract is patched, then details change but status can only change through events', async () => {
    const { id } = await newContract();
    expect(
      (await ctx().api.call('PATCH', `/v1/contracts/${id}`, { body: { description: 'Fibra 500' } })).body.description,
    ).toBe('Fibra 500');
    const refused = await ctx().api.call('PATCH', `/v1/contracts/${id}`, { body: { status: 'active' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'status', message: 'Unknown field.' }]);
  });

  test('when contracts are filtered by status, then only those come back', async () => {
    const first = await newContract();
    const customerId = (await ctx().api.call('GET', `/v1/contracts/${first.id}`)).body.customerId;
    const second = await ctx().api.call('POST', '/v1/contracts', { body: { customerId } });
    await event(first.id, { type: 'activate' });
    const active = await ctx().api.call('GET', '/v1/contracts?status=active');
    expect(active.body.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const pending = await ctx().api.call(
      'GET',
      `/v1/contracts?customerId=${customerId}&accessStatus=awaiting_signature`,
    );
    expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
  });

  test('when a contract references an unknown customer, then 422 names customerId', async () => {
    const response = await ctx().api.call('POST', '/v1/contracts', {
      body: { customerId: '0195f3a0-0000-7000-8000-000000000000' },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_CUSTOMER', errors: [{ field: 'customerId' }] });
  });

  test('when products are put on and taken off a contract, then the list follows at the sold price', async () => {
    const { id } = await newContract();
    const product = await ctx().api.call('POST', '/v1/products', {
      body: { name: 'Fibra 500', type: 'internet', priceCents: 9990 },
    });
    const item = await ctx().api.call('POST', `/v1/contracts/${id}/products`, { body: { productId: product.body.id } });
    expect(item.status).toBe(201);
    expect(item.body).toMatchObject({ priceCents: 9990, product: { name: 'Fibra 500', type: 'internet' } });
    await ctx().api.call('PATCH', `/v1/products/${product.body.id}`, { body: { priceCents: 12990 } });
    expect((await ctx().api.call('GET', `/v1/contracts/${id}/products`)).body.items[0].priceCents).toBe(9990);
    expect((await ctx().api.call('DELETE', `/v1/contracts/${id}/products/${item.body.id}`)).status).toBe(204);
    expect((await ctx().api.call('GET', `/v1/contracts/${id}/products`)).body.items).toEqual([]);
    expect((await ctx().api.call('DELETE', `/v1/contracts/${id}/products/${item.body.id}`)).status).toBe(404);
  });
});
