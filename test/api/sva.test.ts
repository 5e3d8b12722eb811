import { svaUserEffect } from '../../src/domain/sva/sva';
import { describeApi } from '../helpers/api-suite';
import { asStored, storedEffects } from '../helpers/outbox-rows';
import { EXA_PREFIX, SABER_TOKEN, usePartners } from '../helpers/partners';
import { CPF, EXA_URL, MOBILE, OTHER_CPF } from '../helpers/test-app';

const partners = usePartners();

describeApi('SVA platforms Saber+ and EXA', (ctx) => {
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();

  const saberIntegration = async () =>
    (
      await call('POST', '/v1/sva-integrations', {
        body: { platform: 'saber_plus', description: 'Saber+', token: SABER_TOKEN },
      })
    ).body;
  const exaIntegration = async (fields: Record<string, unknown> = {}) =>
    (
      await call('POST', '/v1/sva-integrations', {
        body: { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX, autoCreateUsers: true, ...fields },
      })
    ).body;
  const svaProduct = async (svaIntegrationId: string, svaPackage: string) =>
    (
      await call('POST', '/v1/products', {
        body: { name: svaPackage, type: 'sva', priceCents: 1990, svaIntegrationId, svaPackage },
      })
    ).body;
  const activeContract = async (customer: Record<string, unknown> = {}, { activate = true } = {}) => {
    const created = await call('POST', '/v1/customers', {
      body: { name: 'Maria Silva', document: CPF, email: 'maria@example.com', mobilePhone: MOBILE, ...customer },
    });
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: created.body.id } })).body;
    if (activate) await event(contract.id, 'activate');
    return contract.id as string;
  };
  const event = (id: string, type: string, mode?: string) =>
    call('POST', `/v1/contracts/${id}/events`, { body: { type, ...(mode ? { mode } : {}) } });
  const addProduct = (contractId: string, productId: string) =>
    call('POST', `/v1/contracts/${contractId}/products`, { body: { productId } });
  const users = async (contractId: string) => (await call('GET', `/v1/contracts/${contractId}/sva-users`)).body.items;
  const onPlatform = (platform: 'saberPlus' | 'exa') =>
    partners()
      [platform].users()
      .map((u) => ({ username: u.username, status: u.status }));

  describe('integrations', () => {
    test('when a Saber+ integration is registered, then its token is sealed at rest and never shown', async () => {
      const integration = await saberIntegration();
      expect(integration).toMatchObject({ platform: 'saber_plus', credentialsSet: true, authError: null });
      const read = await call('GET', `/v1/sva-integrations/${integration.id}`);
      expect(read.raw).not.toContain(SABER_TOKEN);
      const [row] = await ctx().db.sql.query<{ sealed_credentials: string }>(
        'SELECT sealed_credentials FROM sva_integrations',
      );
      expect(row!.sealed_credentials).not.toContain(SABER_TOKEN);
      expect(row!.sealed_credentials).toMatch(/^v1\./);
    });

    test('when a second Saber+ integration is registered, then it is refused with 409', async () => {
      await saberIntegration();
      const second = await call('POST', '/v1/sva-integrations', { body: { platform: 'saber_plus', token: 'other' } });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('SVA_INTEGRATION_SABER_PLUS_EXISTS');
    });

    test('when the platform of an integration is changed, then 409; description and credentials can change', async () => {
      const integration = await exaIntegration();
      const platform = await call('PATCH', `/v1/sva-integrations/${integration.id}`, {
        body: { platform: 'saber_plus' },
      });
      expect(platform.status).toBe(409);
      expect(platform.body.code).toBe('SVA_INTEGRATION_PLATFORM_IMMUTABLE');
      const changed = await call('PATCH', `/v1/sva-integrations/${integration.id}`, {
        body: { description: 'EXA sul', prefix: 'novo-prefixo' },
      });
      expect(changed.body).toMatchObject({ platform: 'exa', description: 'EXA sul' });
      expect(changed.raw).not.toContain('novo-prefixo');
    });

    test('when a field of the other platform is sent, or a required one is missing, then 400 names it', async () => {
      const wrong = await call('POST', '/v1/sva-integrations', {
        body: { platform: 'saber_plus', token: 't', url: EXA_URL },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
      const missing = await call('POST', '/v1/sva-integrations', { body: { platform: 'exa', url: EXA_URL } });
      expect(missing.body.errors).toEqual([{ field: 'prefix', message: expect.any(String) }]);
    });

    test("when Saber+ packages are asked for, then the platform's list comes back; EXA has none to list", async () => {
      const packages = await call('GET', `/v1/sva-integrations/${(await saberIntegration()).id}/packages`);
      expect(packages.body.items).toContainEqual({ code: 'SABER-FAMILIA', name: 'Saber+ Família' });
      expect((await call('GET', `/v1/sva-integrations/${(await exaIntegration()).id}/packages`)).body.code).toBe(
        'SVA_PACKAGES_NOT_LISTED',
      );
    });

    test('when the Saber+ token is refused, then listing packages answers 502 PARTNER_AUTH_FAILED', async () => {
      const integration = await saberIntegration();
      partners().saberPlus.revoked.add(SABER_TOKEN);
      const packages = await call('GET', `/v1/sva-integrations/${integration.id}/packages`);
      expect(packages.status).toBe(502);
      expect(packages.body.code).toBe('PARTNER_AUTH_FAILED');
    });

    test('when an integration still has products, then it cannot be deleted', async () => {
      const integration = await exaIntegration();
      await svaProduct(integration.id, 'EXA-SEG-BASICO');
      expect((await call('DELETE', `/v1/sva-integrations/${integration.id}`)).body.code).toBe('SVA_INTEGRATION_IN_USE');
    });
  });

  describe('SVA products', () => {
    test('when a Saber+ product names a package the platform does not list, then 422 names svaPackage', async () => {
      const integration = await saberIntegration();
      const product = await call('POST', '/v1/products', {
        body: { name: 'X', type: 'sva', priceCents: 100, svaIntegrationId: integration.id, svaPackage: 'NOPE' },
      });
      expect(product.status).toBe(422);
      expect(product.body).toMatchObject({ code: 'UNKNOWN_SVA_PACKAGE', errors: [{ field: 'svaPackage' }] });
    });

    test('when Saber+ cannot be reached to check the package, then 502 and no product', async () => {
      const integration = await saberIntegration();
      partners().saberPlus.setFaults({ script: ['5xx'] });
      const product = await call('POST', '/v1/products', {
        body: {
          name: 'X',
          type: 'sva',
          priceCents: 100,
          svaIntegrationId: integration.id,
          svaPackage: 'SABER-FAMILIA',
        },
      });
      expect(product.status).toBe(502);
      expect(product.body.code).toBe('PARTNER_UNAVAILABLE');
      expect((await call('GET', '/v1/products')).body.items).toEqual([]);
    });

    test('when an SVA product lacks its package, or another type carries one, then 400', async () => {
      const integration = await exaIntegration();
      expect(
        (
          await call('POST', '/v1/products', {
            body: { name: 'X', type: 'sva', priceCents: 1, svaIntegrationId: integration.id },
          })
        ).body.errors,
      ).toEqual([{ field: 'svaPackage', message: expect.any(String) }]);
      expect(
        (await call('POST', '/v1/products', { body: { name: 'X', type: 'internet', priceCents: 1, svaPackage: 'P' } }))
          .status,
      ).toBe(400);
    });
  });

  describe('Saber+ users (seed 002)', () => {
    const setup = async () => {
      const product = await svaProduct((await saberIntegration()).id, 'SABER-FAMILIA');
      const contractId = await activeContract();
      return { product, contractId };
    };

    test('when the product is not on the contract, then the user is refused', async () => {
      const { product, contractId } = await setup();
      const user = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, useCustomerData: true },
      });
      expect(user.status).toBe(422);
      expect(user.body).toMatchObject({ code: 'SVA_PRODUCT_NOT_ON_CONTRACT', errors: [{ field: 'productId' }] });
    });

    test('when a user follows its contract through late payment, block, unblock and cancel, then the platform follows', async () => {
      const { product, contractId } = await setup();
      await addProduct(contractId, product.id);
      const user = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, useCustomerData: true, password: 'segredo123' },
      });
      expect(user.status).toBe(201);
      expect(user.body).toMatchObject({
        username: '52998224725',
        document: '52998224725',
        status: 'active',
        passwordSet: true,
        syncStatus: 'pending',
      });
      expect(user.raw).not.toContain('segredo123');
      await drain();
      expect(onPlatform('saberPlus')).toEqual([{ username: '52998224725', status: 'active' }]);
      expect(partners().saberPlus.users()[0]?.password).toBe('segredo123');

      for (const [type, mode, expected] of [
        ['report_late_payment', undefined, 'active'],
        ['block', 'automatic', 'blocked'],
        ['unblock', undefined, 'active'],
        ['cancel', undefined, 'deactivated'],
      ] as const) {
        await event(contractId, type, mode);
        expect((await users(contractId))[0].status).toBe(expected);
        await drain();
        expect(onPlatform('saberPlus')).toEqual([{ username: '52998224725', status: expected }]);
      }
      expect((await call('GET', `/v1/sva-users/${user.body.id}`)).body.syncStatus).toBe('synced');
      const reactivate = await call('POST', `/v1/sva-users/${user.body.id}/activate`);
      expect(reactivate.status).toBe(409);
      expect(reactivate.body.code).toBe('SVA_USER_ACTIVATION_NOT_ALLOWED');
    });

    test('when a second user with the same CPF is created on the contract, then 409 "CPF já cadastrado"', async () => {
      const { product, contractId } = await setup();
      await addProduct(contractId, product.id);
      await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, useCustomerData: true },
      });
      const second = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, document: CPF, mobilePhone: '(21) 98888-7777' },
      });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'SVA_USER_CPF_TAKEN', detail: 'CPF já cadastrado' });
    });

    test('when the customer has no mobile phone, then the problem lists it', async () => {
      const product = await svaProduct((await saberIntegration()).id, 'SABER-FAMILIA');
      const contractId = await activeContract({ mobilePhone: null, document: OTHER_CPF });
      await addProduct(contractId, product.id);
      const user = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, useCustomerData: true },
      });
      expect(user.status).toBe(422);
      expect(user.body).toMatchObject({ code: 'SVA_USER_MISSING_DATA', errors: [{ field: 'customer/mobilePhone' }] });
    });

    test('when a user is deactivated, edited, activated and deleted by hand, then the platform follows and the contract stays', async () => {
      const { product, contractId } = await setup();
      await addProduct(contractId, product.id);
      const { id } = (
        await call('POST', `/v1/contracts/${contractId}/sva-users`, {
          body: { productId: product.id, useCustomerData: true },
        })
      ).body;
      expect((await call('POST', `/v1/sva-users/${id}/deactivate`)).body.status).toBe('deactivated');
      expect((await call('GET', `/v1/contracts/${contractId}`)).body.status).toBe('active');
      await event(contractId, 'block', 'manual');
      await event(contractId, 'unblock');
      expect((await call('GET', `/v1/sva-users/${id}`)).body.status).toBe('deactivated');
      expect(
        (await call('PATCH', `/v1/sva-users/${id}`, { body: { mobilePhone: '(21) 98888-7777' } })).body.mobilePhone,
      ).toBe('+5521988887777');
      await drain();
      expect(partners().saberPlus.users()[0]).toMatchObject({ status: 'deactivated', mobilePhone: '+5521988887777' });
      expect((await call('POST', `/v1/sva-users/${id}/activate`)).body.status).toBe('active');
      await drain();
      expect(onPlatform('saberPlus')).toEqual([{ username: '52998224725', status: 'active' }]);
      expect((await call('DELETE', `/v1/sva-users/${id}`)).status).toBe(204);
      expect((await call('GET', `/v1/sva-users/${id}`)).status).toBe(404);
      await drain();
      expect(onPlatform('saberPlus')).toEqual([]);
    });
  });

  describe('personal data (docs/security.md)', () => {
    test('when a key without customers:read lists SVA users, then the document, name, e-mail and phone come masked; with it, in clear', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract();
      await addProduct(contractId, product.id);
      const contractsOnly = await ctx().api.keyWith('contracts-reader', ['contracts:read']);
      const masked = await call('GET', `/v1/contracts/${contractId}/sva-users`, { key: contractsOnly });
      for (const secret of ['52998224725', 'maria@example.com', 'Maria Silva', '+5511912345678'])
        expect(masked.raw).not.toContain(secret);
      expect(masked.body.items[0]).toMatchObject({
        document: '•••••••••25',
        email: 'm•••@example.com',
        name: 'M••• S•••',
        mobilePhone: expect.stringMatching(/5678$/),
      });
      const withCustomers = await ctx().api.keyWith('support', ['contracts:read', 'customers:read']);
      expect(
        (await call('GET', `/v1/contracts/${contractId}/sva-users`, { key: withCustomers })).body.items[0],
      ).toMatchObject({ document: '52998224725', email: 'maria@example.com' });
    });
  });

  describe('EXA users (seed 003)', () => {
    test('when a contract with an EXA product is activated, then its user is created automatically, blocked on late payment and stays blocked on cancel', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract({}, { activate: false });
      await addProduct(contractId, product.id);
      expect(await users(contractId)).toEqual([]);
      await event(contractId, 'activate');
      expect(await users(contractId)).toEqual([
        expect.objectContaining({ username: 'maria@example.com', status: 'active' }),
      ]);
      await drain();
      expect(onPlatform('exa')).toEqual([{ username: 'maria@example.com', status: 'active' }]);
      for (const [type, expected] of [
        ['report_late_payment', 'blocked'],
        ['unblock', 'active'],
        ['cancel', 'blocked'],
      ] as const) {
        await event(contractId, type);
        await drain();
        expect(onPlatform('exa')).toEqual([{ username: 'maria@example.com', status: expected }]);
      }
    });

    test('when an EXA product is added to an active contract, then its user is created; without automatic creation it is not', async () => {
      const auto = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const manual = await svaProduct((await exaIntegration({ autoCreateUsers: false })).id, 'EXA-BACKUP-100');
      const contractId = await activeContract();
      await addProduct(contractId, manual.id);
      expect(await users(contractId)).toEqual([]);
      await addProduct(contractId, auto.id);
      expect(await users(contractId)).toEqual([expect.objectContaining({ productId: auto.id, status: 'active' })]);
    });

    test('when the customer has no e-mail, then the manual creation lists what is missing', async () => {
      const product = await svaProduct((await exaIntegration({ autoCreateUsers: false })).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract({ email: null, mobilePhone: null });
      await addProduct(contractId, product.id);
      const user = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, useCustomerData: true },
      });
      expect(user.status).toBe(422);
      expect(user.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'customer/mobilePhone',
        'customer/email',
      ]);
    });
  });

  describe('many contracts at once', () => {
    test('when one event is sent for many contracts, then those it fits change with their SVA users, and the others are listed', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const first = await activeContract();
      const second = await activeContract({ document: OTHER_CPF, email: 'joao@example.com' });
      const pending = await activeContract(
        { document: '11.222.333/0001-81', email: 'empresa@example.com' },
        { activate: false },
      );
      for (const id of [first, second]) await addProduct(id, product.id);
      const missing = '01a20000-0000-7000-8000-000000000000';
      const bulk = await call('POST', '/v1/contracts/bulk-events', {
        body: {
          type: 'block',
          mode: 'automatic',
          reason: 'billing run',
          contractIds: [first, second, pending, missing],
        },
      });
      expect(bulk.status).toBe(200);
      expect([...bulk.body.applied].sort()).toEqual([first, second].sort());
      expect(bulk.body.rejected).toEqual(
        expect.arrayContaining([
          { contractId: pending, code: 'CONTRACT_TRANSITION_NOT_ALLOWED', message: expect.any(String) },
          { contractId: missing, code: 'CONTRACT_NOT_FOUND', message: expect.any(String) },
        ]),
      );
      expect((await call('GET', `/v1/contracts/${first}`)).body).toMatchObject({
        accessStatus: 'automatic_block',
        version: 2,
      });
      expect((await call('GET', `/v1/contracts/${second}/events`)).body.items.at(-1)).toMatchObject({
        type: 'block',
        mode: 'automatic',
        reason: 'billing run',
      });
      await drain();
      expect(onPlatform('exa').map((u) => u.status)).toEqual(['blocked', 'blocked']);
    });

    test('when the policy moves users set-based, then each outbox row is the one the domain builds for that user and call', async () => {
      const saber = await svaProduct((await saberIntegration()).id, 'SABER-FAMILIA');
      const exa = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const ids = [await activeContract(), await activeContract({ document: OTHER_CPF, email: 'joao@example.com' })];
      for (const id of ids) {
        await addProduct(id, exa.id);
        await addProduct(id, saber.id);
        await call('POST', `/v1/contracts/${id}/sva-users`, { body: { productId: saber.id, useCustomerData: true } });
      }
      await call('POST', '/v1/contracts/bulk-events', { body: { type: 'block', mode: 'automatic', contractIds: ids } });
      await event(ids[0]!, 'cancel');
      const rows = await storedEffects(ctx().db, 'sva_user', ['create_user']);
      expect(rows.map((r) => r.action).sort()).toEqual(
        ['block_user', 'block_user', 'block_user', 'block_user', 'deactivate_user'].sort(),
      );
      const store = ctx().api.app.deps.store;
      for (const row of rows) {
        const user = (await store.svaUsers.listAllByContracts([row.contract_id!])).find((u) => u.id === row.target_id)!;
        expect(row).toEqual(asStored(svaUserEffect(row.action as 'block_user', user)));
      }
    });
  });

  describe('deliveries name their target', () => {
    test('when a user has effects, then its deliveries name it as their target, and filtering by target or by svaUserId finds the same ones', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract();
      await addProduct(contractId, product.id);
      await event(contractId, 'block', 'manual');
      await drain();
      const [user] = await users(contractId);
      const byTarget = (await call('GET', `/v1/integration-deliveries?targetKind=sva_user&targetId=${user.id}`)).body
        .items;
      expect(byTarget.map((d: { action: string }) => d.action)).toEqual(['create_user', 'block_user']);
      expect(byTarget[0]).toMatchObject({
        targetKind: 'sva_user',
        targetId: user.id,
        svaUserId: user.id,
        platform: 'exa',
        contractId,
        status: 'succeeded',
      });
      expect((await call('GET', `/v1/integration-deliveries?svaUserId=${user.id}`)).body.items).toEqual(byTarget);
      expect(
        (await call('GET', `/v1/integration-deliveries?targetKind=sva_user&contractId=${contractId}`)).body.items,
      ).toEqual(byTarget);
      const contradiction = await call('GET', `/v1/integration-deliveries?svaUserId=${user.id}&targetId=${contractId}`);
      expect(contradiction.body).toMatchObject({ status: 400, errors: [{ field: 'svaUserId' }] });
    });
  });

  describe('integration errors', () => {
    test('when EXA refuses a user for good, then the delivery is dead with the reason, later effects wait, and a retry after the fix goes through', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract();
      partners().exa.setFaults({ script: [{ status: 422, body: { success: false, message: 'Pacote inexistente' } }] });
      await addProduct(contractId, product.id);
      await drain();
      const dead = await call('GET', `/v1/integration-deliveries?status=dead&contractId=${contractId}`);
      expect(dead.body.items).toEqual([
        expect.objectContaining({
          action: 'create_user',
          platform: 'exa',
          lastError: expect.objectContaining({
            kind: 'rejected',
            message: expect.stringContaining('Pacote inexistente'),
          }),
        }),
      ]);
      expect((await users(contractId))[0].syncStatus).toBe('failed');

      await event(contractId, 'block', 'manual');
      await drain();
      expect(onPlatform('exa')).toEqual([]);
      const retried = await call('POST', `/v1/integration-deliveries/${dead.body.items[0].id}/retry`);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 1, lastError: { kind: 'rejected' } });
      await drain();
      expect(onPlatform('exa')).toEqual([{ username: 'maria@example.com', status: 'blocked' }]);
      // The success clears the last error, never the history of what went wrong.
      const done = await call('GET', `/v1/integration-deliveries/${dead.body.items[0].id}`);
      expect(done.body).toMatchObject({ status: 'succeeded', attempts: 2, lastError: null });
      expect(done.body.attemptHistory).toEqual([
        {
          attempt: 1,
          at: expect.any(String),
          outcome: 'rejected',
          message: expect.stringContaining('Pacote inexistente'),
        },
        { attempt: 2, at: expect.any(String), outcome: 'succeeded', message: null },
      ]);
      expect((await call('POST', `/v1/integration-deliveries/${dead.body.items[0].id}/retry`)).body.code).toBe(
        'DELIVERY_ALREADY_SUCCEEDED',
      );
    });

    test('when the platform is down, then the delivery is retried later, and dies after the last attempt', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await activeContract();
      partners().exa.setFaults({ failureRate: 1 });
      await addProduct(contractId, product.id);
      expect(await drain()).toBe(1);
      const [waiting] = (await call('GET', `/v1/integration-deliveries?contractId=${contractId}`)).body.items;
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: { kind: 'retryable' } });
      expect(await drain()).toBe(0);
      for (let attempt = 2; attempt <= 8; attempt += 1) {
        ctx().clock.advance(60 * 60_000);
        await drain();
      }
      const dead = (await call('GET', `/v1/integration-deliveries/${waiting.id}`)).body;
      expect(dead).toMatchObject({ status: 'dead', attempts: 8 });
      expect(dead.attemptHistory.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome])).toEqual(
        Array.from({ length: 8 }, (_, i) => [i + 1, 'retryable']),
      );

      // An operator's retry gives a fresh budget of tries; the count and the history keep growing.
      await call('POST', `/v1/integration-deliveries/${waiting.id}/retry`);
      await drain();
      const again = (await call('GET', `/v1/integration-deliveries/${waiting.id}`)).body;
      expect(again).toMatchObject({ status: 'pending', attempts: 9 });
      expect(again.attemptHistory).toHaveLength(9);
      partners().exa.setFaults({ failureRate: 0 });
      ctx().clock.advance(60 * 60_000);
      await drain();
      const through = (await call('GET', `/v1/integration-deliveries/${waiting.id}`)).body;
      expect(through).toMatchObject({ status: 'succeeded', attempts: 10, lastError: null });
      expect(through.attemptHistory.at(-1)).toMatchObject({ attempt: 10, outcome: 'succeeded' });
    });

    test('when EXA refuses the prefix, then the delivery is dead and the integration shows the auth error until new credentials', async () => {
      const integration = await exaIntegration();
      await call('PATCH', `/v1/sva-integrations/${integration.id}`, { body: { prefix: 'prefixo-errado' } });
      const contractId = await activeContract();
      await addProduct(contractId, (await svaProduct(integration.id, 'EXA-SEG-BASICO')).id);
      await drain();
      expect((await call('GET', `/v1/sva-integrations/${integration.id}`)).body.authError).toMatchObject({
        message: expect.stringContaining('credentials'),
      });
      expect((await call('GET', '/v1/integration-deliveries?status=dead&platform=exa')).body.items).toHaveLength(1);
      expect(
        (await call('PATCH', `/v1/sva-integrations/${integration.id}`, { body: { prefix: EXA_PREFIX } })).body
          .authError,
      ).toBeNull();
    });
  });
});

describeApi(
  'the sandbox',
  (ctx) => {
    const raw = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: string) =>
      ctx().api.app.http.inject({
        method,
        url,
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { payload } : {}),
      });

    test('when the sandbox is on, then the simulated platforms answer under /sandbox with their own view', async () => {
      const { api } = ctx();
      const view = await api.call('GET', '/sandbox/exa/_sandbox/users', { outsideContract: true });
      expect(view.body).toEqual({ platform: 'EXA', users: [] });
      await api.call('POST', '/v1/sva-integrations', { body: { platform: 'saber_plus', token: 'meu-token' } });
      const packages = await api.call('GET', '/sandbox/saber-plus/packages', {
        key: null,
        headers: { authorization: 'Bearer meu-token' },
        outsideContract: true,
      });
      expect(packages.body.packages.length).toBeGreaterThan(0);
      expect((await api.call('GET', '/sandbox/nowhere', { key: null, outsideContract: true })).status).toBe(404);
    });

    test('when the sandbox view or controls are asked without an admin or sandbox key, then 401 or 403 and nothing changes', async () => {
      expect((await raw('GET', '/sandbox/exa/_sandbox/users')).statusCode).toBe(401);
      expect((await raw('PUT', '/sandbox/exa/_sandbox/faults', {}, '{"failureRate":1}')).statusCode).toBe(401);
      const reader = await ctx().api.keyWith('reader', ['contracts:read', 'customers:read']);
      expect((await raw('GET', '/sandbox/exa/_sandbox/users', { authorization: `Bearer ${reader}` })).statusCode).toBe(
        403,
      );
      const sandboxKey = await ctx().api.keyWith('sandbox-operator', ['sandbox']);
      expect(
        (await raw('GET', '/sandbox/exa/_sandbox/users', { authorization: `Bearer ${sandboxKey}` })).statusCode,
      ).toBe(200);
      expect(ctx().api.app.sandbox!.exa.faults.failureRate).toBe(0);
    });

    test('when a platform endpoint is called with a credential no integration has, then 401 as the platform would, and no tenant opens', async () => {
      expect((await raw('GET', '/sandbox/saber-plus/packages', { authorization: 'Bearer anyone' })).statusCode).toBe(
        401,
      );
      expect(
        (await raw('POST', '/sandbox/exa/users', { 'x-exa-prefix': 'random-tenant' }, '{"email":"a@b.c"}')).statusCode,
      ).toBe(401);
      expect(ctx().api.app.sandbox!.exa.tenants.size).toBe(0);
    });

    test('when the sandbox gets huge, deep or oversized input, then it answers 4xx and keeps nothing of it', async () => {
      await ctx().api.call('POST', '/v1/sva-integrations', {
        body: { platform: 'exa', url: 'http://127.0.0.1/sandbox/exa', prefix: 'meu-provedor' },
      });
      const prefix = { 'x-exa-prefix': 'meu-provedor' };
      const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
      expect((await raw('POST', '/sandbox/exa/users', prefix, deep)).statusCode).toBeLessThan(500);
      expect(
        (await raw('POST', '/sandbox/exa/users', prefix, JSON.stringify({ name: 'x'.repeat(100_000) }))).statusCode,
      ).toBe(413);
      const long = {
        reference: 'r1',
        email: 'a@b.c',
        document: '52998224725',
        mobilePhone: '+5511912345678',
        packageCode: 'EXA-SEG-BASICO',
        name: 'x'.repeat(1_000),
      };
      expect((await raw('POST', '/sandbox/exa/users', prefix, JSON.stringify(long))).statusCode).toBe(422);
      expect(ctx().api.app.sandbox!.exa.users()).toEqual([]);
    });
  },
  { env: { SANDBOX: 'on' } },
);

describeApi(
  'partner URLs outside embedded mode',
  (ctx) => {
    test('when an EXA URL is not https or leads to an internal address, then 422 names url and nothing is stored; an allowed host passes', async () => {
      const create = (url: string) =>
        ctx().api.call('POST', '/v1/sva-integrations', { body: { platform: 'exa', url, prefix: 'meu-provedor' } });
      for (const url of [
        'http://exa.example.com/api',
        'https://127.0.0.1:5432/',
        'https://169.254.169.254/latest',
        'https://localhost/api',
        'https://[::1]/api',
      ]) {
        const refused = await create(url);
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ code: 'PARTNER_URL_NOT_ALLOWED', errors: [{ field: 'url' }] });
      }
      expect((await ctx().api.call('GET', '/v1/sva-integrations')).body.items).toEqual([]);
      const allowed = await create('https://10.0.0.5/api');
      expect(allowed.status).toBe(201);
      const moved = await ctx().api.call('PATCH', `/v1/sva-integrations/${allowed.body.id}`, {
        body: { url: 'https://192.168.0.1/api' },
      });
      expect(moved.body.code).toBe('PARTNER_URL_NOT_ALLOWED');
    });
  },
  { env: { DATABASE_URL: 'postgresql://ponte@db.example:5432/ponte', PARTNER_ALLOWED_HOSTS: '10.0.0.5' } },
);
