import { mvnoLineEffect } from '../../src/domain/mvno/mvno-line';
import { asStored, storedEffects } from '../helpers/outbox-rows';
import { describeApi } from '../helpers/api-suite';
import { usePartners } from '../helpers/partners';
import { CPF } from '../helpers/test-app';

/* Issue 10, item 3: TeleCall lines follow the contract by the MVNO settings, through the outbox. */
describeApi('TeleCall MVNO lines', (ctx) => {
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
    call('POST', `/v1/contracts/${contractId}/mvno-lines`, {
      body: { msisdn: '(11) 98765-4321', iccid: '8955101000000000005', plan: 'TELECALL-10GB', ...body },
    });
  const onTelecall = () => [...partners().telecall.lines.values()].map((l) => l.status);
  const status = async (id: string) => (await call('GET', `/v1/mvno-lines/${id}`)).body.status;

  test('when a line is added, then it is pending until TeleCall finishes the activation, and active after', async () => {
    const contractId = await activeContract();
    const created = await line(contractId);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      msisdn: '+5511987654321',
      iccid: '8955101000000000005',
      status: 'pending',
      syncStatus: 'pending',
    });
    await drain();
    expect(await status(created.body.id)).toBe('active');
    expect(onTelecall()).toEqual(['active']);
  });

  test.each([
    { total: true, partial: true, late: 'blocked_partial', block: 'blocked_total' },
    { total: true, partial: false, late: 'blocked_total', block: 'blocked_total' },
    { total: false, partial: true, late: 'blocked_partial', block: 'blocked_partial' },
    { total: false, partial: false, late: 'active', block: 'active' },
  ])(
    'when total is $total and partial is $partial, then late payment → $late, block → $block, release → active, cancel → cancelled, on TeleCall too',
    async ({ total, partial, late, block }) => {
      await call('PATCH', '/v1/settings/integrations', {
        body: { mvno: { totalBlockFollowsContract: total, partialBlockFollowsContract: partial } },
      });
      const contractId = await activeContract();
      const { id } = (await line(contractId)).body;
      await drain();
      await event(contractId, 'report_late_payment');
      await drain();
      expect([await status(id), onTelecall()]).toEqual([late, [late]]);
      await event(contractId, 'block');
      await drain();
      expect([await status(id), onTelecall()]).toEqual([block, [block]]);
      await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'unblock' } });
      await drain();
      expect([await status(id), onTelecall()]).toEqual(['active', ['active']]);
      await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'cancel' } });
      await drain();
      expect([await status(id), onTelecall()]).toEqual(['cancelled', ['cancelled']]);
    },
  );

  test('when a line is added to a late contract, then it takes the partial block the settings give', async () => {
    const contractId = await activeContract();
    await event(contractId, 'report_late_payment');
    const created = (await line(contractId)).body;
    expect(created.status).toBe('blocked_partial');
    await drain();
    expect([await status(created.id), onTelecall()]).toEqual(['blocked_partial', ['blocked_partial']]);
  });

  test('when the number, the SIM or the ICCID is wrong or taken, then the field is named', async () => {
    const contractId = await activeContract();
    await line(contractId);
    expect((await line(contractId, { iccid: '8955101000000000013' })).body).toMatchObject({
      status: 409,
      code: 'MVNO_MSISDN_TAKEN',
      errors: [{ field: 'msisdn' }],
    });
    expect((await line(contractId, { msisdn: '(11) 98765-0000' })).body).toMatchObject({
      status: 409,
      code: 'MVNO_ICCID_TAKEN',
      errors: [{ field: 'iccid' }],
    });
    expect((await line(contractId, { msisdn: '(11) 98765-0000', iccid: '8955101000000000006' })).body).toMatchObject({
      status: 400,
      code: 'INVALID_ICCID',
      errors: [{ field: 'iccid' }],
    });
    expect((await line(contractId, { msisdn: '(11) 3222-1000', iccid: '8955101000000000013' })).body).toMatchObject({
      status: 400,
      code: 'INVALID_PHONE',
      errors: [{ field: 'msisdn' }],
    });
  });

  test('when TeleCall refuses to block a line it has cancelled, then the delivery is dead with its message', async () => {
    const contractId = await activeContract();
    const { id } = (await line(contractId)).body;
    await drain();
    partners().telecall.lines.get('+5511987654321')!.status = 'cancelled';
    await event(contractId, 'block');
    await drain();
    const [dead] = (await call('GET', `/v1/integration-deliveries?status=dead&targetKind=mvno_line&targetId=${id}`))
      .body.items;
    expect(dead).toMatchObject({
      platform: 'telecall',
      action: 'block_line_total',
      lastError: { kind: 'rejected', message: expect.stringContaining('cancelada') },
    });
    expect((await call('GET', `/v1/mvno-lines/${id}`)).body.syncStatus).toBe('failed');
  });

  test('when a line is blocked by hand and then deleted, then TeleCall blocks and cancels it', async () => {
    const contractId = await activeContract();
    const { id } = (await line(contractId)).body;
    await drain();
    expect(
      (await call('PATCH', `/v1/mvno-lines/${id}`, { body: { status: 'blocked_partial', plan: 'TELECALL-20GB' } }))
        .body,
    ).toMatchObject({ status: 'blocked_partial', plan: 'TELECALL-20GB' });
    await drain();
    expect(onTelecall()).toEqual(['blocked_partial']);
    expect((await call('DELETE', `/v1/mvno-lines/${id}`)).status).toBe(204);
    await drain();
    expect(onTelecall()).toEqual(['cancelled']);
  });

  test('when the contract moves its lines set-based, then each outbox row is the one the domain builds for that line and call', async () => {
    const contractId = await activeContract();
    const created = (await line(contractId)).body;
    await drain();
    for (const type of ['report_late_payment', 'block', 'unblock', 'cancel']) await event(contractId, type);
    const rows = await storedEffects(ctx().db, 'mvno_line', ['activate_line']);
    expect(rows.map((r) => r.action)).toEqual([
      'block_line_partial',
      'block_line_total',
      'unblock_line',
      'cancel_line',
    ]);
    const stored = (await ctx().api.app.deps.store.mvnoLines.findById(created.id))!;
    for (const row of rows) expect(row).toEqual(asStored(mvnoLineEffect(row.action as 'block_line_total', stored)));
  });
});
