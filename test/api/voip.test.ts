import { sipLineEffect } from '../../src/domain/voip/sip-line';
import { asStored, storedEffects } from '../helpers/outbox-rows';
import { describeApi } from '../helpers/api-suite';
import { usePartners } from '../helpers/partners';
import { CPF } from '../helpers/test-app';

/* Issue 10, item 2: SIP lines, the VoIP settings of seed 000, through the outbox to the softswitch. */
describeApi('VoIP SIP lines', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const activeContract = async () => {
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    return contract.id as string;
  };
  const event = (contractId: string, type: string) =>
    call('POST', `/v1/contracts/${contractId}/events`, { body: { type, mode: 'automatic' } });
  const line = (contractId: string, body: Record<string, unknown> = {}) =>
    call('POST', `/v1/contracts/${contractId}/voip-lines`, {
      body: { extension: '4021', number: '(11) 3222-1000', ...body },
    });
  const onSwitch = () => [...partners().voip.lines.values()].map((l) => ({ extension: l.extension, status: l.status }));
  const settings = (voip: Record<string, unknown>) => call('PATCH', '/v1/settings/integrations', { body: { voip } });

  test('when a line is added, then it is stored with its number in E.164, created on the softswitch, and its password never shows', async () => {
    const contractId = await activeContract();
    const created = await line(contractId, { password: 'S3nh4-Ramal' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      contractId,
      extension: '4021',
      number: '+551132221000',
      status: 'active',
      passwordSet: true,
      syncStatus: 'pending',
    });
    expect(created.raw).not.toContain('S3nh4');
    await drain();
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'active' }]);
    expect([...partners().voip.lines.values()][0]).toMatchObject({
      reference: created.body.id,
      number: '+551132221000',
      hasPassword: true,
    });
    expect((await call('GET', `/v1/voip-lines/${created.body.id}`)).body.syncStatus).toBe('synced');
  });

  test('when blockLinesWithContract is on, a block blocks the line and a release releases it; off, the next block leaves the line alone', async () => {
    const contractId = await activeContract();
    const created = (await line(contractId)).body;
    await event(contractId, 'block');
    await drain();
    expect((await call('GET', `/v1/voip-lines/${created.id}`)).body.status).toBe('blocked');
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'blocked' }]);
    await event(contractId, 'unblock');
    await drain();
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'active' }]);

    await settings({ blockLinesWithContract: false });
    await event(contractId, 'block');
    await drain();
    expect((await call('GET', `/v1/voip-lines/${created.id}`)).body.status).toBe('active');
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'active' }]);
    const deliveries = (await call('GET', `/v1/integration-deliveries?targetKind=sip_line&targetId=${created.id}`)).body
      .items;
    expect(deliveries.map((d: { action: string }) => d.action)).toEqual(['create_line', 'block_line', 'unblock_line']);
  });

  test('when a line was blocked with its contract and the setting is turned off, then the release still brings it back; a line blocked by hand stays blocked', async () => {
    const contractId = await activeContract();
    const followed = (await line(contractId)).body;
    const byHand = (await line(contractId, { extension: '4022', number: '(11) 3222-1001' })).body;
    await call('PATCH', `/v1/voip-lines/${byHand.id}`, { body: { status: 'blocked' } });
    await event(contractId, 'block');
    expect((await call('GET', `/v1/voip-lines/${followed.id}`)).body).toMatchObject({
      status: 'blocked',
      blockedWithContract: true,
    });
    expect((await call('GET', `/v1/voip-lines/${byHand.id}`)).body).toMatchObject({
      status: 'blocked',
      blockedWithContract: false,
    });
    await settings({ blockLinesWithContract: false });
    await event(contractId, 'unblock');
    await drain();
    expect((await call('GET', `/v1/voip-lines/${followed.id}`)).body).toMatchObject({
      status: 'active',
      blockedWithContract: false,
    });
    expect((await call('GET', `/v1/voip-lines/${byHand.id}`)).body).toMatchObject({
      status: 'blocked',
      blockedWithContract: false,
    });
    expect(onSwitch()).toEqual([
      { extension: '4021', status: 'active' },
      { extension: '4022', status: 'blocked' },
    ]);
    // Off, the next block reaches no line.
    await event(contractId, 'block');
    expect((await call('GET', `/v1/voip-lines/${followed.id}`)).body.status).toBe('active');
  });

  test('when a line is added to a blocked contract, then it starts blocked with the setting on and active with it off', async () => {
    const contractId = await activeContract();
    await event(contractId, 'block');
    expect((await line(contractId)).body).toMatchObject({ status: 'blocked', blockedWithContract: true });
    await drain();
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'blocked' }]);
    await settings({ blockLinesWithContract: false });
    expect((await line(contractId, { extension: '4022', number: '(11) 3222-1001' })).body.status).toBe('active');
  });

  test('when the contract is cancelled, then its lines are cancelled whatever the setting', async () => {
    await settings({ blockLinesWithContract: false });
    const contractId = await activeContract();
    const created = (await line(contractId)).body;
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'cancel' } });
    await drain();
    expect((await call('GET', `/v1/voip-lines/${created.id}`)).body.status).toBe('cancelled');
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'cancelled' }]);
    // A cancelled line frees its extension and number; it cannot change any more.
    expect((await call('PATCH', `/v1/voip-lines/${created.id}`, { body: { status: 'active' } })).body.code).toBe(
      'SIP_LINE_CANCELLED',
    );
    expect((await line(contractId)).body.code).toBe('CONTRACT_CLOSED');
  });

  test('when the settings require a password, then a line without one is refused; the first line brings the default telephony product', async () => {
    const telephony = (
      await call('POST', '/v1/products', { body: { name: 'Adicional de Telefonia', type: 'voip', priceCents: 1990 } })
    ).body;
    await settings({ sipPasswordRequired: true, defaultProductId: telephony.id });
    const contractId = await activeContract();
    const refused = await line(contractId);
    expect(refused.body).toMatchObject({ status: 422, code: 'SIP_PASSWORD_REQUIRED', errors: [{ field: 'password' }] });
    expect((await call('GET', `/v1/contracts/${contractId}/products`)).body.items).toEqual([]);

    await line(contractId, { password: 'S3nh4-Ramal' });
    await line(contractId, { extension: '4022', number: '(11) 3222-1001', password: 'Outra-S3nha' });
    const items = (await call('GET', `/v1/contracts/${contractId}/products`)).body.items;
    expect(items.map((i: { product: { id: string } }) => i.product.id)).toEqual([telephony.id]);
  });

  test('when an extension or a number belongs to another live line, then 409 names it', async () => {
    const contractId = await activeContract();
    await line(contractId);
    expect((await line(contractId, { number: '(11) 3222-1009' })).body).toMatchObject({
      status: 409,
      code: 'SIP_EXTENSION_TAKEN',
      errors: [{ field: 'extension' }],
    });
    expect((await line(contractId, { extension: '4099' })).body).toMatchObject({
      status: 409,
      code: 'SIP_NUMBER_TAKEN',
      errors: [{ field: 'number' }],
    });
    expect((await line(contractId, { extension: '4099', number: '(00) 3222-1000' })).body).toMatchObject({
      status: 400,
      code: 'INVALID_PHONE',
    });
  });

  test('when a line is blocked by hand, its password changed, then deleted, then the softswitch follows each step', async () => {
    const contractId = await activeContract();
    const created = (await line(contractId)).body;
    await drain();
    const blocked = await call('PATCH', `/v1/voip-lines/${created.id}`, {
      body: { status: 'blocked', password: 'N0va-S3nha' },
    });
    expect(blocked.body).toMatchObject({ status: 'blocked', passwordSet: true });
    await drain();
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'blocked' }]);
    expect([...partners().voip.lines.values()][0]!.hasPassword).toBe(true);
    expect((await call('DELETE', `/v1/voip-lines/${created.id}`)).status).toBe(204);
    await drain();
    expect(onSwitch()).toEqual([]);
  });

  test('when the softswitch refuses a line, then the delivery is dead with its message and the line shows failed until a retry', async () => {
    const contractId = await activeContract();
    partners().voip.setFaults({ script: [{ status: 422, body: { error: 'plano sem ramais disponíveis' } }] });
    const created = (await line(contractId)).body;
    await drain();
    expect((await call('GET', `/v1/voip-lines/${created.id}`)).body.syncStatus).toBe('failed');
    const [dead] = (await call('GET', '/v1/integration-deliveries?status=dead&targetKind=sip_line')).body.items;
    expect(dead).toMatchObject({
      platform: 'voip',
      action: 'create_line',
      targetId: created.id,
      lastError: { kind: 'rejected', message: expect.stringContaining('plano sem ramais disponíveis') },
    });
    await call('POST', `/v1/integration-deliveries/${dead.id}/retry`);
    await drain();
    expect((await call('GET', `/v1/voip-lines/${created.id}`)).body.syncStatus).toBe('synced');
    expect(onSwitch()).toEqual([{ extension: '4021', status: 'active' }]);
  });

  test('when the contract moves its lines set-based, then each outbox row is the one the domain builds for that line and call', async () => {
    const contractId = await activeContract();
    const created = (await line(contractId, { password: 'S3nh4-Ramal' })).body;
    await event(contractId, 'block');
    await event(contractId, 'unblock');
    await event(contractId, 'cancel');
    const rows = await storedEffects(ctx().db, 'sip_line', ['create_line']);
    expect(rows.map((r) => r.action)).toEqual(['block_line', 'unblock_line', 'cancel_line']);
    const stored = (await ctx().api.app.deps.store.sipLines.findById(created.id))!;
    for (const row of rows) expect(row).toEqual(asStored(sipLineEffect(row.action as 'block_line', stored)));
  });
});
