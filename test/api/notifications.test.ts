import { SANDBOX_TEMPLATES } from '../../src/adapters/sandbox/opa-suite/simulator';
import { describeApi } from '../helpers/api-suite';
import { OPA_CHANNEL, OPA_TOKEN, OPA_URL, SUMMIT_TOKEN, SUMMIT_URL, usePartners } from '../helpers/partners';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/* Issue 12, item 5: customer notifications through Opa! Suite (seed 000, "Canais de comunicação"; docs/partners.md, Opa! Suite). */
describeApi('notifications through Opa! Suite', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const [, BLOCK, UNBLOCK, , , CHARGE_CREATED, CHARGE_OVERDUE] = SANDBOX_TEMPLATES.map((t) => t._id);

  const opaSuite = async () => {
    const created = await call('POST', '/v1/opa-suite-integrations', {
      body: { description: 'Atendimento', url: OPA_URL, token: OPA_TOKEN, channelId: OPA_CHANNEL },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const templates = (items: unknown[]) => call('PUT', '/v1/notification-templates', { body: { items } });
  const activeContract = async (document = CPF, mobilePhone: string | null = '(11) 98765-4321') => {
    const customer = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document, ...(mobilePhone ? { mobilePhone } : {}) },
      })
    ).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    return contract.id as string;
  };
  const notifications = async (contractId: string) =>
    (await call('GET', `/v1/contracts/${contractId}/notifications`)).body.items;

  test('when an integration is registered, then its token is never shown and it becomes the default channel; an unknown default is refused, and the default cannot be deleted', async () => {
    const id = await opaSuite();
    const shown =
      JSON.stringify((await call('GET', `/v1/opa-suite-integrations/${id}`)).body) +
      JSON.stringify((await call('GET', '/v1/opa-suite-integrations')).body);
    expect(shown).not.toContain(OPA_TOKEN);
    expect((await call('GET', '/v1/settings/integrations')).body.communicationChannel).toEqual({
      defaultOpaSuiteIntegrationId: id,
    });
    expect(
      await call('PATCH', '/v1/settings/integrations', {
        body: { communicationChannel: { defaultOpaSuiteIntegrationId: '0193a4fd-2c03-7e5f-9a61-7b8c9d0e1f2a' } },
      }),
    ).toMatchObject({
      status: 422,
      body: {
        code: 'UNKNOWN_OPA_SUITE_INTEGRATION',
        errors: [{ field: 'communicationChannel/defaultOpaSuiteIntegrationId' }],
      },
    });
    expect(await call('DELETE', `/v1/opa-suite-integrations/${id}`)).toMatchObject({
      status: 409,
      body: { code: 'OPA_SUITE_INTEGRATION_IN_USE' },
    });
    await call('PATCH', '/v1/settings/integrations', {
      body: { communicationChannel: { defaultOpaSuiteIntegrationId: null } },
    });
    expect((await call('DELETE', `/v1/opa-suite-integrations/${id}`)).status).toBe(204);
  });

  test('when templates do not fit their events, then they are refused naming the field; an event given twice too', async () => {
    expect(
      await templates([{ event: 'block', templateId: BLOCK, variables: ['customer.name', 'charge.amount'] }]),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'items/0/variables/1' }] } });
    expect(
      await templates([
        { event: 'block', templateId: BLOCK, variables: [] },
        { event: 'block', templateId: UNBLOCK, variables: [] },
      ]),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'items/1/event' }] } });
    expect((await call('GET', '/v1/notification-templates')).body).toMatchObject({ items: [], version: 0 });
  });

  test('when a contract is blocked and released, then the customer gets each template with its variables on the mobile phone, in order, and the contract shows what was sent', async () => {
    await opaSuite();
    const stored = await templates([
      { event: 'block', templateId: BLOCK, variables: ['customer.firstName', 'contract.id'] },
      { event: 'unblock', templateId: UNBLOCK, variables: ['customer.name'] },
    ]);
    expect(stored).toMatchObject({ status: 200, body: { version: 1, updatedBy: 'test-admin' } });
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/events`, {
      body: { type: 'block', reason: 'Fatura de outubro em aberto' },
    });
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'unblock' } });
    expect(
      (await notifications(contractId)).map((n: { event: string; status: string }) => [n.event, n.status]),
    ).toEqual([
      ['block', 'pending'],
      ['unblock', 'pending'],
    ]);
    await drain();
    expect(partners().opaSuite.messages.map((m) => [m.to, m.templateId, m.variables, m.channel])).toEqual([
      ['+5511987654321', BLOCK, ['Maria', contractId], OPA_CHANNEL],
      ['+5511987654321', UNBLOCK, ['Maria Souza'], OPA_CHANNEL],
    ]);
    const [block] = await notifications(contractId);
    expect(block).toMatchObject({
      event: 'block',
      status: 'sent',
      phone: '+5511987654321',
      messageId: partners().opaSuite.messages[0]!.messageSentId,
      sentAt: expect.any(String),
    });
  });

  test('when the key lacks customers:read, then the phone and variables of notifications are masked', async () => {
    await opaSuite();
    await templates([{ event: 'block', templateId: BLOCK, variables: ['customer.firstName', 'contract.id'] }]);
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    const key = await ctx().api.keyWith('noc', ['contracts:read']);
    const [masked] = (await call('GET', `/v1/contracts/${contractId}/notifications`, { key })).body.items;
    expect(masked.phone).not.toContain('98765');
    expect(masked.variables).toEqual(['•••', '•••']);
  });

  test('when the customer has no mobile phone, then the notification is kept as skipped, saying why, and nothing is sent', async () => {
    await opaSuite();
    await templates([{ event: 'block', templateId: BLOCK, variables: ['customer.firstName', 'contract.id'] }]);
    const contractId = await activeContract(OTHER_CPF, null);
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    await drain();
    expect(await notifications(contractId)).toEqual([
      expect.objectContaining({ status: 'skipped', phone: null, error: 'The customer has no mobile phone.' }),
    ]);
    expect(partners().opaSuite.messages).toEqual([]);
  });

  test('when no channel is set, or an event has no template, then nothing is recorded for it', async () => {
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    await opaSuite();
    await templates([{ event: 'unblock', templateId: UNBLOCK, variables: ['customer.name'] }]);
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'unblock' } });
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'report_late_payment' } });
    expect((await notifications(contractId)).map((n: { event: string }) => n.event)).toEqual(['unblock']);
  });

  test('when a charge is created and later falls overdue, then the customer is told each once, with the amount and due date as written in Brazil', async () => {
    await opaSuite();
    await templates([
      {
        event: 'charge_created',
        templateId: CHARGE_CREATED,
        variables: ['customer.firstName', 'charge.amount', 'charge.dueDate'],
      },
      {
        event: 'charge_overdue',
        templateId: CHARGE_OVERDUE,
        variables: ['customer.firstName', 'charge.amount', 'charge.dueDate'],
      },
    ]);
    const contractId = await activeContract();
    const charge = (
      await call('POST', `/v1/contracts/${contractId}/charges`, {
        body: { amountCents: 1234567, dueDate: '2026-11-10', competence: '2026-11' },
      })
    ).body;
    await drain();
    expect(partners().opaSuite.messages.map((m) => m.variables)).toEqual([['Maria', 'R$ 12.345,67', '10/11/2026']]);

    ctx().clock.advanceDays(10);
    await call('POST', '/v1/overdue/runs');
    await call('POST', '/v1/overdue/runs');
    await drain();
    expect(
      (await notifications(contractId)).map((n: { event: string; chargeId: string }) => [n.event, n.chargeId]),
    ).toEqual([
      ['charge_created', charge.id],
      ['charge_overdue', charge.id],
    ]);
    expect(partners().opaSuite.messages.at(-1)).toMatchObject({
      templateId: CHARGE_OVERDUE,
      variables: ['Maria', 'R$ 12.345,67', '10/11/2026'],
    });
  });

  test('when an STFC billing batch charges a contract, then the customer is told of that charge as of one made by hand', async () => {
    await opaSuite();
    await templates([
      {
        event: 'charge_created',
        templateId: CHARGE_CREATED,
        variables: ['customer.firstName', 'charge.amount', 'charge.dueDate'],
      },
    ]);
    await call('POST', '/v1/stfc-integrations', {
      body: { description: 'Summit', url: SUMMIT_URL, token: SUMMIT_TOKEN },
    });
    const product = (
      await call('POST', '/v1/products', { body: { name: 'STFC Local', type: 'stfc', priceCents: 4990 } })
    ).body;
    const customer = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' },
      })
    ).body;
    const contract = (
      await call('POST', '/v1/contracts', {
        body: { customerId: customer.id, billingDay: 10, billingStart: '2026-01-01' },
      })
    ).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    await call('POST', `/v1/contracts/${contract.id}/approve`);
    await call('POST', `/v1/contracts/${contract.id}/products`, {
      body: { productId: product.id, number: '(11) 3222-1000' },
    });
    await drain();
    partners().summit.setMonth(contract.id, '2026-10', { total: '49,90', calls: [] });
    await call('POST', '/v1/stfc/billing-batches', { body: { competence: '2026-10', contractIds: [contract.id] } });
    await drain();
    await drain();
    const [charge] = (await call('GET', `/v1/contracts/${contract.id}/charges?competence=2026-10`)).body.items;
    expect(charge).toMatchObject({ amountCents: 4990, dueDate: '2026-11-10' });
    expect(await notifications(contract.id)).toEqual([
      expect.objectContaining({ event: 'charge_created', chargeId: charge.id, status: 'sent' }),
    ]);
    expect(partners().opaSuite.messages.map((m) => m.variables)).toEqual([['Maria', 'R$ 49,90', '10/11/2026']]);
  });

  test('when Opa! Suite answers 200 with status "error", then the notification fails with its message and the delivery is an integration error an operator can retry', async () => {
    await opaSuite();
    await templates([{ event: 'block', templateId: BLOCK, variables: ['customer.firstName', 'contract.id'] }]);
    const contractId = await activeContract();
    partners().opaSuite.businessErrors.push('Canal desconectado');
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    await drain();
    const [failed] = await notifications(contractId);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('Canal desconectado') });
    const [delivery] = (await call('GET', `/v1/integration-deliveries?targetKind=notification&targetId=${failed.id}`))
      .body.items;
    expect(delivery).toMatchObject({ status: 'dead', platform: 'opa_suite', action: 'send_template' });
    await call('POST', `/v1/integration-deliveries/${delivery.id}/retry`);
    await drain();
    expect((await notifications(contractId))[0]).toMatchObject({ status: 'sent', error: null });
  });

  test('when the token was regenerated at Opa! Suite, then the integration shows the refusal until the new token is sent', async () => {
    const id = await opaSuite();
    await templates([{ event: 'block', templateId: BLOCK, variables: ['customer.firstName', 'contract.id'] }]);
    const contractId = await activeContract();
    partners().opaSuite.regenerateToken(OPA_TOKEN);
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    await drain();
    expect((await call('GET', `/v1/opa-suite-integrations/${id}`)).body.authError).toMatchObject({
      message: expect.stringContaining('401'),
    });
    expect(
      (await call('PATCH', `/v1/opa-suite-integrations/${id}`, { body: { token: 'opa-token-new' } })).body.authError,
    ).toBeNull();
  });
});
