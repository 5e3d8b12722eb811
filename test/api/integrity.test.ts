import { describeApi } from '../helpers/api-suite';
import { EXA_PREFIX, SABER_TOKEN, usePartners } from '../helpers/partners';
import { CPF, EXA_URL, MOBILE, OTHER_CPF } from '../helpers/test-app';

const partners = usePartners();

/** A 2xx means stored, and one contract never acts on another's service (docs/architecture.md, "What stored means"; seeds 002, 003). */
describeApi('integrity of writes and of partner identities', (ctx, kind) => {
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();

  const exaIntegration = async (fields: Record<string, unknown> = {}) =>
    (
      await call('POST', '/v1/sva-integrations', {
        body: { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX, autoCreateUsers: true, ...fields },
      })
    ).body;
  const saberIntegration = async () =>
    (await call('POST', '/v1/sva-integrations', { body: { platform: 'saber_plus', token: SABER_TOKEN } })).body;
  const svaProduct = async (svaIntegrationId: string, svaPackage: string) =>
    (
      await call('POST', '/v1/products', {
        body: { name: svaPackage, type: 'sva', priceCents: 990, svaIntegrationId, svaPackage },
      })
    ).body;
  const customer = async (fields: Record<string, unknown> = {}) =>
    (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Silva', document: CPF, email: 'maria@example.com', mobilePhone: MOBILE, ...fields },
      })
    ).body;
  const contractOf = async (customerId: string) =>
    (await call('POST', '/v1/contracts', { body: { customerId } })).body.id as string;
  const event = (id: string, type: string) => call('POST', `/v1/contracts/${id}/events`, { body: { type } });
  const addProduct = (contractId: string, productId: string) =>
    call('POST', `/v1/contracts/${contractId}/products`, { body: { productId } });
  const users = async (contractId: string) => (await call('GET', `/v1/contracts/${contractId}/sva-users`)).body.items;
  const items = async (contractId: string) => (await call('GET', `/v1/contracts/${contractId}/products`)).body.items;
  const history = async (contractId: string) => (await call('GET', `/v1/contracts/${contractId}/events`)).body.items;

  /** An active contract of a new customer, with these products on it. */
  const activeWith = async (...products: { id: string }[]) => {
    const contractId = await contractOf((await customer()).id);
    await event(contractId, 'activate');
    for (const product of products) await addProduct(contractId, product.id);
    return contractId;
  };

  /** Two active contracts of one customer, each with the product and its user. */
  const twoContractsWithUsers = async (product: { id: string }) => {
    const { id: customerId } = await customer();
    const contracts = [await contractOf(customerId), await contractOf(customerId)] as const;
    for (const id of contracts) {
      await event(id, 'activate');
      await addProduct(id, product.id);
      expect(
        (
          await call('POST', `/v1/contracts/${id}/sva-users`, {
            body: { productId: product.id, useCustomerData: true },
          })
        ).status,
      ).toBe(201);
    }
    return contracts;
  };

  const twoExaProducts = async () => {
    const integration = await exaIntegration();
    return [await svaProduct(integration.id, 'EXA-SEG-BASICO'), await svaProduct(integration.id, 'EXA-BACKUP-100')];
  };

  describe('several EXA products on one contract (seed 003: every EXA product is served)', () => {
    test('when a pre-contract with two EXA packages is activated, then each package gets its user, here and on the platform', async () => {
      const [first, second] = await twoExaProducts();
      const contractId = await contractOf((await customer()).id);
      await addProduct(contractId, first.id);
      await addProduct(contractId, second.id);
      const activated = await event(contractId, 'activate');
      expect(activated.status).toBe(201);
      expect(activated.body.notices).toEqual([]);
      expect((await call('GET', `/v1/contracts/${contractId}`)).body).toMatchObject({
        status: 'active',
        accessStatus: 'active',
      });
      const made = await users(contractId);
      expect(made.map((u: { productId: string }) => u.productId).sort()).toEqual([first.id, second.id].sort());
      expect(
        made.every(
          (u: { username: string; status: string }) => u.username === 'maria@example.com' && u.status === 'active',
        ),
      ).toBe(true);
      await drain();
      const onPlatform = partners().exa.users();
      expect(onPlatform.map((u) => [u.reference, u.packageCode]).sort()).toEqual(
        made.map((u: { id: string; packageCode: string }) => [u.id, u.packageCode]).sort(),
      );
    });

    test('when a second EXA package is added to an active contract, then it gets its own user, and removing it removes only that user', async () => {
      const [first, second] = await twoExaProducts();
      const contractId = await contractOf((await customer()).id);
      await event(contractId, 'activate');
      expect((await addProduct(contractId, first.id)).body.notices).toEqual([]);
      const added = await addProduct(contractId, second.id);
      expect(added.status).toBe(201);
      expect(added.body.notices).toEqual([]);
      expect(await users(contractId)).toHaveLength(2);
      await drain();
      expect(partners().exa.users()).toHaveLength(2);
      expect((await call('DELETE', `/v1/contracts/${contractId}/products/${added.body.id}`)).status).toBe(204);
      expect(await users(contractId)).toEqual([expect.objectContaining({ productId: first.id })]);
      await drain();
      expect(partners().exa.users()).toEqual([
        expect.objectContaining({ packageCode: 'EXA-SEG-BASICO', status: 'active' }),
      ]);
    });

    test("when the second package's user is made by hand with another e-mail, then 201; a second user of one package answers 409 SVA_USER_PRODUCT_TAKEN", async () => {
      const integration = await exaIntegration({ autoCreateUsers: false });
      const [first, second] = [
        await svaProduct(integration.id, 'EXA-SEG-BASICO'),
        await svaProduct(integration.id, 'EXA-BACKUP-100'),
      ];
      const contractId = await activeWith(first, second);
      expect(
        (
          await call('POST', `/v1/contracts/${contractId}/sva-users`, {
            body: { productId: first.id, useCustomerData: true },
          })
        ).status,
      ).toBe(201);
      const byHand = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: second.id, useCustomerData: true, email: 'maria.backup@example.com' },
      });
      expect(byHand.status).toBe(201);
      expect(byHand.body).toMatchObject({ productId: second.id, username: 'maria.backup@example.com' });
      const again = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: first.id, useCustomerData: true },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'SVA_USER_PRODUCT_TAKEN', errors: [{ field: 'productId' }] });
      expect(await users(contractId)).toHaveLength(2);
    });

    test('when such a contract is activated in bulk, then the batch succeeds and both packages are served', async () => {
      const [first, second] = await twoExaProducts();
      const contractId = await contractOf((await customer()).id);
      await addProduct(contractId, first.id);
      await addProduct(contractId, second.id);
      const bulk = await call('POST', '/v1/contracts/bulk-events', {
        body: { type: 'activate', contractIds: [contractId] },
      });
      expect(bulk.status).toBe(200);
      expect(bulk.body.applied).toEqual([contractId]);
      expect(bulk.body.notices).toEqual([]);
      expect((await call('GET', `/v1/contracts/${contractId}`)).body.status).toBe('active');
      expect(await users(contractId)).toHaveLength(2);
      expect(await history(contractId)).toHaveLength(1);
    });

    test('when a contract has two Saber+ products, then a second user of its CPF is "CPF já cadastrado" (seed 002: one per CPF per contract)', async () => {
      const integration = await saberIntegration();
      const [family, premium] = [
        await svaProduct(integration.id, 'SABER-FAMILIA'),
        await svaProduct(integration.id, 'SABER-PREMIUM'),
      ];
      const contractId = await activeWith(family, premium);
      expect(
        (
          await call('POST', `/v1/contracts/${contractId}/sva-users`, {
            body: { productId: family.id, useCustomerData: true },
          })
        ).status,
      ).toBe(201);
      const second = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: premium.id, useCustomerData: true },
      });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'SVA_USER_CPF_TAKEN', detail: 'CPF já cadastrado' });
    });

    test('when a second product sells the same package of the same integration, then 409 (seed 003: one product per package)', async () => {
      const integration = await exaIntegration();
      await svaProduct(integration.id, 'EXA-SEG-BASICO');
      const again = await call('POST', '/v1/products', {
        body: {
          name: 'Outro',
          type: 'sva',
          priceCents: 1,
          svaIntegrationId: integration.id,
          svaPackage: 'EXA-SEG-BASICO',
        },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'SVA_PACKAGE_TAKEN', errors: [{ field: 'svaPackage' }] });
      expect((await call('GET', '/v1/products')).body.items).toHaveLength(1);
    });
  });

  describe('each SVA user is its own subscription on its platform', () => {
    test('when one customer has a Saber+ user on each of two contracts and contract 1 is cancelled, then only its subscription is deactivated', async () => {
      const product = await svaProduct((await saberIntegration()).id, 'SABER-FAMILIA');
      const [one, two] = await twoContractsWithUsers(product);
      await drain();
      expect(partners().saberPlus.users()).toHaveLength(2);
      await event(one, 'cancel');
      await drain();
      const [userOne] = await users(one);
      const [userTwo] = await users(two);
      expect(userOne).toMatchObject({ status: 'deactivated', syncStatus: 'synced' });
      expect(userTwo).toMatchObject({ status: 'active', syncStatus: 'synced' });
      const onPlatform = new Map(
        partners()
          .saberPlus.users()
          .map((u) => [u.reference, u.status]),
      );
      expect(onPlatform).toEqual(
        new Map([
          [userOne.id, 'deactivated'],
          [userTwo.id, 'active'],
        ]),
      );
    });

    test('when one customer has an EXA user on each of two contracts, then both hold its e-mail, each its own subscription', async () => {
      const integration = await exaIntegration({ autoCreateUsers: false });
      const product = await svaProduct(integration.id, 'EXA-SEG-BASICO');
      const [one, two] = await twoContractsWithUsers(product);
      await call('POST', `/v1/contracts/${one}/events`, { body: { type: 'block', mode: 'manual' } });
      await drain();
      const byReference = new Map(
        partners()
          .exa.users()
          .map((u) => [u.reference, u.status]),
      );
      expect(byReference).toEqual(
        new Map([
          [(await users(one))[0].id, 'blocked'],
          [(await users(two))[0].id, 'active'],
        ]),
      );
    });

    test("when an EXA e-mail is already another customer's user name on the integration, then another user with it answers 409 SVA_USER_EMAIL_TAKEN", async () => {
      const integration = await exaIntegration({ autoCreateUsers: false });
      const product = await svaProduct(integration.id, 'EXA-SEG-BASICO');
      const one = await contractOf((await customer()).id);
      const two = await contractOf((await customer({ document: OTHER_CPF, email: 'joao@example.com' })).id);
      for (const id of [one, two]) {
        await event(id, 'activate');
        await addProduct(id, product.id);
      }
      expect(
        (
          await call('POST', `/v1/contracts/${one}/sva-users`, {
            body: { productId: product.id, useCustomerData: true },
          })
        ).status,
      ).toBe(201);
      const taken = await call('POST', `/v1/contracts/${two}/sva-users`, {
        body: { productId: product.id, useCustomerData: true, email: 'Maria@Example.com' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'SVA_USER_EMAIL_TAKEN', errors: [{ field: 'email' }] });
      expect(await users(two)).toEqual([]);
    });

    test("when an EXA user is deleted and another customer's user takes its e-mail before the platform heard, then the platform gets the delete first", async () => {
      const integration = await exaIntegration({ autoCreateUsers: false });
      const product = await svaProduct(integration.id, 'EXA-SEG-BASICO');
      const [one, two] = [
        await contractOf((await customer()).id),
        await contractOf((await customer({ document: OTHER_CPF })).id),
      ];
      for (const id of [one, two]) {
        await event(id, 'activate');
        await addProduct(id, product.id);
      }
      const first = (
        await call('POST', `/v1/contracts/${one}/sva-users`, { body: { productId: product.id, useCustomerData: true } })
      ).body;
      await drain();
      await call('DELETE', `/v1/sva-users/${first.id}`);
      const second = (
        await call('POST', `/v1/contracts/${two}/sva-users`, { body: { productId: product.id, useCustomerData: true } })
      ).body;
      // The delete meets a failure and waits for its retry: the new user must wait behind it.
      partners().exa.setFaults({ script: ['5xx'] });
      await drain();
      const waiting = (await call('GET', `/v1/integration-deliveries?contractId=${two}&status=pending`)).body.items;
      expect(waiting).toEqual([expect.objectContaining({ action: 'create_user', svaUserId: second.id, attempts: 0 })]);
      ctx().clock.advance(60 * 60_000);
      await drain();
      expect((await call('GET', '/v1/integration-deliveries?status=dead')).body.items).toEqual([]);
      expect(
        partners()
          .exa.users()
          .map((u) => u.reference),
      ).toEqual([second.id]);
    });

    test("when a typed document is not the customer's own, or the customer record lacks required data, then the user is refused", async () => {
      const product = await svaProduct((await saberIntegration()).id, 'SABER-FAMILIA');
      const contractId = await contractOf((await customer({ mobilePhone: null })).id);
      await event(contractId, 'activate');
      await addProduct(contractId, product.id);
      const foreign = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, document: OTHER_CPF, mobilePhone: MOBILE },
      });
      expect(foreign.status).toBe(422);
      expect(foreign.body).toMatchObject({ code: 'SVA_USER_DOCUMENT_NOT_CUSTOMERS', errors: [{ field: 'document' }] });
      // Seed 002: "é necessário conter os seguintes dados no cadastro do cliente", even when a phone is typed in.
      const typed = await call('POST', `/v1/contracts/${contractId}/sva-users`, {
        body: { productId: product.id, document: CPF, mobilePhone: MOBILE },
      });
      expect(typed.status).toBe(422);
      expect(typed.body).toMatchObject({ code: 'SVA_USER_MISSING_DATA', errors: [{ field: 'customer/mobilePhone' }] });
    });
  });

  describe('removing an SVA product', () => {
    test('when an SVA item is removed, then its user is removed here and on the platform', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await contractOf((await customer()).id);
      await event(contractId, 'activate');
      const item = (await addProduct(contractId, product.id)).body;
      await drain();
      expect(partners().exa.users()).toHaveLength(1);
      expect((await call('DELETE', `/v1/contracts/${contractId}/products/${item.id}`)).status).toBe(204);
      expect(await items(contractId)).toEqual([]);
      expect(await users(contractId)).toEqual([]);
      await drain();
      expect(partners().exa.users()).toEqual([]);
    });

    test('when an item is removed from a closed contract, then 409 and it stays', async () => {
      const product = (
        await call('POST', '/v1/products', { body: { name: 'Fibra 500', type: 'internet', priceCents: 9990 } })
      ).body;
      const contractId = await contractOf((await customer()).id);
      await event(contractId, 'activate');
      const item = (await addProduct(contractId, product.id)).body;
      await event(contractId, 'cancel');
      const removed = await call('DELETE', `/v1/contracts/${contractId}/products/${item.id}`);
      expect(removed.status).toBe(409);
      expect(removed.body.code).toBe('CONTRACT_CLOSED');
      expect(await items(contractId)).toHaveLength(1);
    });
  });

  describe('skipped automatic creation is visible', () => {
    test('when the customer lacks an e-mail, then the activation answer and its history line say which fields are missing', async () => {
      const product = await svaProduct((await exaIntegration()).id, 'EXA-SEG-BASICO');
      const contractId = await contractOf((await customer({ email: null })).id);
      await addProduct(contractId, product.id);
      const activated = await event(contractId, 'activate');
      expect(activated.status).toBe(201);
      expect(activated.body.notices).toEqual([
        {
          code: 'SVA_AUTO_CREATE_SKIPPED',
          productId: product.id,
          reason: 'SVA_USER_MISSING_DATA',
          message: expect.any(String),
          missingFields: ['customer/email'],
        },
      ]);
      expect((await history(contractId))[0].notices).toEqual(activated.body.notices);
      expect(await users(contractId)).toEqual([]);
      expect((await call('GET', `/v1/integration-deliveries?contractId=${contractId}`)).body.items).toEqual([]);
    });
  });

  describe('idempotency and time', () => {
    test('when two requests race with one Idempotency-Key, then one resource is stored and both get its answer', async () => {
      const headers = { 'idempotency-key': 'race-1' };
      const send = () => call('POST', '/v1/customers', { headers, body: { name: 'Maria Silva', document: CPF } });
      const answers = await Promise.all([send(), send(), send()]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect((await call('GET', '/v1/customers')).body.items).toHaveLength(1);
    });

    test('when a creating request fails after writing, then neither the resource nor the key is stored, and a retry creates it once', async () => {
      const { id: customerId } = await customer();
      const headers = { 'idempotency-key': 'contract-1' };
      // The answer cannot be stored (as if the process died between the resource and its answer).
      await ctx().db.sql
        .exec(`CREATE FUNCTION refuse_answers() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no answers today'; END $$;
        CREATE TRIGGER refuse_answers BEFORE INSERT ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION refuse_answers();`);
      const broken = await call('POST', '/v1/contracts', { headers, body: { customerId }, outsideContract: true });
      await ctx().db.sql.exec('DROP TRIGGER refuse_answers ON idempotency_keys; DROP FUNCTION refuse_answers();');
      expect(broken.status).toBe(500);
      expect((await call('GET', `/v1/contracts?customerId=${customerId}`)).body.items).toEqual([]);
      const retried = await call('POST', '/v1/contracts', { headers, body: { customerId } });
      const replayed = await call('POST', '/v1/contracts', { headers, body: { customerId } });
      expect(retried.status).toBe(201);
      expect(replayed.body).toEqual(retried.body);
      expect((await call('GET', `/v1/contracts?customerId=${customerId}`)).body.items).toHaveLength(1);
    });

    if (kind === 'postgresql') {
      test('when a bulk event waits for a contract another transaction holds, then its history time is read once it holds the lock', async () => {
        const contractId = await contractOf((await customer()).id);
        await event(contractId, 'activate');
        const { db, clock } = ctx();
        let bulk: Promise<unknown> = Promise.resolve();
        const released = new Date(clock.now().getTime() + 60_000);
        await db.sql.transaction(async (session) => {
          await session.query('SELECT id FROM contracts WHERE id = $1 FOR UPDATE', [contractId]);
          bulk = call('POST', '/v1/contracts/bulk-events', {
            body: { type: 'block', mode: 'automatic', contractIds: [contractId] },
          });
          for (let waited = 0; waited < 200; waited += 1) {
            const waiting = await db.sql.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            if (waiting.length > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          clock.advance(60_000);
        });
        await bulk;
        const lines = await history(contractId);
        expect(lines.map((line: { type: string }) => line.type)).toEqual(['activate', 'block']);
        expect(lines[1].at).toBe(released.toISOString());
      });
    }
  });
});
