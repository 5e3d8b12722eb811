import { Webhook } from 'standardwebhooks';
import { describeApi } from '../helpers/api-suite';
import { activateWithExaUser, FRONTEND_URL, PLANETFONE_ADDRESS, usePartners } from '../helpers/partners';
import { CPF, MOBILE } from '../helpers/test-app';

/*
 * Outbound webhooks (docs/webhooks.md): endpoints, the events written with each change, and their
 * delivery per the Standard Webhooks specification — every message checked by the receiver with
 * the standardwebhooks library, not with Ponte's own code.
 */
describeApi('webhooks', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const receiver = (name: string) => partners().webhooks.received(name);

  /** An endpoint at the frontend's receiver `name`, which is told its secret. */
  async function endpointAt(name: string, body: Record<string, unknown> = {}, key?: string) {
    const created = await call('POST', '/v1/webhook-endpoints', {
      body: { url: `${FRONTEND_URL}/${name}`, ...body },
      ...(key ? { key } : {}),
    });
    expect(created.status).toBe(201);
    partners().webhooks.configure(name, { secret: created.body.secret });
    return created.body as { id: string; secret: string };
  }

  async function customerAndContract() {
    const customer = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, email: 'maria@example.com', mobilePhone: MOBILE },
      })
    ).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    return { customer: customer.id as string, contract: contract.id as string };
  }
  const event = (contractId: string, type: string) =>
    call('POST', `/v1/contracts/${contractId}/events`, { body: { type, mode: 'manual' } });

  test('when an endpoint is registered, then its secret is shown once, and a contract activated and blocked arrives as signed, verified events in order, the same as GET /v1/events lists them', async () => {
    const { id, secret } = await endpointAt('erp');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call('GET', `/v1/webhook-endpoints/${id}`);
    expect(read.body).toMatchObject({ id, url: `${FRONTEND_URL}/erp`, eventTypes: null, enabled: true });
    expect(JSON.stringify(read.body)).not.toContain(secret);
    expect(JSON.stringify((await call('GET', '/v1/webhook-endpoints')).body)).not.toContain(secret);

    const { customer, contract } = await customerAndContract();
    expect((await event(contract, 'activate')).status).toBe(201);
    expect((await event(contract, 'block')).status).toBe(201);
    await drain();

    const got = receiver('erp');
    expect(got.map((m) => (m.body as { type: string }).type)).toEqual([
      'customer.created',
      'contract.created',
      'contract.status_changed',
      'contract.status_changed',
    ]);
    expect(got.every((m) => m.verified === true)).toBe(true);
    const [, , activated, blocked] = got.map((m) => m.body as Record<string, any>);
    expect(activated!.data.change).toMatchObject({ event: 'activate', after: { status: 'active' } });
    expect(blocked!.data).toMatchObject({
      contract: { id: contract, customerId: customer, status: 'active', accessStatus: 'manual_block' },
      change: { event: 'block', mode: 'manual', before: { accessStatus: 'active' } },
    });
    // The webhook-id is the event's id; the events list holds the very same payloads.
    expect(got.map((m) => m.id)).toEqual(got.map((m) => (m.body as { id: string }).id));
    const listed = await call('GET', `/v1/events?contractId=${contract}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(got.slice(1).map((m) => m.body));
    const one = await call('GET', `/v1/events/${blocked!.id}`);
    expect(one.body).toEqual(blocked);

    const log = await call('GET', `/v1/webhook-endpoints/${id}/deliveries`);
    expect(log.body.items).toHaveLength(4);
    expect(log.body.items[3]).toMatchObject({
      eventId: blocked!.id,
      eventType: 'contract.status_changed',
      status: 'succeeded',
      attempts: [{ attempt: 1, statusCode: 204, succeeded: true, error: null }],
    });
  });

  test('when an endpoint is registered, then it receives what happens from then on, not what came before', async () => {
    const { contract } = await customerAndContract();
    await endpointAt('late');
    await event(contract, 'activate');
    await drain();
    expect(receiver('late').map((m) => (m.body as { type: string }).type)).toEqual(['contract.status_changed']);
  });

  test('when an endpoint wants some event types only, then it receives those and nothing else', async () => {
    await endpointAt('billing', { eventTypes: ['contract.status_changed'] });
    const { contract } = await customerAndContract();
    await event(contract, 'activate');
    await drain();
    expect(receiver('billing').map((m) => (m.body as { type: string }).type)).toEqual(['contract.status_changed']);
  });

  test('when a change is refused or its transaction rolls back, then no event announces it', async () => {
    await endpointAt('erp');
    const { contract } = await customerAndContract();
    // Not allowed from pre_contract: 409, nothing stored.
    expect((await event(contract, 'unblock')).status).toBe(409);
    const store = ctx().api.app.store;
    await expect(
      store.transaction(async (repos) => {
        await repos.events.record([
          {
            id: '0193a600-0000-7000-8000-000000000001',
            type: 'contract.updated',
            resourceId: contract,
            contractId: contract,
            occurredAt: ctx().clock.now(),
            data: {},
          },
        ]);
        throw new Error('the change failed after its event was written');
      }),
    ).rejects.toThrow('the change failed');
    const types = (await call('GET', `/v1/events?contractId=${contract}`)).body.items.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(['contract.created']);
    await drain();
    expect(receiver('erp')).toHaveLength(2);
  });

  test('when the endpoint fails, then each attempt is logged with its answer, the contract’s next event waits its turn, and both arrive in order once it answers again', async () => {
    const { id } = await endpointAt('erp', { eventTypes: ['contract.status_changed'] });
    const { contract } = await customerAndContract();
    partners().webhooks.configure('erp', { failWith: 500 });
    await event(contract, 'activate');
    await event(contract, 'block');
    await drain();
    // Only the first was tried: the second of the same contract waits behind it.
    expect(receiver('erp')).toHaveLength(1);
    const log = (await call('GET', `/v1/webhook-endpoints/${id}/deliveries`)).body.items;
    expect(log[0]).toMatchObject({
      status: 'pending',
      lastError: 'The endpoint answered 500.',
      attempts: [{ attempt: 1, statusCode: 500, succeeded: false, responseHead: expect.stringContaining('500') }],
    });
    expect(log[1]).toMatchObject({ status: 'pending', attempts: [] });
    // The specification's schedule: 5 s (±10 %) after the first attempt.
    const wait = new Date(log[0].nextAttemptAt).getTime() - ctx().clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(4_500);
    expect(wait).toBeLessThanOrEqual(5_500);
    expect((await call('GET', `/v1/webhook-endpoints/${id}`)).body.failingSince).not.toBeNull();
    expect(await ctx().api.app.store.webhookEndpoints.health()).toEqual({ healthy: 0, failing: 1, disabled: 0 });

    partners().webhooks.configure('erp', { failWith: null });
    ctx().clock.advance(6_000);
    await drain();
    const got = receiver('erp');
    expect(got.map((m) => [m.answered, (m.body as any).data.change.event])).toEqual([
      [500, 'activate'],
      [204, 'activate'],
      [204, 'block'],
    ]);
    expect(new Set(got.slice(0, 2).map((m) => m.id)).size).toBe(1);
    expect((await call('GET', `/v1/webhook-endpoints/${id}`)).body.failingSince).toBeNull();
    expect(await ctx().api.app.store.webhookEndpoints.health()).toEqual({ healthy: 1, failing: 0, disabled: 0 });
  });

  test('when the endpoint answers 410 Gone, then it is disabled with the reason, its waiting deliveries end, and the other endpoints are told', async () => {
    const { id } = await endpointAt('old', { eventTypes: ['contract.status_changed'] });
    await endpointAt('ops', { eventTypes: ['webhook_endpoint.disabled'] });
    partners().webhooks.configure('old', { failWith: 410 });
    const { contract } = await customerAndContract();
    await event(contract, 'activate');
    await event(contract, 'block');
    await drain();
    const endpoint = (await call('GET', `/v1/webhook-endpoints/${id}`)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'The endpoint answered 410 Gone.' });
    const log = (await call('GET', `/v1/webhook-endpoints/${id}/deliveries`)).body.items;
    expect(log.map((d: { status: string }) => d.status)).toEqual(['dead', 'dead']);
    expect(receiver('old')).toHaveLength(1);
    expect(receiver('ops').map((m) => m.body)).toEqual([
      expect.objectContaining({
        type: 'webhook_endpoint.disabled',
        data: { webhookEndpoint: { id, reason: 'The endpoint answered 410 Gone.' } },
      }),
    ]);
    // Nothing more goes to it until it is enabled again.
    await event(contract, 'unblock');
    await drain();
    expect(receiver('old')).toHaveLength(1);
    const enabled = await call('PATCH', `/v1/webhook-endpoints/${id}`, { body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  test('when the secret is rotated, then the new one is shown once and for a day both sign, so a receiver on either secret verifies every message', async () => {
    const { id, secret: old } = await endpointAt('erp', { eventTypes: ['contract.status_changed'] });
    const rotated = await call('POST', `/v1/webhook-endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    expect(rotated.body.previousSecretUntil).toBe(new Date(ctx().clock.now().getTime() + 86_400_000).toISOString());
    // The receiver moves to the new secret when it likes: both verify meanwhile.
    partners().webhooks.configure('erp', { secret: rotated.body.secret });
    const { contract } = await customerAndContract();
    await event(contract, 'activate');
    await drain();
    const [message] = receiver('erp');
    expect(message!.signature!.split(' ')).toHaveLength(2);
    expect(message!.verified).toBe(true);
    // Either secret alone verifies it with the library.
    const body = JSON.stringify(message!.body);
    const headers = {
      'webhook-id': message!.id!,
      'webhook-timestamp': message!.timestamp!,
      'webhook-signature': message!.signature!,
    };
    for (const secret of [old, rotated.body.secret])
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();

    // A day later only the new secret signs.
    ctx().clock.advance(86_400_000 + 1_000);
    await event(contract, 'block');
    await drain();
    expect(receiver('erp')[1]!.signature!.split(' ')).toHaveLength(1);
    expect(receiver('erp')[1]!.verified).toBe(true);
  });

  test('when a time window is replayed, then its events arrive again under their own ids, and a dead delivery can be retried', async () => {
    const { id } = await endpointAt('erp', { eventTypes: ['contract.status_changed'] });
    const { contract } = await customerAndContract();
    const from = ctx().clock.now();
    await event(contract, 'activate');
    ctx().clock.advance(1_000);
    await event(contract, 'block');
    await drain();
    const first = receiver('erp').map((m) => m.id);
    const replay = await call('POST', `/v1/webhook-endpoints/${id}/replay`, {
      body: { from: from.toISOString(), to: new Date(ctx().clock.now().getTime() + 1).toISOString() },
    });
    expect(replay.status).toBe(202);
    expect(replay.body.queued).toBe(2);
    await drain();
    expect(receiver('erp').map((m) => m.id)).toEqual([...first, ...first]);
    expect(receiver('erp').every((m) => m.verified)).toBe(true);

    const succeeded = (await call('GET', `/v1/webhook-endpoints/${id}/deliveries`)).body.items[0].id;
    const again = await call('POST', `/v1/webhook-endpoints/${id}/deliveries/${succeeded}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'WEBHOOK_DELIVERY_SUCCEEDED']);
    const unknown = await call('POST', `/v1/webhook-endpoints/${id}/deliveries/${contract}/retry`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'WEBHOOK_DELIVERY_NOT_FOUND']);
  });

  test('when a key without customers:read registers an endpoint, then customers reach it masked, as GET /v1/events shows them to such a key', async () => {
    const key = await ctx().api.keyWith('frontend', ['webhooks:write', 'contracts:read']);
    await endpointAt('frontend', { eventTypes: ['customer.created'] }, key);
    await customerAndContract();
    await drain();
    const [message] = receiver('frontend');
    expect((message!.body as any).data.customer).toMatchObject({
      name: 'M••• S•••',
      document: '•••••••••25',
      email: 'm•••@example.com',
    });
    const listed = await call('GET', '/v1/events?type=customer.created', { key });
    expect(listed.body.items[0].data.customer.document).toBe('•••••••••25');
    const admin = await call('GET', '/v1/events?type=customer.created');
    expect(admin.body.items[0].data.customer.document).toBe('52998224725');
  });

  test('when a bulk block changes many contracts, then each has its event, in the same transaction', async () => {
    await endpointAt('erp', { eventTypes: ['contract.status_changed'] });
    const { customer, contract: first } = await customerAndContract();
    const contracts = [first];
    for (let i = 0; i < 2; i++)
      contracts.push((await call('POST', '/v1/contracts', { body: { customerId: customer } })).body.id);
    for (const contract of contracts) await event(contract, 'activate');
    const bulk = await call('POST', '/v1/contracts/bulk-events', {
      body: { type: 'block', mode: 'manual', contractIds: contracts },
    });
    expect([bulk.status, bulk.body.rejected ?? bulk.body]).toEqual([200, []]);
    await drain();
    const blocks = receiver('erp')
      .map((m) => (m.body as any).data)
      .filter((d) => d.change.event === 'block')
      .map((d) => d.contract.id);
    expect(blocks.sort()).toEqual([...contracts].sort());
  });

  test('when a contract with an EXA user is activated and blocked, then the user’s creation and each move are told, with the contract event that caused it', async () => {
    await endpointAt('erp', { eventTypes: ['sva_user.created', 'sva_user.status_changed', 'contract.status_changed'] });
    const { contract } = await activateWithExaUser(call);
    await event(contract.id, 'block');
    await drain();
    const got = receiver('erp').map((m) => m.body as { type: string; data: any });
    // A contract's event, then what it moved (or made), in the order written.
    expect(got.map((m) => m.type)).toEqual([
      'contract.status_changed',
      'sva_user.created',
      'contract.status_changed',
      'sva_user.status_changed',
    ]);
    const [, created, blocked, moved] = got;
    expect(created!.data.svaUser).toMatchObject({ contractId: contract.id, platform: 'exa', status: 'active' });
    expect(moved!.data).toEqual({
      svaUser: {
        id: created!.data.svaUser.id,
        contractId: contract.id,
        platform: 'exa',
        integrationId: created!.data.svaUser.integrationId,
        packageCode: 'EXA-SEG-BASICO',
        status: 'blocked',
        previousStatus: 'active',
      },
      cause: { historyId: blocked!.data.change.historyId, action: 'block_user' },
    });
    // An operator's own call on the user is told too, with no contract event behind it.
    const users = (await call('GET', `/v1/contracts/${contract.id}/sva-users`)).body.items;
    await event(contract.id, 'unblock');
    expect((await call('POST', `/v1/sva-users/${users[0].id}/deactivate`)).status).toBe(200);
    await drain();
    expect(receiver('erp').at(-1)!.body).toMatchObject({
      type: 'sva_user.status_changed',
      data: {
        svaUser: { status: 'deactivated', previousStatus: 'active' },
        cause: { historyId: null, action: 'deactivate_user' },
      },
    });
  });

  test('when a partner refuses a call for good, then the integration error is told as delivery.dead and the SVA user as failed', async () => {
    await endpointAt('ops', { eventTypes: ['delivery.dead', 'sva_user.failed'] });
    const { contract } = await activateWithExaUser(call);
    await drain();
    partners().exa.setFaults({ script: [{ status: 422, body: { success: false, message: 'Pacote inexistente' } }] });
    await event(contract.id, 'block');
    await drain();
    const got = receiver('ops').map((m) => m.body as { type: string; data: any });
    expect(got.map((m) => m.type)).toEqual(['delivery.dead', 'sva_user.failed']);
    const dead = (await call('GET', '/v1/integration-deliveries?status=dead')).body.items[0];
    expect(got[0]!.data.delivery).toEqual({
      id: dead.id,
      targetKind: 'sva_user',
      targetId: dead.targetId,
      platform: 'exa',
      integrationId: dead.integrationId,
      contractId: contract.id,
      action: 'block_user',
      attempts: 1,
      lastError: { kind: 'rejected', message: dead.lastError.message },
    });
    expect(got[1]!.data.svaUser).toMatchObject({ id: dead.targetId, contractId: contract.id });
  });

  test('when a charge is opened and paid, then both are told; when the overdue run first finds one overdue, then that and the run are told', async () => {
    await endpointAt('billing', {
      eventTypes: ['charge.created', 'charge.paid', 'charge.overdue', 'overdue_run.finished'],
    });
    const { contract } = await customerAndContract();
    await event(contract, 'activate');
    const open = (dueDate: string) =>
      call('POST', `/v1/contracts/${contract}/charges`, {
        body: { amountCents: 9990, dueDate, competence: '2026-11' },
      });
    const paidId = (await open('2026-11-10')).body.id as string;
    expect((await open('2026-10-20')).status).toBe(201);
    expect((await call('POST', `/v1/charges/${paidId}/payments`, { body: { amountCents: 9990 } })).status).toBe(201);
    expect((await call('POST', '/v1/overdue/runs')).status).toBe(201);
    await drain();
    const got = receiver('billing').map((m) => m.body as { type: string; data: any });
    // In order for the contract; the run, of no contract, goes its own way.
    const ofContract = got.filter((m) => m.type !== 'overdue_run.finished');
    expect(ofContract.map((m) => m.type)).toEqual([
      'charge.created',
      'charge.created',
      'charge.paid',
      'charge.overdue',
    ]);
    expect(ofContract[2]!.data.charge).toMatchObject({ id: paidId, status: 'paid', paidCents: 9990 });
    expect(ofContract[3]!.data.charge).toMatchObject({ contractId: contract, dueCents: 9990, dueDate: '2026-10-20' });
    expect(got.filter((m) => m.type === 'overdue_run.finished').map((m) => m.data.overdueRun.trigger)).toEqual(['api']);
  });

  test('when a PBX tells of a call, then it is told as started, answered and ended, once each, its number masked for a key without customers:read', async () => {
    await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    const pbx = (
      await call('POST', '/v1/pbx', {
        body: { type: 'planetfone', ...PLANETFONE_ADDRESS, eventSecret: 'planetfone-events-secret' },
      })
    ).body;
    const key = await ctx().api.keyWith('crm', ['webhooks:write']);
    await endpointAt('crm', { eventTypes: ['call.started', 'call.answered', 'call.ended'] }, key);
    const step = (type: string, second: number) => ({
      event: type,
      callId: 'pf-0042',
      direction: 'inbound',
      phone: '(11) 98765-4321',
      extension: '30',
      did: '(51) 2101-0001',
      at: new Date(Date.UTC(2026, 10, 2, 12, 0, second)).toISOString(),
    });
    const push = (events: unknown[]) =>
      call('POST', `/v1/pbx/${pbx.id}/events`, {
        body: events,
        key: null,
        headers: { authorization: 'Bearer planetfone-events-secret' },
      });
    await push([step('ringing', 0)]);
    await push([step('answered', 5), step('answered', 5)]);
    await push([step('hangup', 65), step('ringing', 0)]);
    // The PBX's own times: the call ended 65 s after it rang.
    ctx().clock.advance(65_000);
    await drain();
    const got = receiver('crm').map((m) => m.body as { type: string; data: any });
    expect(got.map((m) => [m.type, m.data.call.state])).toEqual([
      ['call.started', 'ringing'],
      ['call.answered', 'answered'],
      ['call.ended', 'ended'],
    ]);
    expect(got[2]!.data.call).toMatchObject({ direction: 'inbound', from: '••••••••••4321', durationSeconds: 60 });
  });

  test('when the input is wrong, then the answer names the field, and unknown ids answer 404', async () => {
    const bad = await call('POST', '/v1/webhook-endpoints', { body: { url: 'ftp://x', eventTypes: ['nope'] } });
    expect(bad.status).toBe(400);
    const missing = '0193a600-0000-7000-8000-0000000000ff';
    expect((await call('GET', `/v1/webhook-endpoints/${missing}`)).body.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    expect((await call('GET', `/v1/events/${missing}`)).body.code).toBe('EVENT_NOT_FOUND');
    const { id } = await endpointAt('erp');
    const backwards = await call('POST', `/v1/webhook-endpoints/${id}/replay`, {
      body: { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    });
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'to' }] });
    expect((await call('DELETE', `/v1/webhook-endpoints/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/webhook-endpoints/${id}`)).status).toBe(404);
  });
});
