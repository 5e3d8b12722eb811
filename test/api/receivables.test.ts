import { describeApi } from '../helpers/api-suite';
import { CPF } from '../helpers/test-app';

/* Issue 10, item 4: charges on contracts, partial payments, cancellation. The clock starts on 2026-11-02. */
describeApi('receivables', (ctx) => {
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const contractId = async () => {
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF } })).body;
    return (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body.id as string;
  };
  const charge = (id: string, body: Record<string, unknown> = {}) =>
    call('POST', `/v1/contracts/${id}/charges`, {
      body: {
        amountCents: 9990,
        dueDate: '2026-11-10',
        competence: '2026-11',
        description: 'Fibra 500 Mega — novembro/2026',
        ...body,
      },
    });

  test('when a charge is created, then it is open, not overdue before its due date and overdue the day after', async () => {
    const id = await contractId();
    const created = await charge(id);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      contractId: id,
      amountCents: 9990,
      paidCents: 0,
      remainingCents: 9990,
      dueDate: '2026-11-10',
      competence: '2026-11',
      status: 'open',
      overdue: false,
      payments: [],
    });
    ctx().clock.advanceDays(8); // 2026-11-10, the due date
    expect((await call('GET', `/v1/charges/${created.body.id}`)).body.overdue).toBe(false);
    ctx().clock.advanceDays(1);
    expect((await call('GET', `/v1/charges/${created.body.id}`)).body.overdue).toBe(true);
  });

  test('when partial payments are made, then they add up, the last one settles the charge, and one more is refused', async () => {
    const created = (await charge(await contractId())).body;
    const cashier = await ctx().api.keyWith('caixa-loja-centro', ['contracts:write', 'contracts:read']);
    const first = await call('POST', `/v1/charges/${created.id}/payments`, {
      body: { amountCents: 5000, paidAt: '2026-11-03T10:00:00.000Z' },
      key: cashier,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'open', paidCents: 5000, remainingCents: 4990, paidAt: null });
    const tooMuch = await call('POST', `/v1/charges/${created.id}/payments`, { body: { amountCents: 4991 } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'PAYMENT_EXCEEDS_BALANCE', errors: [{ field: 'amountCents' }] });
    const last = await call('POST', `/v1/charges/${created.id}/payments`, {
      body: { amountCents: 4990, paidAt: '2026-11-04T09:30:00.000Z' },
    });
    expect(last.body).toMatchObject({
      status: 'paid',
      paidCents: 9990,
      remainingCents: 0,
      paidAt: '2026-11-04T09:30:00.000Z',
    });
    expect(last.body.payments).toEqual([
      {
        id: expect.any(String),
        amountCents: 5000,
        paidAt: '2026-11-03T10:00:00.000Z',
        recordedAt: expect.any(String),
        actor: 'caixa-loja-centro',
      },
      {
        id: expect.any(String),
        amountCents: 4990,
        paidAt: '2026-11-04T09:30:00.000Z',
        recordedAt: expect.any(String),
        actor: 'test-admin',
      },
    ]);
    const again = await call('POST', `/v1/charges/${created.id}/payments`, { body: { amountCents: 1 } });
    expect([again.status, again.body.code]).toEqual([409, 'CHARGE_NOT_OPEN']);
    expect((await call('POST', `/v1/charges/${created.id}/cancel`)).body.code).toBe('CHARGE_NOT_OPEN');
  });

  test('when a charge is cancelled, then it takes no payment, and cancelling it again changes nothing', async () => {
    const created = (await charge(await contractId())).body;
    await call('POST', `/v1/charges/${created.id}/payments`, { body: { amountCents: 1000 } });
    const cancelled = await call('POST', `/v1/charges/${created.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      paidCents: 1000,
      remainingCents: 0,
      overdue: false,
      cancelledAt: expect.any(String),
    });
    const again = await call('POST', `/v1/charges/${created.id}/cancel`);
    expect(again.body).toEqual(cancelled.body);
    expect((await call('POST', `/v1/charges/${created.id}/payments`, { body: { amountCents: 1 } })).body.code).toBe(
      'CHARGE_NOT_OPEN',
    );
  });

  test("when a contract's charges are listed, then competence and status filter them", async () => {
    const id = await contractId();
    const october = (await charge(id, { competence: '2026-10', dueDate: '2026-10-10' })).body;
    const november = (await charge(id)).body;
    await call('POST', `/v1/charges/${october.id}/payments`, { body: { amountCents: 9990 } });
    const ids = async (query: string) =>
      (await call('GET', `/v1/contracts/${id}/charges${query}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('')).toEqual([october.id, november.id]);
    expect(await ids('?competence=2026-11')).toEqual([november.id]);
    expect(await ids('?status=paid')).toEqual([october.id]);
    expect(await ids('?competence=2026-12')).toEqual([]);
  });

  test('when the input is wrong, then 400 names the field; unknown contract or charge is 404', async () => {
    const id = await contractId();
    for (const [body, field] of [
      [{ dueDate: '2026-02-30' }, 'dueDate'],
      [{ competence: '2026-13' }, 'competence'],
      [{ amountCents: 0 }, 'amountCents'],
      [{ amountCents: 12.5 }, 'amountCents'],
    ] as const) {
      const response = await charge(id, body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c99';
    expect((await charge(missing)).body.code).toBe('CONTRACT_NOT_FOUND');
    expect((await call('GET', `/v1/contracts/${missing}/charges`)).status).toBe(404);
    expect((await call('GET', `/v1/charges/${missing}`)).body.code).toBe('CHARGE_NOT_FOUND');
    expect((await call('POST', `/v1/charges/${missing}/payments`, { body: { amountCents: 1 } })).status).toBe(404);
  });

  test('when payments race on one charge, then they add up without ever going past the amount', async () => {
    const created = (await charge(await contractId(), { amountCents: 1000 })).body;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `/v1/charges/${created.id}/payments`, { body: { amountCents: 300 } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(5);
    const stored = (await call('GET', `/v1/charges/${created.id}`)).body;
    expect(stored).toMatchObject({ paidCents: 900, status: 'open' });
    expect(stored.payments).toHaveLength(3);
  });
});
