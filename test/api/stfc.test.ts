import { describeApi } from '../helpers/api-suite';
import { SUMMIT_TOKEN, SUMMIT_URL, usePartners } from '../helpers/partners';
import { SUMMIT_PAGE_SIZE } from '../../src/adapters/sandbox/summit/simulator';
import { calendarDate } from '../../src/domain/shared/calendar';
import { CPF } from '../helpers/test-app';

/* Issue 11, items 1, 2 and 4: the Summit integration and service, telephony contracts, the billable list (seed 001). */
describeApi('the STFC dashboard', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const COMPETENCE = '2026-10';

  const integration = async () => {
    const created = await call('POST', '/v1/stfc-integrations', {
      body: { description: 'Summit', url: SUMMIT_URL, token: SUMMIT_TOKEN },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const product = async () =>
    (await call('POST', '/v1/products', { body: { name: 'STFC Ilimitado Local', type: 'stfc', priceCents: 4990 } }))
      .body.id as string;
  let documents = 0;
  beforeEach(() => {
    documents = 0;
  });
  const DOCUMENTS = [CPF, '11144477735', '39053344705', '86288366757', '71428793860'];
  /** An approved, active contract with a billing day and validity, and its Summit service provisioned. */
  const telephonyContract = async (productId: string, number: string) => {
    const customer = (
      await call('POST', '/v1/customers', { body: { name: `Cliente ${documents}`, document: DOCUMENTS[documents++] } })
    ).body;
    const contract = (
      await call('POST', '/v1/contracts', {
        body: { customerId: customer.id, billingDay: 10, billingStart: '2026-01-01' },
      })
    ).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    await call('POST', `/v1/contracts/${contract.id}/approve`);
    const item = await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId, number } });
    expect(item.status).toBe(201);
    return { contractId: contract.id as string, itemId: item.body.id as string, customer };
  };
  const billable = async (query = '') => {
    const response = await call('GET', `/v1/stfc/billable-contracts?competence=${COMPETENCE}${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((row: { contract: { id: string } }) => row.contract.id) as string[];
  };

  test('when no Summit integration exists, then the STFC routes answer STFC_MODULE_DISABLED, and an stfc product cannot be put on a contract', async () => {
    for (const path of ['/v1/stfc/contracts', `/v1/stfc/billable-contracts?competence=${COMPETENCE}`]) {
      expect(await call('GET', path)).toMatchObject({ status: 409, body: { code: 'STFC_MODULE_DISABLED' } });
    }
    const productId = await product();
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id, billingDay: 10 } })).body;
    expect(
      await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId, number: '(11) 3222-1000' } }),
    ).toMatchObject({ status: 409, body: { code: 'STFC_MODULE_DISABLED' } });
    expect((await call('GET', `/v1/contracts/${contract.id}/products`)).body.items).toEqual([]);
  });

  test('when an integration is registered, then its token is never shown, it can change, and it cannot be deleted while a service uses it', async () => {
    const created = await call('POST', '/v1/stfc-integrations', { body: { url: SUMMIT_URL, token: SUMMIT_TOKEN } });
    expect(created.body).toMatchObject({ url: SUMMIT_URL, credentialsSet: true, authError: null });
    expect(created.raw).not.toContain(SUMMIT_TOKEN);
    const id = created.body.id as string;
    expect((await call('GET', `/v1/stfc-integrations/${id}`)).raw).not.toContain(SUMMIT_TOKEN);
    expect(
      (await call('PATCH', `/v1/stfc-integrations/${id}`, { body: { description: 'Produção' } })).body.description,
    ).toBe('Produção');
    await telephonyContract(await product(), '(11) 3222-1000');
    expect(await call('DELETE', `/v1/stfc-integrations/${id}`)).toMatchObject({
      status: 409,
      body: { code: 'STFC_INTEGRATION_IN_USE' },
    });
    expect((await call('GET', '/v1/stfc-integrations')).body.items).toHaveLength(1);
  });

  test('when an stfc product is put on a contract, then its service is provisioned on Summit with the closing day, listed, and kept as deleted when the product leaves', async () => {
    await integration();
    const { contractId, itemId } = await telephonyContract(await product(), '(11) 3222-1000');
    const [pending] = (await call('GET', `/v1/contracts/${contractId}/stfc-services`)).body.items;
    expect(pending).toMatchObject({
      contractId,
      contractItemId: itemId,
      number: '+551132221000',
      plan: 'STFC Ilimitado Local',
      status: 'pending',
      deleted: false,
    });
    await drain();
    expect(partners().summit.lines.get(contractId)).toEqual({
      contractRef: contractId,
      number: '+551132221000',
      plan: 'STFC Ilimitado Local',
      closingDay: 10,
    });
    const [active] = (await call('GET', `/v1/contracts/${contractId}/stfc-services`)).body.items;
    expect(active).toMatchObject({ status: 'active', provisionedAt: expect.any(String) });
    const listed = (await call('GET', '/v1/stfc/contracts')).body.items;
    expect(listed).toEqual([
      expect.objectContaining({
        contract: expect.objectContaining({ id: contractId }),
        service: expect.objectContaining({ id: active.id, status: 'active' }),
      }),
    ]);
    // Credit analysis is off: the list offers what the contract's own answer offers, not negativable.
    expect(listed[0].contract.allowedEvents).toEqual(
      (await call('GET', `/v1/contracts/${contractId}`)).body.allowedEvents,
    );
    expect(listed[0].contract.negativable).toBe(false);

    expect((await call('DELETE', `/v1/contracts/${contractId}/products/${itemId}`)).status).toBe(204);
    const [deleted] = (await call('GET', `/v1/contracts/${contractId}/stfc-services`)).body.items;
    expect(deleted).toMatchObject({
      id: active.id,
      deleted: true,
      deletedAt: expect.any(String),
      contractItemId: null,
    });
    // No longer a telephony contract: it has no Summit service in its composition.
    expect((await call('GET', '/v1/stfc/contracts')).body.items).toEqual([]);
  });

  test('when an stfc product lacks its number, the contract its closing day, or the number is taken, then nothing is stored', async () => {
    await integration();
    const productId = await product();
    const { contractId } = await telephonyContract(productId, '(11) 3222-1000');
    const customerId = (await call('GET', `/v1/contracts/${contractId}`)).body.customerId;
    const noDay = (await call('POST', '/v1/contracts', { body: { customerId } })).body.id;
    const withDay = (await call('POST', '/v1/contracts', { body: { customerId, billingDay: 5 } })).body.id;
    expect(await call('POST', `/v1/contracts/${withDay}/products`, { body: { productId } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'number' }] },
    });
    expect(
      await call('POST', `/v1/contracts/${noDay}/products`, { body: { productId, number: '(11) 3222-1001' } }),
    ).toMatchObject({ status: 409, body: { code: 'STFC_CLOSING_DAY_MISSING' } });
    expect(
      await call('POST', `/v1/contracts/${withDay}/products`, { body: { productId, number: '+55 11 3222-1000' } }),
    ).toMatchObject({ status: 409, body: { code: 'STFC_NUMBER_TAKEN' } });
    expect(
      await call('POST', `/v1/contracts/${contractId}/products`, { body: { productId, number: '(11) 3222-1002' } }),
    ).toMatchObject({ status: 409, body: { code: 'STFC_SERVICE_EXISTS' } });
    for (const id of [noDay, withDay]) {
      expect((await call('GET', `/v1/contracts/${id}/products`)).body.items).toEqual([]);
      expect((await call('GET', `/v1/contracts/${id}/stfc-services`)).body.items).toEqual([]);
    }
    const fibre = (await call('POST', '/v1/products', { body: { name: 'Fibra', type: 'internet', priceCents: 9990 } }))
      .body.id;
    expect(
      await call('POST', `/v1/contracts/${withDay}/products`, { body: { productId: fibre, number: '(11) 3222-1003' } }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'number' }] } });
  });

  test("when each of seed 001's rules is broken on one contract, then that contract alone leaves the billable list", async () => {
    await integration();
    const productId = await product();
    const contracts = [];
    for (let i = 0; i < 5; i += 1) contracts.push((await telephonyContract(productId, `(11) 3222-100${i}`)).contractId);
    await drain();
    expect((await billable()).sort()).toEqual([...contracts].sort());
    const [blockedOne, chargedOne, oneOffOne, zeroOne, outsideOne] = contracts as [
      string,
      string,
      string,
      string,
      string,
    ];
    await call('POST', `/v1/contracts/${blockedOne}/events`, { body: { type: 'block', mode: 'automatic' } });
    await call('POST', `/v1/contracts/${chargedOne}/charges`, {
      body: { amountCents: 4990, dueDate: '2026-11-10', competence: COMPETENCE },
    });
    const oneOff = await call('POST', `/v1/contracts/${oneOffOne}/one-off-values`, {
      body: { competence: COMPETENCE, amountCents: 1500, description: 'Ramal extra' },
    });
    expect(oneOff).toMatchObject({
      status: 201,
      body: { stfcServiceId: expect.any(String), actor: expect.any(String) },
    });
    expect(
      (
        await call('POST', `/v1/contracts/${zeroOne}/zero-billing-events`, {
          body: { competence: COMPETENCE, reason: 'Cortesia' },
        })
      ).status,
    ).toBe(201);
    await call('PATCH', `/v1/contracts/${outsideOne}`, { body: { billingStart: '2026-11-01' } });
    expect(await billable()).toEqual([]);
    // Another competence: only the rules bound to this one stop applying.
    const november = (await call('GET', '/v1/stfc/billable-contracts?competence=2026-09')).body.items
      .map((r: { contract: { id: string } }) => r.contract.id)
      .sort();
    expect(november).toEqual([chargedOne, oneOffOne, zeroOne].sort());
  });

  test("when an unlinked one-off value or another competence's zero-billing event is recorded, then the contract stays billable", async () => {
    await integration();
    const { contractId } = await telephonyContract(await product(), '(11) 3222-1000');
    await drain();
    await call('POST', `/v1/contracts/${contractId}/one-off-values`, {
      body: { competence: COMPETENCE, amountCents: 900, description: 'Multa', stfcServiceId: null },
    });
    await call('POST', `/v1/contracts/${contractId}/zero-billing-events`, { body: { competence: '2026-12' } });
    expect(await billable()).toEqual([contractId]);
    expect((await call('GET', `/v1/contracts/${contractId}/one-off-values`)).body.items).toEqual([
      expect.objectContaining({ stfcServiceId: null, amountCents: 900 }),
    ]);
    expect((await call('GET', `/v1/contracts/${contractId}/zero-billing-events`)).body.items).toEqual([
      expect.objectContaining({ competence: '2026-12' }),
    ]);
    await call('POST', `/v1/contracts/${contractId}/zero-billing-events`, { body: {} });
    expect(await billable()).toEqual([]);
  });

  test('when the lists are searched, then the name, the document and the number find the contract, and a key without customers:read sees them masked', async () => {
    await integration();
    const { contractId } = await telephonyContract(await product(), '(11) 3222-1000');
    for (const q of ['Cliente', CPF.slice(0, 6), '32221000']) {
      expect(
        (await call('GET', `/v1/stfc/contracts?q=${q}`)).body.items.map(
          (r: { contract: { id: string } }) => r.contract.id,
        ),
      ).toEqual([contractId]);
    }
    expect((await call('GET', '/v1/stfc/contracts?q=ninguem')).body.items).toEqual([]);
    expect((await call('GET', '/v1/stfc/contracts?status=inactive')).body.items).toEqual([]);
    const reader = await ctx().api.keyWith('painel', ['contracts:read']);
    const masked = (await call('GET', '/v1/stfc/contracts', { key: reader })).body.items[0].customer;
    expect(masked.document).not.toBe(CPF);
    expect(masked.name).not.toContain('Cliente');
  });

  const summitCall = (n: number, amount = '0,35') => ({
    callId: `c-${n}`,
    startedAt: '2026-10-05T10:00:00-03:00',
    origin: '+551132221000',
    destination: '+551140028922',
    kind: 'local',
    durationSeconds: 61,
    billedSeconds: 66,
    amount,
  });

  test("when billing is generated, then each contract is charged Summit's total and its calls imported once; a rerun bills nothing twice", async () => {
    await integration();
    const productId = await product();
    const contracts: string[] = [];
    for (let i = 0; i < 3; i += 1) contracts.push((await telephonyContract(productId, `(11) 3222-100${i}`)).contractId);
    await drain();
    const [first, second, third] = contracts as [string, string, string];
    partners().summit.setMonth(first, COMPETENCE, {
      total: '49,90',
      calls: [summitCall(1), summitCall(2), summitCall(1)],
    });
    partners().summit.setMonth(second, COMPETENCE, { total: 0, calls: [] });
    partners().summit.setMonth(third, COMPETENCE, { closed: false, total: '10,00' });

    const created = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: contracts },
    });
    expect(created).toMatchObject({
      status: 202,
      body: { competence: COMPETENCE, total: 3, progress: { total: 3, pending: 3, done: 0 } },
    });
    await drain();
    const batch = (await call('GET', `/v1/stfc/billing-batches/${created.body.id}`)).body;
    expect(batch.progress).toEqual({ total: 3, done: 2, pending: 0, awaitingSummit: 1, failed: 0, skipped: 0 });
    expect(batch.finishedAt).toBeNull();
    const byContract = Object.fromEntries(batch.items.map((i: { contractId: string }) => [i.contractId, i]));
    expect(byContract[first]).toMatchObject({ state: 'done', chargeId: expect.any(String), callsImported: 2 });
    expect(byContract[second]).toMatchObject({ state: 'done', chargeId: null, callsImported: 0 });
    expect(byContract[third]).toMatchObject({
      state: 'awaiting_summit',
      message: expect.stringContaining('not closed'),
    });
    const charges = (await call('GET', `/v1/contracts/${first}/charges?competence=${COMPETENCE}`)).body.items;
    expect(charges).toEqual([
      expect.objectContaining({
        id: byContract[first].chargeId,
        amountCents: 4990,
        competence: COMPETENCE,
        dueDate: '2026-11-10',
        status: 'open',
      }),
    ]);
    const calls = (await call('GET', `/v1/contracts/${first}/call-records?competence=${COMPETENCE}`)).body.items;
    expect(calls.map((c: { callId: string; amountCents: number }) => [c.callId, c.amountCents])).toEqual([
      ['c-1', 35],
      ['c-2', 35],
    ]);
    // Billed contracts leave the list; the one Summit had not closed stays.
    expect(await billable()).toEqual([third]);

    // The month closes for the third; everything is sent again. The billed ones are skipped without asking Summit.
    partners().summit.setMonth(third, COMPETENCE, { closed: true, total: '10,00', calls: [summitCall(9)] });
    partners().summit.setMonth(first, COMPETENCE, {
      total: '49,90',
      calls: [summitCall(1), summitCall(2), summitCall(3)],
    });
    const rerun = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: contracts },
    });
    await drain();
    const again = (await call('GET', `/v1/stfc/billing-batches/${rerun.body.id}`)).body;
    expect(again.progress).toEqual({ total: 3, done: 1, pending: 0, awaitingSummit: 0, failed: 0, skipped: 2 });
    expect((await call('GET', `/v1/contracts/${first}/charges?competence=${COMPETENCE}`)).body.items).toHaveLength(1);
    expect((await call('GET', `/v1/contracts/${third}/charges?competence=${COMPETENCE}`)).body.items).toEqual([
      expect.objectContaining({ amountCents: 1000 }),
    ]);
    expect(
      again.items.filter((i: { state: string }) => i.state === 'skipped').map((i: { message: string }) => i.message),
    ).toEqual([
      expect.stringContaining('not_billed_in_competence'),
      expect.stringContaining('not_billed_in_competence'),
    ]);
    expect(
      (await call('GET', `/v1/contracts/${first}/call-records?competence=${COMPETENCE}`)).body.items.map(
        (c: { callId: string }) => c.callId,
      ),
    ).toEqual(['c-1', 'c-2']);
    expect(
      (await call('GET', `/v1/contracts/${third}/call-records?competence=${COMPETENCE}`)).body.items.map(
        (c: { callId: string }) => c.callId,
      ),
    ).toEqual(['c-9']);
    expect((await call('GET', '/v1/stfc/billing-batches')).body.items.map((b: { id: string }) => b.id)).toEqual([
      rerun.body.id,
      created.body.id,
    ]);
  });

  test('when Summit does not know a contract or fails for good, then its item fails with the reason; a contract without a service is skipped; unknown contracts refuse the batch', async () => {
    await integration();
    const productId = await product();
    const { contractId } = await telephonyContract(productId, '(11) 3222-1000');
    await drain();
    partners().summit.lines.delete(contractId);
    const customerId = (await call('GET', `/v1/contracts/${contractId}`)).body.customerId;
    const plain = (await call('POST', '/v1/contracts', { body: { customerId } })).body.id;
    const created = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: [contractId, plain] },
    });
    expect(created.body.items.find((i: { contractId: string }) => i.contractId === plain)).toMatchObject({
      state: 'skipped',
      message: expect.stringMatching(/rules not met: approved, status_normal, summit_service_active/),
    });
    await drain();
    const batch = (await call('GET', `/v1/stfc/billing-batches/${created.body.id}`)).body;
    expect(batch.items.find((i: { contractId: string }) => i.contractId === contractId)).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('does not know this contract'),
    });
    const unknown = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: [crypto.randomUUID()] },
    });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'contractIds' }] } });
    expect((await call('GET', '/v1/stfc/billing-batches')).body.items).toHaveLength(1);
  });

  test('when the indicators are read, then each counts the contracts of the list it links to, and they change as billing runs', async () => {
    await integration();
    const productId = await product();
    const contracts: string[] = [];
    for (let i = 0; i < 3; i += 1) contracts.push((await telephonyContract(productId, `(11) 3222-100${i}`)).contractId);
    const indicators = async (competence: string) =>
      (await call('GET', `/v1/stfc/indicators?competence=${competence}`)).body;
    const listed = async (link: string) =>
      (await call('GET', link)).body.items.map((row: { contract: { id: string } }) => row.contract.id).sort();
    expect((await indicators(COMPETENCE)).notBilled.count).toBe(0);
    await drain();
    const [service] = (await call('GET', `/v1/contracts/${contracts[0]}/stfc-services`)).body.items;
    const provisionedIn = calendarDate(new Date(service.provisionedAt), 'America/Sao_Paulo').slice(0, 7);
    const month = await indicators(provisionedIn);
    expect(month.newSubscribers).toEqual({ count: 3, list: `/v1/stfc/contracts?provisionedIn=${provisionedIn}` });
    expect(await listed(month.newSubscribers.list)).toEqual([...contracts].sort());

    const [first, second, third] = contracts as [string, string, string];
    partners().summit.setMonth(first, COMPETENCE, { total: '10,00' });
    partners().summit.setMonth(second, COMPETENCE, { closed: false });
    partners().summit.setMonth(third, COMPETENCE, { total: '10,00' });
    const before = await indicators(COMPETENCE);
    expect(before).toMatchObject({ competence: COMPETENCE, integrationErrors: { count: 0 }, notBilled: { count: 3 } });
    await call('POST', '/v1/stfc/billing-batches', { body: { competence: COMPETENCE, contractIds: contracts } });
    await drain();
    const after = await indicators(COMPETENCE);
    // A month Summit has not closed is not an integration error: the contract waits, not billed.
    expect(after.integrationErrors.count).toBe(0);
    expect(await listed(after.integrationErrors.list)).toEqual([]);
    expect(after.notBilled.count).toBe(1);
    expect(await listed(after.notBilled.list)).toEqual([second]);
    expect((await indicators('2026-08')).integrationErrors.count).toBe(0);
    expect(await call('GET', '/v1/stfc/indicators?competence=2026-13')).toMatchObject({ status: 400 });
  });

  const retryAwaiting = () =>
    ctx()
      .api.app.maintenance.find((task) => task.name === 'stfc-awaiting-summit')!
      .run();

  test('when Summit has not closed the month, then the item awaits it and is asked again until it closes; then it is billed and the batch finishes', async () => {
    await integration();
    const { contractId } = await telephonyContract(await product(), '(11) 3222-1000');
    await drain();
    partners().summit.setMonth(contractId, COMPETENCE, { closed: false, total: '10,00' });
    const created = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: [contractId] },
    });
    await drain();
    const batch = async () => (await call('GET', `/v1/stfc/billing-batches/${created.body.id}`)).body;
    expect((await batch()).items[0]).toMatchObject({ state: 'awaiting_summit' });
    // Not yet waited long enough: nothing is asked.
    expect(await retryAwaiting()).toEqual({ sentAgain: 0 });
    ctx().clock.advance(61 * 60_000);
    expect(await retryAwaiting()).toEqual({ sentAgain: 1 });
    await drain();
    expect((await batch()).items[0]).toMatchObject({ state: 'awaiting_summit' });
    partners().summit.setMonth(contractId, COMPETENCE, { closed: true, total: '10,00', calls: [summitCall(1)] });
    ctx().clock.advance(61 * 60_000);
    expect(await retryAwaiting()).toEqual({ sentAgain: 1 });
    await drain();
    const done = await batch();
    expect(done).toMatchObject({ progress: { done: 1, awaitingSummit: 0 }, finishedAt: expect.any(String) });
    expect(done.items[0]).toMatchObject({ state: 'done', chargeId: expect.any(String), callsImported: 1 });
    expect((await call('GET', '/v1/integration-deliveries?status=dead')).body.items).toEqual([]);
  });

  test('when a contract is late (financeiro em atraso), then it is still billed; a blocked one is not; a removed Summit service leaves the telephony list', async () => {
    await integration();
    const productId = await product();
    const late = await telephonyContract(productId, '(11) 3222-1000');
    const blocked = await telephonyContract(productId, '(11) 3222-1001');
    await drain();
    await call('POST', `/v1/contracts/${late.contractId}/events`, { body: { type: 'report_late_payment' } });
    await call('POST', `/v1/contracts/${blocked.contractId}/events`, { body: { type: 'block', mode: 'automatic' } });
    expect(await billable()).toEqual([late.contractId]);
    expect((await call('DELETE', `/v1/contracts/${late.contractId}/products/${late.itemId}`)).status).toBe(204);
    const telephony = (await call('GET', '/v1/stfc/contracts')).body.items.map(
      (row: { contract: { id: string } }) => row.contract.id,
    );
    expect(telephony).toEqual([blocked.contractId]);
    expect(await billable()).toEqual([]);
  });

  test('when Summit fails half-way through the calls, then the contract stays pending and the retry resumes where it stopped: every call once, one charge', async () => {
    await integration();
    const { contractId } = await telephonyContract(await product(), '(11) 3222-1000');
    await drain();
    partners().summit.setMonth(contractId, COMPETENCE, {
      total: '52,50',
      calls: Array.from({ length: SUMMIT_PAGE_SIZE + 50 }, (_, i) => summitCall(i + 1)),
    });
    // The billing and the first page go through; the second page fails.
    partners().summit.setFaults({ script: ['pass', 'pass', '5xx'] });
    const created = await call('POST', '/v1/stfc/billing-batches', {
      body: { competence: COMPETENCE, contractIds: [contractId] },
    });
    await drain();
    const stored = async () =>
      Number(
        (
          await ctx().db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM call_records WHERE contract_id = $1`, [
            contractId,
          ])
        )[0]!.n,
      );
    const batch = async () => (await call('GET', `/v1/stfc/billing-batches/${created.body.id}`)).body;
    expect((await batch()).items[0]).toMatchObject({ state: 'pending', chargeId: null });
    expect(await stored()).toBe(SUMMIT_PAGE_SIZE);
    ctx().clock.advance(60_000);
    await drain();
    expect((await batch()).items[0]).toMatchObject({
      state: 'done',
      chargeId: expect.any(String),
      callsImported: SUMMIT_PAGE_SIZE + 50,
    });
    expect((await batch()).finishedAt).not.toBeNull();
    expect(await stored()).toBe(SUMMIT_PAGE_SIZE + 50);
    expect((await call('GET', `/v1/contracts/${contractId}/charges?competence=${COMPETENCE}`)).body.items).toEqual([
      expect.objectContaining({ amountCents: 5250 }),
    ]);
  });
});
