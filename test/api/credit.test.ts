import { describeApi } from '../helpers/api-suite';
import { SERASA_LOGIN, SERASA_PEFIN_LOGIN, SERASA_URL, SPC_LOGIN, SPC_URL, usePartners } from '../helpers/partners';
import { CPF } from '../helpers/test-app';
import { readMigrations } from '../../src/adapters/db/migrator';

/* Issue 12, items 1–4: credit-analysis integrations, consults with the interval guard, negativation (seed 000). */
describeApi('credit analysis', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const DAY = 86_400_000;

  const serasa = async (extra: Record<string, unknown> = {}) => {
    const created = await call('POST', '/v1/credit-integrations', {
      body: {
        bureau: 'serasa',
        url: SERASA_URL,
        ...SERASA_LOGIN,
        negativationUsername: SERASA_PEFIN_LOGIN.username,
        negativationPassword: SERASA_PEFIN_LOGIN.password,
        ...extra,
      },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; webhookSecret: string | null; webhookUrl: string };
  };
  const spc = async () =>
    (await call('POST', '/v1/credit-integrations', { body: { bureau: 'spc', url: SPC_URL, ...SPC_LOGIN } })).body as {
      id: string;
    };
  const settings = async () => (await call('GET', '/v1/settings/integrations')).body;
  const consult = (integrationId: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/credit-consultations', {
      body: { document: CPF, integrationId, purpose: 'Novo contrato de fibra', ...extra },
    });

  /** A contract blocked then cancelled for an overdue charge: the usual path to negativation. */
  const cancelledDebtor = async () => {
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    const charge = (
      await call('POST', `/v1/contracts/${contract.id}/charges`, {
        body: { amountCents: 12990, dueDate: '2026-10-10', competence: '2026-10' },
      })
    ).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'block', mode: 'automatic' } });
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'cancel', mode: 'automatic' } });
    return { contractId: contract.id as string, chargeId: charge.id as string };
  };
  const contractOf = async (id: string) => (await call('GET', `/v1/contracts/${id}`)).body;
  const webhook = (integrationId: string, secret: string, body: unknown) =>
    call('POST', `/v1/webhooks/credit/${integrationId}`, {
      body,
      key: null,
      headers: { authorization: `Bearer ${secret}` },
    });

  test('when no credit integration exists, then consults and negativations answer CREDIT_ANALYSIS_DISABLED and contracts are not negativable', async () => {
    const { contractId, chargeId } = await cancelledDebtor();
    expect(await consult('0193a4fb-7e10-7a2b-8c3d-4e5f6a7b8c9d')).toMatchObject({
      status: 409,
      body: { code: 'CREDIT_ANALYSIS_DISABLED' },
    });
    expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).toMatchObject({
      status: 409,
      body: { code: 'CREDIT_ANALYSIS_DISABLED' },
    });
    const customer = (await call('POST', '/v1/customers', { body: { name: 'João', document: '111.444.777-35' } })).body;
    const running = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    const activated = await call('POST', `/v1/contracts/${running.id}/events`, { body: { type: 'activate' } });
    expect(activated.body.contract).toMatchObject({ negativable: false });
    expect(activated.body.contract.allowedEvents).not.toContain('negativate');
    expect(await contractOf(contractId)).toMatchObject({ status: 'inactive', negativable: false });
  });

  describe('a contract is negativated only through a bureau (seed 000)', () => {
    const refusedOn = async (contractId: string) => {
      const before = await contractOf(contractId);
      const one = await call('POST', `/v1/contracts/${contractId}/events`, { body: { type: 'negativate' } });
      expect(one).toMatchObject({
        status: 409,
        body: { code: 'NEGATIVATION_ONLY_THROUGH_BUREAU', detail: expect.stringContaining('POST /v1/negativations') },
      });
      const bulk = await call('POST', '/v1/contracts/bulk-events', {
        body: { type: 'negativate', contractIds: [contractId] },
      });
      expect(bulk).toMatchObject({ status: 409, body: { code: 'NEGATIVATION_ONLY_THROUGH_BUREAU' } });
      const removal = await call('POST', `/v1/contracts/${contractId}/events`, {
        body: { type: 'remove_negativation' },
      });
      expect(removal).toMatchObject({
        status: 409,
        body: {
          code: 'NEGATIVATION_ONLY_THROUGH_BUREAU',
          detail: expect.stringContaining('DELETE /v1/negativations/{id}'),
        },
      });
      const after = await contractOf(contractId);
      expect(after).toMatchObject({
        status: before.status,
        accessStatus: before.accessStatus,
        version: before.version,
      });
    };

    test('when credit analysis is off, then the events route and the bulk route refuse negativate and the contract stays as it was', async () => {
      const { contractId } = await cancelledDebtor();
      await refusedOn(contractId);
    });

    test('when credit analysis is on, then the events route still refuses it; the contract is negativable, and POST /v1/negativations negativates it', async () => {
      await serasa();
      const { contractId, chargeId } = await cancelledDebtor();
      expect(await contractOf(contractId)).toMatchObject({ status: 'inactive', negativable: true, allowedEvents: [] });
      await refusedOn(contractId);
      expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).toMatchObject({
        status: 201,
      });
      expect(await contractOf(contractId)).toMatchObject({ status: 'negativated', negativable: false });
    });

    test('when a contract was negativated without a bureau by an earlier version, then the migration brings it back to inactive with a history line; one a negativation holds stays', async () => {
      await serasa();
      const held = await cancelledDebtor();
      await call('POST', '/v1/negativations', { body: { contractId: held.contractId, chargeId: held.chargeId } });
      const customer = (await call('POST', '/v1/customers', { body: { name: 'João', document: '111.444.777-35' } }))
        .body;
      const stuck = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
      await call('POST', `/v1/contracts/${stuck.id}/events`, { body: { type: 'cancel' } });
      // What the events route of an earlier version left: negativated, and no negativation.
      await ctx().db.sql.query(`UPDATE contracts SET status = 'negativated' WHERE id = $1`, [stuck.id]);
      const migration = readMigrations().find((m) => m.name.endsWith('_negativation_through_bureau'))!;
      await ctx().db.sql.query(migration.sql);
      expect(await contractOf(stuck.id)).toMatchObject({
        status: 'inactive',
        accessStatus: 'disabled',
        version: stuck.version + 2,
      });
      const [last] = (await call('GET', `/v1/contracts/${stuck.id}/events`)).body.items.slice(-1);
      expect(last).toMatchObject({
        type: 'remove_negativation',
        actor: 'system:migration',
        before: { status: 'negativated' },
        after: { status: 'inactive', accessStatus: 'disabled' },
      });
      expect(await contractOf(held.contractId)).toMatchObject({ status: 'negativated' });
    });
  });

  test('when a bureau is created with an Idempotency-Key and replayed, then the replay is the first answer without the secret Ponte made, and no stored answer keeps it', async () => {
    const body = { bureau: 'serasa', url: SERASA_URL, ...SERASA_LOGIN };
    const headers = { 'idempotency-key': 'serasa-1' };
    const first = await call('POST', '/v1/credit-integrations', { body, headers });
    expect(first.body.webhookSecret).toEqual(expect.any(String));
    const replay = await call('POST', '/v1/credit-integrations', { body, headers });
    expect(replay).toMatchObject({
      status: 201,
      headers: { 'idempotent-replayed': 'true' },
      body: { id: first.body.id, webhookSecret: null },
    });
    const stored = await ctx().db.sql.query<{ body: string }>(
      `SELECT response_body::text AS body FROM idempotency_keys`,
    );
    expect(stored.map((r) => r.body).join('\n')).not.toContain(first.body.webhookSecret);
  });

  test('when a bureau is registered, then credit analysis switches on (kept in the settings history), its secrets are never shown, and it switches off with the last active one', async () => {
    const created = await serasa();
    expect(created).toMatchObject({
      bureau: 'serasa',
      active: true,
      credentialsSet: true,
      webhookUrl: `/v1/webhooks/credit/${created.id}`,
      webhookSecret: expect.any(String),
    });
    const shown =
      JSON.stringify(await call('GET', `/v1/credit-integrations/${created.id}`)) +
      JSON.stringify(await call('GET', '/v1/credit-integrations'));
    for (const secret of [SERASA_LOGIN.password, SERASA_PEFIN_LOGIN.password, created.webhookSecret!])
      expect(shown).not.toContain(secret);
    expect((await settings()).creditAnalysis.enabled).toBe(true);
    const history = (await call('GET', '/v1/settings/integrations/history')).body.items;
    expect(history.at(-1)).toMatchObject({ actor: 'test-admin', changed: ['creditAnalysis.enabled'] });

    expect(
      (await call('PATCH', `/v1/credit-integrations/${created.id}`, { body: { active: false } })).body.active,
    ).toBe(false);
    expect((await settings()).creditAnalysis.enabled).toBe(false);
    await call('PATCH', `/v1/credit-integrations/${created.id}`, { body: { active: true } });
    expect((await settings()).creditAnalysis.enabled).toBe(true);
    expect((await call('DELETE', `/v1/credit-integrations/${created.id}`)).status).toBe(204);
    expect((await settings()).creditAnalysis.enabled).toBe(false);
  });

  test('when negativation credentials are sent for a bureau other than Serasa, or only half of them, then the request is refused naming the field', async () => {
    expect(
      await call('POST', '/v1/credit-integrations', {
        body: { bureau: 'spc', url: SPC_URL, ...SPC_LOGIN, negativationUsername: 'x', negativationPassword: 'y' },
      }),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'negativationUsername' }, { field: 'negativationPassword' }] },
    });
    expect(
      await call('POST', '/v1/credit-integrations', {
        body: { bureau: 'serasa', url: SERASA_URL, ...SERASA_LOGIN, negativationUsername: 'x' },
      }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'negativationPassword' }] } });
    expect((await call('GET', '/v1/credit-integrations')).body.items).toEqual([]);
  });

  test('when a CPF is consulted, then the answer is stored with who asked and why; again inside the interval it needs confirm: true, and not after it', async () => {
    const { id } = await serasa();
    await call('PATCH', '/v1/settings/integrations', { body: { creditAnalysis: { reconsultIntervalDays: 30 } } });
    const first = await consult(id);
    expect(first).toMatchObject({
      status: 201,
      body: {
        bureau: 'serasa',
        document: '52998224725',
        documentType: 'cpf',
        purpose: 'Novo contrato de fibra',
        actor: 'test-admin',
        status: 'completed',
        registrationStatus: 'REGULAR',
        confirmed: false,
      },
    });
    expect(first.body.raw).toMatchObject({ reports: expect.any(Array) });

    ctx().clock.advanceDays(29);
    const again = await consult(id);
    expect(again).toMatchObject({
      status: 409,
      body: {
        code: 'CONFIRMATION_REQUIRED',
        previousConsultationId: first.body.id,
        previousConsultedAt: first.body.consultedAt,
      },
    });
    const confirmed = await consult(id, { confirm: true });
    expect(confirmed).toMatchObject({ status: 201, body: { confirmed: true } });

    ctx().clock.advanceDays(30);
    expect(await consult(id)).toMatchObject({ status: 201, body: { confirmed: false } });
    const listed = (await call('GET', '/v1/credit-consultations?document=529.982.247-25')).body.items;
    expect(listed).toHaveLength(3);
    expect(listed[0].consultedAt > listed[2].consultedAt).toBe(true);
    expect(
      (
        await call(
          'GET',
          `/v1/credit-consultations?document=52998224725&to=${encodeURIComponent(new Date(ctx().clock.now().getTime() - DAY).toISOString())}`,
        )
      ).body.items,
    ).toHaveLength(2);
  });

  test('when the interval is 0 or unset, then the same CPF is consulted again without confirmation', async () => {
    const { id } = await serasa();
    expect((await consult(id)).status).toBe(201);
    expect((await consult(id)).status).toBe(201);
    await call('PATCH', '/v1/settings/integrations', { body: { creditAnalysis: { reconsultIntervalDays: 0 } } });
    expect((await consult(id)).status).toBe(201);
  });

  test('when the bureau fails the consult, then the answer is a 502, the failed consult is kept and does not count for the guard', async () => {
    const { id } = await serasa();
    await call('PATCH', '/v1/settings/integrations', { body: { creditAnalysis: { reconsultIntervalDays: 30 } } });
    partners().serasa.setFaults({ script: ['5xx'] });
    expect(await consult(id)).toMatchObject({ status: 502, body: { code: 'PARTNER_UNAVAILABLE' } });
    expect((await call('GET', '/v1/credit-consultations')).body.items).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringContaining('503'), raw: null }),
    ]);
    expect((await consult(id)).status).toBe(201);
  });

  test("when the raw answers' retention ends, then they are dropped and the summary stays", async () => {
    const { id } = await serasa();
    const made = (await consult(id)).body;
    expect(made.rawExpiresAt).toBe(new Date(ctx().clock.now().getTime() + 90 * DAY).toISOString());
    ctx().clock.advanceDays(91);
    expect(await ctx().api.app.store.credit.purgeRawAnswers(ctx().clock.now())).toBe(1);
    expect((await call('GET', `/v1/credit-consultations/${made.id}`)).body).toMatchObject({
      raw: null,
      score: made.score,
      name: made.name,
    });
  });

  test('when a cancelled contract is negativated at Serasa, then it is negativated at once, pending until the webhook; twice is harmless; after payment its removal brings it back to inactive', async () => {
    const integration = await serasa();
    const { contractId, chargeId } = await cancelledDebtor();
    expect(await contractOf(contractId)).toMatchObject({ allowedEvents: [], negativable: true });
    const created = await call('POST', '/v1/negativations', { body: { contractId, chargeId } });
    expect(created).toMatchObject({
      status: 201,
      body: { contractId, chargeId, bureau: 'serasa', state: 'pending', amountCents: 12990, dueDate: '2026-10-10' },
    });
    expect(await contractOf(contractId)).toMatchObject({ status: 'negativated', accessStatus: 'disabled' });
    expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).toMatchObject({
      status: 409,
      body: { code: 'NEGATIVATION_EXISTS' },
    });

    await drain();
    const sent = (await call('GET', `/v1/negativations/${created.body.id}`)).body;
    expect(sent).toMatchObject({ state: 'pending', requestId: expect.any(String) });
    const debt = partners().serasa.debts.get(sent.requestId)!;
    expect(debt).toMatchObject({
      login: SERASA_PEFIN_LOGIN.username,
      document: '52998224725',
      name: 'Maria Souza',
      contractNumber: created.body.id,
      amount: '129.90',
      dueDate: '2026-10-10',
    });

    const notification = partners().serasa.settle(sent.requestId);
    expect(await webhook(integration.id, integration.webhookSecret!, notification)).toMatchObject({
      status: 200,
      body: { negativationId: created.body.id, state: 'registered' },
    });
    expect(await webhook(integration.id, integration.webhookSecret!, notification)).toMatchObject({
      status: 200,
      body: { state: 'registered' },
    });
    expect((await call('GET', `/v1/negativations/${created.body.id}`)).body).toMatchObject({
      state: 'registered',
      registeredAt: expect.any(String),
    });

    await call('POST', `/v1/charges/${chargeId}/payments`, {
      body: { amountCents: 12990, paidAt: ctx().clock.now().toISOString() },
    });
    const removed = await call('DELETE', `/v1/negativations/${created.body.id}`);
    expect(removed).toMatchObject({ status: 200, body: { state: 'removed', removedAt: expect.any(String) } });
    expect(await contractOf(contractId)).toMatchObject({ status: 'inactive', accessStatus: 'disabled' });
    const history = (await call('GET', `/v1/contracts/${contractId}/events`)).body.items.map(
      (e: { type: string }) => e.type,
    );
    expect(history.slice(-2)).toEqual(['negativate', 'remove_negativation']);
    await drain();
    expect(debt.status).toBe('REMOVED');
    expect((await call('GET', `/v1/negativations/${created.body.id}`)).body.removalConfirmedAt).toEqual(
      expect.any(String),
    );
    expect((await call('DELETE', `/v1/negativations/${created.body.id}`)).body.state).toBe('removed');
  });

  test('when the webhook has a wrong secret, an unknown integration or an unknown debt, then it is refused and nothing changes', async () => {
    const integration = await serasa();
    const { contractId, chargeId } = await cancelledDebtor();
    const created = (await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).body;
    await drain();
    const { requestId } = (await call('GET', `/v1/negativations/${created.id}`)).body;
    const notification = partners().serasa.settle(requestId);
    expect(await webhook(integration.id, 'not-the-secret-at-all', notification)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
    expect(
      await webhook('0193a4fb-7e10-7a2b-8c3d-4e5f6a7b8c9d', integration.webhookSecret!, notification),
    ).toMatchObject({ status: 404, body: { code: 'CREDIT_INTEGRATION_NOT_FOUND' } });
    expect(
      await webhook(integration.id, integration.webhookSecret!, { ...notification, uuid: 'unknown-transaction' }),
    ).toMatchObject({ status: 404, body: { code: 'NEGATIVATION_NOT_FOUND' } });
    expect(await webhook(integration.id, integration.webhookSecret!, { something: 'else' })).toMatchObject({
      status: 400,
    });
    expect((await call('GET', `/v1/negativations/${created.id}`)).body.state).toBe('pending');
  });

  test('when Serasa refuses the debt by webhook, then the negativation fails with its reason and the contract is back to inactive', async () => {
    const integration = await serasa({ webhookSecret: 'a-secret-of-my-choosing-42' });
    expect(integration.webhookSecret).toBeNull();
    const { contractId, chargeId } = await cancelledDebtor();
    const created = (await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).body;
    await drain();
    const { requestId } = (await call('GET', `/v1/negativations/${created.id}`)).body;
    await webhook(
      integration.id,
      'a-secret-of-my-choosing-42',
      partners().serasa.settle(requestId, { status: 'ERROR', message: 'Dívida contestada pelo consumidor' }),
    );
    expect((await call('GET', `/v1/negativations/${created.id}`)).body).toMatchObject({
      state: 'failed',
      message: 'Dívida contestada pelo consumidor',
    });
    expect(await contractOf(contractId)).toMatchObject({ status: 'inactive' });
    expect(await call('DELETE', `/v1/negativations/${created.id}`)).toMatchObject({
      status: 409,
      body: { code: 'NEGATIVATION_NOT_REMOVABLE' },
    });
    // A failed negativation is not live: the charge can go again.
    expect((await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).status).toBe(201);
  });

  test('when SPC Brasil takes the debt, then it is registered as soon as it is delivered; a debtor under 18 is refused, the contract goes back, and the delivery shows why', async () => {
    await spc();
    const { contractId, chargeId } = await cancelledDebtor();
    const created = (await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).body;
    await drain();
    expect((await call('GET', `/v1/negativations/${created.id}`)).body).toMatchObject({
      state: 'registered',
      requestId: created.id,
    });
    expect(partners().spc.debts.get(created.id)).toMatchObject({ document: '52998224725', amount: '129.90' });
    await call('DELETE', `/v1/negativations/${created.id}`);
    await drain();
    expect(partners().spc.debts.size).toBe(0);

    partners().spc.minors.add('52998224725');
    const refused = (await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).body;
    expect((await contractOf(contractId)).status).toBe('negativated');
    await drain();
    expect((await call('GET', `/v1/negativations/${refused.id}`)).body).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('menor de idade'),
    });
    expect((await contractOf(contractId)).status).toBe('inactive');
    const [delivery] = (await call('GET', `/v1/integration-deliveries?targetKind=negativation&targetId=${refused.id}`))
      .body.items;
    expect(delivery).toMatchObject({
      status: 'dead',
      lastError: { kind: 'rejected', message: expect.stringContaining('menor de idade') },
    });
  });

  test("when the charge is not overdue, not open, or not the contract's, then negativation is refused and nothing is written", async () => {
    await serasa();
    const { contractId, chargeId } = await cancelledDebtor();
    const future = (
      await call('POST', `/v1/contracts/${contractId}/charges`, {
        body: { amountCents: 5000, dueDate: '2026-12-10', competence: '2026-12' },
      })
    ).body;
    expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId: future.id } })).toMatchObject({
      status: 409,
      body: { code: 'CHARGE_NOT_OVERDUE' },
    });
    await call('POST', `/v1/charges/${chargeId}/payments`, {
      body: { amountCents: 12990, paidAt: ctx().clock.now().toISOString() },
    });
    expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).toMatchObject({
      status: 409,
      body: { code: 'CHARGE_NOT_OPEN' },
    });
    expect((await call('GET', '/v1/negativations')).body.items).toEqual([]);
    expect((await contractOf(contractId)).status).toBe('inactive');
  });

  test('when several integrations are active, then a negativation must name its integration', async () => {
    await serasa();
    const other = await spc();
    const { contractId, chargeId } = await cancelledDebtor();
    expect(await call('POST', '/v1/negativations', { body: { contractId, chargeId } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'integrationId' }] },
    });
    expect(
      await call('POST', '/v1/negativations', { body: { contractId, chargeId, integrationId: other.id } }),
    ).toMatchObject({ status: 201, body: { bureau: 'spc' } });
    expect(await call('DELETE', `/v1/credit-integrations/${other.id}`)).toMatchObject({
      status: 409,
      body: { code: 'CREDIT_INTEGRATION_IN_USE' },
    });
  });

  test('when a key lacks the credit scope, then consults are forbidden', async () => {
    const { id } = await serasa();
    const key = await ctx().api.keyWith('sales-desk', ['customers:read', 'contracts:write']);
    expect(
      await call('POST', '/v1/credit-consultations', { key, body: { document: CPF, integrationId: id, purpose: 'x' } }),
    ).toMatchObject({ status: 403 });
    expect(await call('GET', '/v1/credit-consultations', { key })).toMatchObject({ status: 403 });
  });
});
