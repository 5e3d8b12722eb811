import { describeApi } from '../helpers/api-suite';
import { OPA_CHANNEL, OPA_TOKEN, OPA_URL, usePartners } from '../helpers/partners';
import { SANDBOX_TEMPLATES } from '../../src/adapters/sandbox/opa-suite/simulator';
import { readMigrations } from '../../src/adapters/db/migrator';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/*
 * Issue 10, items 5 and 6: the overdue policy counted from the oldest overdue charge, its preview,
 * its runs, trust release and release on payment. The clock starts on 2026-11-02 (São Paulo).
 */
describeApi('the overdue policy', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const POLICY = { reportLatePaymentAfterDays: 5, blockAfterDays: 15, cancelAfterDays: 60, trustReleaseMaxDays: 3 };
  const setPolicy = (body: Record<string, unknown> = POLICY) => call('PUT', '/v1/settings/overdue-policy', { body });
  const activeContract = async (document = CPF) => {
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    return contract.id as string;
  };
  const charge = async (contractId: string, dueDate = '2026-11-10', amountCents = 9990) =>
    (
      await call('POST', `/v1/contracts/${contractId}/charges`, {
        body: { amountCents, dueDate, competence: dueDate.slice(0, 7) },
      })
    ).body.id as string;
  const access = async (contractId: string) => {
    const c = (await call('GET', `/v1/contracts/${contractId}`)).body;
    return `${c.status}/${c.accessStatus}`;
  };
  const lastEvent = async (contractId: string) =>
    (await call('GET', `/v1/contracts/${contractId}/events?limit=200`)).body.items.at(-1);
  const run = () => call('POST', '/v1/overdue/runs');
  /** Moves the clock to noon UTC (09:00 in São Paulo) of `date`. */
  const dayIs = (date: string) =>
    ctx().clock.advance(new Date(`${date}T12:00:00.000Z`).getTime() - ctx().clock.now().getTime());

  test('when nothing was set, then every stage is off and the preset of the RGC is offered with its articles', async () => {
    expect((await call('GET', '/v1/settings/overdue-policy')).body).toEqual({
      preset: null,
      reportLatePaymentAfterDays: null,
      blockAfterDays: null,
      cancelAfterDays: null,
      trustReleaseMaxDays: null,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    const [rgc] = (await call('GET', '/v1/settings/overdue-policy/presets')).body.items;
    expect(rgc).toMatchObject({
      id: 'anatel_rgc_765_2023',
      notice: { article: 'Art. 70; Art. 71, I–V' },
      restore: { withinHours: 24 },
      stageDays: { reportLatePaymentAfterDays: null, blockAfterDays: 15, cancelAfterDays: 60 },
    });
    expect(rgc.steps.map((s: { article: string }) => s.article)).toEqual(['Art. 70', 'Art. 73; Art. 75']);
  });

  test('when the RGC preset is chosen, then its days are stored under its name, and every change is in the history', async () => {
    const operator = await ctx().api.keyWith('financeiro-ana', ['integrations:write', 'integrations:read']);
    const chosen = await call('PUT', '/v1/settings/overdue-policy', {
      body: { preset: 'anatel_rgc_765_2023', trustReleaseMaxDays: 5 },
      key: operator,
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({
      preset: 'anatel_rgc_765_2023',
      reportLatePaymentAfterDays: null,
      blockAfterDays: 15,
      cancelAfterDays: 60,
      trustReleaseMaxDays: 5,
      version: 1,
      updatedBy: 'financeiro-ana',
    });
    expect((await setPolicy()).body).toMatchObject({ ...POLICY, preset: null, version: 2 });
    const history = (await call('GET', '/v1/settings/overdue-policy/history')).body.items;
    expect(history.map((h: { actor: string; changed: string[] }) => [h.actor, h.changed])).toEqual([
      ['financeiro-ana', ['preset', 'blockAfterDays', 'cancelAfterDays', 'trustReleaseMaxDays']],
      ['test-admin', ['preset', 'reportLatePaymentAfterDays', 'trustReleaseMaxDays']],
    ]);
    expect((await setPolicy()).body.version).toBe(2);
  });

  test('when the policy is wrong, then 422 names the fields and nothing changes', async () => {
    expect(
      (await setPolicy({ preset: 'anatel_rgc_765_2023', blockAfterDays: 10, trustReleaseMaxDays: null })).body,
    ).toMatchObject({ code: 'OVERDUE_STAGES_CONFLICT', errors: [{ field: 'blockAfterDays' }] });
    expect((await setPolicy({ ...POLICY, blockAfterDays: 70 })).body).toMatchObject({
      code: 'OVERDUE_STAGES_OUT_OF_ORDER',
      errors: [{ field: 'cancelAfterDays' }],
    });
    const missing = await setPolicy({ blockAfterDays: 10, trustReleaseMaxDays: null });
    expect([missing.status, missing.body.errors.map((e: { field: string }) => e.field)]).toEqual([
      400,
      ['reportLatePaymentAfterDays', 'cancelAfterDays'],
    ]);
    expect((await setPolicy({ preset: 'rgc_2030', trustReleaseMaxDays: null })).body.errors[0].field).toBe('preset');
    expect((await call('GET', '/v1/settings/overdue-policy')).body.version).toBe(0);
  });

  describe("Anatel's RGC in force (Resolução nº 765/2023): no suspension without a notice actually sent", () => {
    const NOTICE_TEMPLATE = SANDBOX_TEMPLATES.find((t) => t.nome === 'Notificação de débito')!._id;
    const withOpaSuite = async () => {
      expect(
        (
          await call('POST', '/v1/opa-suite-integrations', {
            body: { url: OPA_URL, token: OPA_TOKEN, channelId: OPA_CHANNEL },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await call('PUT', '/v1/notification-templates', {
            body: {
              items: [
                { event: 'overdue_notice', templateId: NOTICE_TEMPLATE, variables: ['customer.name', 'event.reason'] },
              ],
            },
          })
        ).status,
      ).toBe(200);
    };
    const preview = async (date: string) => (await call('GET', `/v1/overdue/preview?date=${date}`)).body;
    const timelineOf = async (date: string, contractId: string) =>
      (await preview(date)).timelines.find((t: { contractId: string }) => t.contractId === contractId);

    test('when a debt is noticed through Opa! Suite, then the preview shows the notice on its day, the suspension 15 days after and the rescission 60 after that, each citing its article, and the runs follow it', async () => {
      await withOpaSuite();
      expect((await setPolicy({ preset: 'anatel_rgc_765_2023', trustReleaseMaxDays: null })).status).toBe(200);
      const contractId = await activeContract();
      await call('PATCH', `/v1/customers/${(await call('GET', `/v1/contracts/${contractId}`)).body.customerId}`, {
        body: { mobilePhone: '(11) 98765-4321' },
      });
      await charge(contractId, '2026-11-10');
      dayIs('2026-11-11');
      expect(await timelineOf('2026-11-11', contractId)).toMatchObject({
        notice: { on: '2026-11-11', sent: false },
        heldBack: null,
      });
      // Long overdue, but no notice yet: nothing is suspended.
      expect((await preview('2027-03-01')).changes).toEqual([]);
      expect((await run()).body.changes).toEqual([]);
      await drain();
      const [sent] = partners().opaSuite.messages;
      expect(sent).toMatchObject({ templateId: NOTICE_TEMPLATE });
      expect(JSON.stringify(sent)).toContain('R$ 99,90');
      expect(JSON.stringify(sent)).toContain('proteção ao crédito');
      const notices = (await call('GET', `/v1/contracts/${contractId}/overdue-notices`)).body.items;
      expect(notices).toEqual([
        expect.objectContaining({ channel: 'opa_suite', status: 'sent', sentAt: expect.any(String) }),
      ]);
      expect(await timelineOf('2026-11-11', contractId)).toMatchObject({
        notice: { on: '2026-11-11', sent: true, article: 'Art. 70; Art. 71, I–V' },
        suspension: { on: '2026-11-26', begun: false, article: 'Art. 70' },
        rescission: { on: '2027-01-25', article: 'Art. 73; Art. 75' },
      });
      // A second run sends no second notice for the same debt.
      await run();
      await drain();
      expect(partners().opaSuite.messages).toHaveLength(1);
      dayIs('2026-11-25');
      await run();
      expect(await access(contractId)).toBe('active/active');
      dayIs('2026-11-26');
      expect((await run()).body.changes).toEqual([
        expect.objectContaining({ contractId, stage: 'block', reason: expect.stringContaining('Art. 70') }),
      ]);
      expect(await access(contractId)).toBe('active/automatic_block');
      dayIs('2027-01-25');
      expect((await run()).body.changes).toEqual([
        expect.objectContaining({ contractId, stage: 'cancel', reason: expect.stringContaining('Art. 75') }),
      ]);
      expect(await access(contractId)).toBe('inactive/disabled');
    });

    test('when the customer has no mobile phone, then the preview holds the contract back with the reason, until a notice sent by letter is recorded', async () => {
      await withOpaSuite();
      await setPolicy({ preset: 'anatel_rgc_765_2023', trustReleaseMaxDays: null });
      const contractId = await activeContract();
      const chargeId = await charge(contractId, '2026-11-10');
      dayIs('2026-11-12');
      expect(await timelineOf('2026-11-12', contractId)).toMatchObject({
        notice: null,
        suspension: null,
        heldBack: expect.stringContaining('no mobile phone'),
      });
      await run();
      dayIs('2026-12-20');
      expect((await run()).body.changes).toEqual([]);
      expect(
        await call('POST', `/v1/contracts/${contractId}/overdue-notices`, {
          body: { channel: 'letter', sentAt: '2027-01-01T12:00:00.000Z', content: 'Carta' },
        }),
      ).toMatchObject({ status: 400, body: { errors: [{ field: 'sentAt' }] } });
      const recorded = await call('POST', `/v1/contracts/${contractId}/overdue-notices`, {
        body: {
          channel: 'letter',
          sentAt: '2026-12-01T12:00:00.000Z',
          content: 'Carta registrada: fatura de novembro em aberto…',
        },
      });
      expect(recorded).toMatchObject({
        status: 201,
        body: { chargeId, channel: 'letter', status: 'sent', actor: 'test-admin' },
      });
      expect((await call('GET', `/v1/contracts/${contractId}/overdue-notices`)).body.items).toEqual([
        expect.objectContaining({ id: recorded.body.id, content: 'Carta registrada: fatura de novembro em aberto…' }),
      ]);
      expect(await timelineOf('2026-12-20', contractId)).toMatchObject({
        notice: { on: '2026-12-01', sent: true },
        suspension: { on: '2026-12-16' },
        heldBack: null,
      });
      expect((await run()).body.changes).toEqual([expect.objectContaining({ contractId, stage: 'block' })]);
    });

    test('when a policy was kept on the replaced preset (Res. 632/2014), then the migration moves it to the one in force, in the policy history', async () => {
      await ctx().db.sql.query(
        `INSERT INTO overdue_policy_settings (id, settings, version) VALUES (1, $1::jsonb, 3) ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, version = 3`,
        [
          JSON.stringify({
            preset: 'anatel_rgc_632_2014',
            reportLatePaymentAfterDays: 16,
            blockAfterDays: 46,
            cancelAfterDays: 76,
            trustReleaseMaxDays: 5,
          }),
        ],
      );
      const migration = readMigrations().find((m) => m.name.endsWith('_anatel_rgc_765'))!;
      const policyPart = migration.sql.slice(migration.sql.indexOf('WITH old AS'));
      await ctx().db.sql.query(policyPart);
      expect((await call('GET', '/v1/settings/overdue-policy')).body).toMatchObject({
        preset: 'anatel_rgc_765_2023',
        reportLatePaymentAfterDays: null,
        blockAfterDays: 15,
        cancelAfterDays: 60,
        trustReleaseMaxDays: 5,
        version: 4,
        updatedBy: 'system:migration',
      });
      const [change] = (await call('GET', '/v1/settings/overdue-policy/history')).body.items.slice(-1);
      expect(change).toMatchObject({
        actor: 'system:migration',
        before: { preset: 'anatel_rgc_632_2014' },
        after: { preset: 'anatel_rgc_765_2023' },
      });
    });

    test('when a notice is recorded for a contract with no overdue debt, then 409 and nothing is kept', async () => {
      const contractId = await activeContract();
      expect(
        await call('POST', `/v1/contracts/${contractId}/overdue-notices`, {
          body: { channel: 'email', sentAt: '2026-11-01T12:00:00.000Z', content: 'Aviso' },
        }),
      ).toMatchObject({ status: 409, body: { code: 'NO_OVERDUE_CHARGE' } });
      expect((await call('GET', `/v1/contracts/${contractId}/overdue-notices`)).body.items).toEqual([]);
    });
  });

  test('when the preview is asked for later days, then it lists each stage with its reason and changes nothing', async () => {
    await setPolicy();
    const contractId = await activeContract();
    const chargeId = await charge(contractId);
    const preview = async (date: string) => (await call('GET', `/v1/overdue/preview?date=${date}`)).body;
    expect((await preview('2026-11-14')).changes).toEqual([]);
    const late = await preview('2026-11-15');
    expect(late.counts).toEqual({ latePaymentsReported: 1, blocked: 0, cancelled: 0 });
    expect(late.changes).toEqual([
      {
        contractId,
        stage: 'report_late_payment',
        event: 'report_late_payment',
        from: { status: 'active', accessStatus: 'active' },
        to: { status: 'active', accessStatus: 'late_payment' },
        daysOverdue: 5,
        chargeId,
        dueDate: '2026-11-10',
        reason: `Overdue policy, late payment stage (5 days): charge ${chargeId} due 2026-11-10 is 5 days overdue.`,
      },
    ]);
    expect((await preview('2026-11-25')).changes[0]).toMatchObject({
      stage: 'block',
      to: { accessStatus: 'automatic_block' },
    });
    expect((await preview('2027-01-09')).changes[0]).toMatchObject({ stage: 'cancel', to: { status: 'inactive' } });
    expect((await preview('2027-01-09')).date).toBe('2027-01-09');
    expect(await access(contractId)).toBe('active/active');
    expect((await call('GET', '/v1/overdue/runs')).body.items).toEqual([]);
    expect((await call('GET', '/v1/overdue/preview?date=2026-02-30')).status).toBe(400);
  });

  test('when the policy runs, then each contract moves by the age of its oldest overdue charge, in its history, and its SIP line follows', async () => {
    await setPolicy();
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/voip-lines`, {
      body: { extension: '4021', number: '(11) 3222-1000' },
    });
    const oldest = await charge(contractId, '2026-11-10');
    await charge(contractId, '2026-11-20');
    dayIs('2026-11-25');
    const done = await run();
    expect(done.status).toBe(201);
    expect(done.body.run).toMatchObject({
      asOf: '2026-11-25',
      trigger: 'api',
      actor: 'test-admin',
      latePaymentsReported: 0,
      blocked: 1,
      cancelled: 0,
      rejected: 0,
    });
    expect(await access(contractId)).toBe('active/automatic_block');
    expect(await lastEvent(contractId)).toMatchObject({
      type: 'block',
      mode: 'automatic',
      actor: 'system:overdue-policy',
      reason: expect.stringContaining(`charge ${oldest} due 2026-11-10 is 15 days overdue`),
    });
    await drain();
    expect([...partners().voip.lines.values()].map((l) => l.status)).toEqual(['blocked']);

    // A second run the same day finds nothing left to do.
    expect((await run()).body.changes).toEqual([]);
    expect((await call('GET', '/v1/overdue/runs')).body.items.map((r: { blocked: number }) => r.blocked)).toEqual([
      1, 0,
    ]);
  });

  test('when every overdue charge is paid, then a contract the policy blocked is released at once, and its line with it', async () => {
    await setPolicy();
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/voip-lines`, {
      body: { extension: '4021', number: '(11) 3222-1000' },
    });
    const first = await charge(contractId, '2026-11-10', 5000);
    const second = await charge(contractId, '2026-11-12', 5000);
    dayIs('2026-11-26');
    await run();
    await call('POST', `/v1/charges/${first}/payments`, { body: { amountCents: 5000 } });
    expect(await access(contractId)).toBe('active/automatic_block');
    await call('POST', `/v1/charges/${second}/payments`, { body: { amountCents: 2000 } });
    expect(await access(contractId)).toBe('active/automatic_block');
    await call('POST', `/v1/charges/${second}/payments`, { body: { amountCents: 3000 } });
    expect(await access(contractId)).toBe('active/active');
    expect(await lastEvent(contractId)).toMatchObject({
      type: 'unblock',
      mode: 'automatic',
      actor: 'system:overdue-policy',
      reason: expect.stringContaining(`payment of charge ${second}`),
    });
    await drain();
    expect([...partners().voip.lines.values()].map((l) => l.status)).toEqual(['active']);
  });

  test('when a contract blocked by hand is in debt, then the policy leaves it until the debt reaches the cancel stage, and a payment does not lift it', async () => {
    await setPolicy();
    const contractId = await activeContract();
    await charge(contractId);
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block', reason: 'Pedido do cliente' } });
    dayIs('2027-01-08'); // 59 days overdue
    expect((await run()).body.changes).toEqual([]);
    expect(await access(contractId)).toBe('active/manual_block');
    dayIs('2027-01-09');
    expect((await run()).body.changes).toMatchObject([
      {
        contractId,
        stage: 'cancel',
        from: { accessStatus: 'manual_block' },
        to: { status: 'inactive', accessStatus: 'disabled' },
      },
    ]);
    expect(await access(contractId)).toBe('inactive/disabled');

    // Another contract blocked by hand, whose debt is paid: it stays blocked.
    const other = await activeContract(OTHER_CPF);
    const otherCharge = await charge(other, '2027-01-01');
    await call('POST', `/v1/contracts/${other}/events`, { body: { type: 'block' } });
    await call('POST', `/v1/charges/${otherCharge}/payments`, { body: { amountCents: 9990 } });
    expect(await access(other)).toBe('active/manual_block');
  });

  test('when a trust release is given, then the contract is released while the debt stays, blocked again when the days run out, and once per cycle', async () => {
    await setPolicy();
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/voip-lines`, {
      body: { extension: '4021', number: '(11) 3222-1000' },
    });
    const chargeId = await charge(contractId);
    dayIs('2026-11-25');
    await run();
    const trust = (body: Record<string, unknown>) =>
      call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'trust_release', ...body } });

    expect((await trust({})).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'days' }] });
    expect((await trust({ days: 4 })).body).toMatchObject({
      code: 'TRUST_RELEASE_TOO_LONG',
      errors: [{ field: 'days' }],
    });
    const given = await trust({ days: 3, reason: 'Cliente prometeu pagar na sexta' });
    expect(given.status).toBe(201);
    expect(given.body.contract).toMatchObject({
      status: 'active',
      accessStatus: 'active',
      trustReleaseEndsOn: '2026-11-28',
      trustReleasedAt: expect.any(String),
    });
    await drain();
    expect([...partners().voip.lines.values()].map((l) => l.status)).toEqual(['active']);

    dayIs('2026-11-27');
    expect((await run()).body.changes).toEqual([]);
    expect((await call('GET', '/v1/overdue/preview?date=2026-11-28')).body.changes).toMatchObject([
      { contractId, stage: 'block' },
    ]);
    dayIs('2026-11-28');
    expect((await run()).body.run.blocked).toBe(1);
    expect(await access(contractId)).toBe('active/automatic_block');
    expect((await trust({ days: 1 })).body.code).toBe('TRUST_RELEASE_ALREADY_USED');

    // Paying ends the cycle: released, and a later debt may have its own trust release.
    await call('POST', `/v1/charges/${chargeId}/payments`, { body: { amountCents: 9990 } });
    expect((await call('GET', `/v1/contracts/${contractId}`)).body).toMatchObject({
      accessStatus: 'active',
      trustReleaseEndsOn: null,
      trustReleasedAt: null,
    });
    await charge(contractId, '2026-11-30');
    dayIs('2026-12-20');
    await run();
    expect((await trust({ days: 2 })).status).toBe(201);
  });

  test('when a trust release is asked where it does not fit, then it is refused and nothing changes', async () => {
    const contractId = await activeContract();
    await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'block' } });
    const trust = (days: number) =>
      call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'trust_release', days } });
    expect((await trust(1)).body.code).toBe('TRUST_RELEASE_NOT_OFFERED');
    await setPolicy();
    expect((await trust(1)).body.code).toBe('NO_OVERDUE_CHARGE');
    expect(
      (await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'unblock', days: 2 } })).body,
    ).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'days' }] });
    expect(
      (await call('POST', '/v1/contracts/bulk-events', { body: { type: 'trust_release', contractIds: [contractId] } }))
        .status,
    ).toBe(400);
    expect(await access(contractId)).toBe('active/manual_block');
  });

  test('when runs race, then each contract moves once and the runs add up', async () => {
    await setPolicy();
    const ids: string[] = [];
    for (const document of [CPF, OTHER_CPF]) {
      const id = await activeContract(document);
      await charge(id);
      ids.push(id);
    }
    dayIs('2026-11-25');
    const answers = await Promise.all([run(), run(), run()]);
    const ok = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => a.status === 201 || a.body.code === 'OVERDUE_RUN_IN_PROGRESS')).toBe(true);
    expect(ok.reduce((sum, a) => sum + a.body.run.blocked, 0)).toBe(2);
    for (const id of ids) {
      const blocks = (await call('GET', `/v1/contracts/${id}/events`)).body.items.filter(
        (e: { type: string }) => e.type === 'block',
      );
      expect(blocks).toHaveLength(1);
    }
  });
});
