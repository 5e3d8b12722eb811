import { describeApi } from '../helpers/api-suite';
import { eventually } from '../helpers/eventually';
import { EXA_PREFIX, SUMMIT_TOKEN, SUMMIT_URL, usePartners } from '../helpers/partners';
import { EXA_URL, MOBILE } from '../helpers/test-app';

/*
 * Reconciliation (docs/reconciliation.md), black box: drift of every kind is made on the simulated
 * platforms behind Ponte's back; a plan finds exactly it and changes nothing; a repair brings the
 * platforms back to Ponte's state, each repair in the contract's history; a plan after it is clean.
 */
describeApi('reconciliation', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const post = async (url: string, body: unknown) => {
    const answer = await call('POST', url, { body });
    expect(answer.status).toBeLessThan(300);
    return answer.body;
  };

  beforeEach(() => {
    partners().telecall.lateness = 0;
    ctx()
      .api.app.background.find((service) => service.name === 'reconciliation-runner')!
      .start();
  });

  /** Starts a run and waits for its end (the clock moves on, as time does between a change and a run). */
  async function reconcile(body: Record<string, unknown>) {
    ctx().clock.advance(60_000);
    const started = await call('POST', '/v1/reconciliations', { body });
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/v1/reconciliations/${started.body.id}`);
    return eventually(async () => {
      const run = await call('GET', `/v1/reconciliations/${started.body.id}?limit=200`);
      return run.body.status === 'finished' || run.body.status === 'failed' ? run.body : undefined;
    }, 'the run to end');
  }

  /** An EXA integration creating its users, and contracts activated with a user each; a TeleCall line and a SIP line on the first. */
  async function provider(contracts: number) {
    const exa = await post('/v1/sva-integrations', {
      platform: 'exa',
      url: EXA_URL,
      prefix: EXA_PREFIX,
      autoCreateUsers: true,
    });
    const product = await post('/v1/products', {
      name: 'EXA',
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: exa.id,
      svaPackage: 'EXA-SEG-BASICO',
    });
    const made: { contract: string; user: string }[] = [];
    for (let i = 0; i < contracts; i += 1) {
      const customer = await post('/v1/customers', {
        name: `Cliente ${i}`,
        document: withCpfDigits(String(200_000_000 + i * 7919)),
        email: `cliente${i}@example.com`,
        mobilePhone: MOBILE,
      });
      const contract = await post('/v1/contracts', { customerId: customer.id });
      await post(`/v1/contracts/${contract.id}/products`, { productId: product.id });
      await post(`/v1/contracts/${contract.id}/events`, { type: 'activate' });
      const users = (await call('GET', `/v1/contracts/${contract.id}/sva-users`)).body.items;
      made.push({ contract: contract.id, user: users[0].id });
    }
    const line = await post(`/v1/contracts/${made[0]!.contract}/mvno-lines`, {
      msisdn: '(11) 98765-4321',
      iccid: '8955101000000000005',
      plan: 'TELECALL-10GB',
    });
    const sip = await post(`/v1/contracts/${made[0]!.contract}/voip-lines`, {
      extension: '4021',
      number: '(11) 3222-1000',
    });
    await drain();
    return { exa: exa.id as string, contracts: made, line: line.id as string, sip: sip.id as string };
  }

  const findingsOf = (run: { findings: { items: Record<string, unknown>[] } }) =>
    run.findings.items
      .map((f) => ({ kind: f.kind, targetKind: f.targetKind, reference: f.reference }))
      .sort((a, b) =>
        `${String(a.reference)}${String(a.kind)}`.localeCompare(`${String(b.reference)}${String(b.kind)}`),
      );

  test('when drift of every kind is made behind Ponte’s back, then a plan finds exactly it and changes nothing, a repair brings the platforms back, and a plan after it is clean', async () => {
    const { contracts, line, sip } = await provider(5);
    const clean = await reconcile({ mode: 'plan' });
    expect(clean).toMatchObject({ status: 'finished', counts: { findings: 0 }, findings: { items: [] } });
    expect(clean.progress).toMatchObject({
      integrations: 3,
      integrationsDone: 3,
      compared: 7,
      platformSubscriptions: 7,
    });

    const exa = partners().exa;
    const telecall = partners().telecall;
    const [a, b, c, d] = contracts;
    expect(exa.drift({ reference: a!.user, status: 'blocked' })).toEqual(
      expect.objectContaining({ reference: expect.any(String) }),
    );
    expect(exa.drift({ reference: b!.user, package: 'EXA-BACKUP-100' })).toEqual(
      expect.objectContaining({ reference: expect.any(String) }),
    );
    expect(exa.drift({ reference: c!.user, delete: true })).toEqual(
      expect.objectContaining({ reference: expect.any(String) }),
    );
    const stranger = exa.drift({
      extra: { reference: 'erp-antigo-771', email: 'antigo@example.com', document: '11144477735', name: 'Antigo' },
    });
    expect(stranger).toMatchObject({ reference: 'erp-antigo-771' });
    expect(telecall.drift({ reference: line, status: 'blocked_total' })).toEqual(
      expect.objectContaining({ reference: expect.any(String) }),
    );
    telecall.drift({
      extra: { reference: 'linha-avulsa', msisdn: '+5511911112222', iccid: '8955101000000000013', plan: 'X' },
    });
    const softswitch = partners().voip;
    expect(softswitch.drift({ reference: sip, extension: '4099' })).toEqual(
      expect.objectContaining({ reference: sip }),
    );
    softswitch.drift({ extra: { reference: 'ramal-avulso', extension: '5000', number: '+551130000000' } });
    // A change Ponte is still carrying out is not drift: d is blocked, its delivery not made yet.
    await post(`/v1/contracts/${d!.contract}/events`, { type: 'block' });
    const before = JSON.stringify([exa.users(), [...telecall.lines.values()], [...softswitch.lines.values()]]);

    const plan = await reconcile({ mode: 'plan' });
    expect(findingsOf(plan)).toEqual(
      [
        { kind: 'status', targetKind: 'sva_user', reference: a!.user },
        { kind: 'attribute', targetKind: 'sva_user', reference: b!.user },
        { kind: 'missing', targetKind: 'sva_user', reference: c!.user },
        { kind: 'extra', targetKind: 'sva_user', reference: 'erp-antigo-771' },
        { kind: 'status', targetKind: 'mvno_line', reference: line },
        { kind: 'extra', targetKind: 'mvno_line', reference: 'linha-avulsa' },
        { kind: 'attribute', targetKind: 'sip_line', reference: sip },
        { kind: 'extra', targetKind: 'sip_line', reference: 'ramal-avulso' },
      ].sort((x, y) => `${x.reference}${x.kind}`.localeCompare(`${y.reference}${y.kind}`)),
    );
    expect(plan.counts).toMatchObject({
      findings: 8,
      byKind: {
        sva_user: { status: 1, attribute: 1, missing: 1, extra: 1 },
        mvno_line: { status: 1, extra: 1 },
        sip_line: { attribute: 1, extra: 1 },
      },
    });
    const status = plan.findings.items.find((f: { reference: string }) => f.reference === a!.user);
    expect(status).toMatchObject({
      targetId: a!.user,
      contractId: a!.contract,
      platform: 'exa',
      desired: { status: 'active', packageCode: 'EXA-SEG-BASICO' },
      actual: { status: 'blocked' },
      repair: { actions: ['unblock_user'] },
      outcome: null,
    });
    expect(JSON.stringify([exa.users(), [...telecall.lines.values()], [...softswitch.lines.values()]])).toBe(before);
    const told = await call('GET', `/v1/events?type=reconciliation.drift_found&resourceId=${plan.id}`);
    expect(told.body.items).toEqual([
      expect.objectContaining({
        data: { reconciliation: expect.objectContaining({ id: plan.id, mode: 'plan', findings: 8, repaired: 0 }) },
      }),
    ]);
    const missing = await call('GET', `/v1/reconciliations/${plan.id}/findings?kind=missing`);
    expect(missing.body.items).toHaveLength(1);
    expect(missing.body.items[0].repair.actions).toEqual(['create_user']);

    const repair = await reconcile({ mode: 'repair' });
    // The SIP line's other extension has no call to put it back: reported, not repaired.
    expect(repair.counts).toMatchObject({ findings: 8, repaired: 4, skipped: 3 });
    const extraKept = repair.findings.items.find((f: { reference: string }) => f.reference === 'erp-antigo-771');
    expect(extraKept.outcome).toMatchObject({ status: 'skipped', reason: expect.stringContaining('removeExtra') });
    await drain();
    const history = (await call('GET', `/v1/contracts/${a!.contract}/events`)).body.items;
    const repairs = history.filter((line: { type: string }) => line.type === 'reconcile');
    // Contract a had its EXA user unblocked and its TeleCall line unblocked: a line for each, its state untouched.
    expect(repairs).toEqual([
      expect.objectContaining({ actor: 'system:reconciliation', reason: expect.stringContaining('unblock_user') }),
      expect.objectContaining({ actor: 'system:reconciliation', reason: expect.stringContaining('unblock_line') }),
    ]);
    expect(repairs[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'active' } });
    expect(exa.users(EXA_PREFIX).find((u) => u.reference === a!.user)!.status).toBe('active');
    expect(exa.users(EXA_PREFIX).find((u) => u.reference === b!.user)!.packageCode).toBe('EXA-SEG-BASICO');
    expect(exa.users(EXA_PREFIX).find((u) => u.reference === c!.user)!.status).toBe('active');
    expect([...telecall.lines.values()].find((l) => l.reference === line)!.status).toBe('active');

    const extras = await reconcile({ mode: 'repair', removeExtra: true });
    expect(extras.counts).toMatchObject({ findings: 4, repaired: 3 });
    await drain();
    expect(softswitch.lines.get('ramal-avulso')!.status).toBe('cancelled');
    expect(exa.users(EXA_PREFIX).some((u) => u.reference === 'erp-antigo-771')).toBe(false);
    expect(telecall.lines.get('+5511911112222')!.status).toBe('cancelled');

    const after = await reconcile({ mode: 'plan' });
    // The cancelled extra lines stay on the platforms' books, cancelled: reported, nothing left to do;
    // the SIP line's extension waits for an operator.
    expect(findingsOf(after)).toEqual(
      [
        { kind: 'extra', targetKind: 'mvno_line', reference: 'linha-avulsa' },
        { kind: 'attribute', targetKind: 'sip_line', reference: sip },
        { kind: 'extra', targetKind: 'sip_line', reference: 'ramal-avulso' },
      ].sort((x, y) => `${x.reference}${x.kind}`.localeCompare(`${y.reference}${y.kind}`)),
    );
    expect(after.findings.items.every((f: { repair: { actions: unknown[] } }) => f.repair.actions.length === 0)).toBe(
      true,
    );
    const sva = await reconcile({ mode: 'plan', targetKind: 'sva_user' });
    expect(sva.counts.findings).toBe(0);
  });

  test('when a contract is cancelled and its platform still serves it, then that is extra, ended only with removeExtra', async () => {
    const { contracts } = await provider(1);
    await post(`/v1/contracts/${contracts[0]!.contract}/events`, { type: 'cancel' });
    await drain();
    partners().exa.drift({ reference: contracts[0]!.user, status: 'active' });
    const plan = await reconcile({ mode: 'plan', targetKind: 'sva_user' });
    expect(plan.findings.items).toEqual([
      expect.objectContaining({
        kind: 'extra',
        targetId: contracts[0]!.user,
        repair: { actions: ['deactivate_user'] },
      }),
    ]);
    const repair = await reconcile({ mode: 'repair', targetKind: 'sva_user', removeExtra: true });
    expect(repair.counts.repaired).toBe(1);
    await drain();
    expect(partners().exa.users(EXA_PREFIX)[0]!.status).toBe('cancelled');
  });

  test('when Summit’s lines drift, then a missing line is provisioned again and a changed closing day or plan put back; lines of contracts Ponte has none for are reported', async () => {
    const summit = await post('/v1/stfc-integrations', { url: SUMMIT_URL, token: SUMMIT_TOKEN });
    const product = await post('/v1/products', { name: 'STFC Local', type: 'stfc', priceCents: 4990 });
    const contracts: string[] = [];
    for (const [i, document] of ['52998224725', '11144477735', '39053344705'].entries()) {
      const customer = await post('/v1/customers', { name: `Assinante ${i}`, document });
      const contract = await post('/v1/contracts', { customerId: customer.id, billingDay: 10 });
      await post(`/v1/contracts/${contract.id}/events`, { type: 'activate' });
      await post(`/v1/contracts/${contract.id}/products`, { productId: product.id, number: `(11) 3222-100${i}` });
      contracts.push(contract.id);
    }
    await drain();
    const lines = partners().summit;
    lines.drift({ reference: contracts[0], closingDay: 20 });
    lines.drift({ reference: contracts[1], delete: true });
    lines.drift({ reference: contracts[2], number: '+551199990000' });
    lines.drift({ extra: { reference: '0193a500-0000-7000-8000-00000000abcd', number: '+551140000000' } });
    const plan = await reconcile({ mode: 'plan', integrationId: summit.id });
    expect(findingsOf(plan)).toEqual(
      [
        { kind: 'attribute', targetKind: 'stfc_service', reference: contracts[0] },
        { kind: 'missing', targetKind: 'stfc_service', reference: contracts[1] },
        { kind: 'attribute', targetKind: 'stfc_service', reference: contracts[2] },
        { kind: 'extra', targetKind: 'stfc_service', reference: '0193a500-0000-7000-8000-00000000abcd' },
      ].sort((x, y) => `${x.reference}${x.kind}`.localeCompare(`${y.reference}${y.kind}`)),
    );
    const closing = plan.findings.items.find((f: { reference: string }) => f.reference === contracts[0]);
    expect(closing).toMatchObject({
      desired: { closingDay: 10 },
      actual: { closingDay: 20 },
      repair: { actions: ['update_line'] },
    });

    const repair = await reconcile({ mode: 'repair', integrationId: summit.id, removeExtra: true });
    // Another number, and a line Ponte has no contract for, are an operator's: Summit has no call for them.
    expect(repair.counts).toMatchObject({ findings: 4, repaired: 2 });
    await drain();
    expect(lines.lines.get(contracts[0]!)!.closingDay).toBe(10);
    expect(lines.lines.get(contracts[1]!)).toMatchObject({ number: '+551132221001', closingDay: 10 });
    const after = await reconcile({ mode: 'plan', targetKind: 'stfc_service' });
    expect(after.counts.byKind).toEqual({ stfc_service: { extra: 1, attribute: 1 } });
  });

  test('when a platform does not answer, then its targets are unknown and nothing is repaired', async () => {
    const { exa } = await provider(2);
    partners().exa.setFaults({ failureRate: 1 });
    const run = await reconcile({ mode: 'repair', integrationId: exa });
    expect(run.counts).toMatchObject({ findings: 2, byKind: { sva_user: { unknown: 2 } }, repaired: 0 });
    expect(run.findings.items[0]).toMatchObject({
      kind: 'unknown',
      actual: { error: expect.any(String) },
      outcome: null,
    });
    expect(run.progress.platformCalls).toBe(3);
  });

  test('when the run is asked wrongly, then the answer names the field, and unknown runs answer 404', async () => {
    const bad = await call('POST', '/v1/reconciliations', { body: { mode: 'fix' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toContain('mode');
    const unknown = await call('POST', '/v1/reconciliations', {
      body: { mode: 'plan', integrationId: '0193a500-0000-7000-8000-000000000000' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('RECONCILIATION_INTEGRATION_NOT_FOUND');
    expect(unknown.body.errors[0].field).toBe('integrationId');
    for (const [integrationId, targetKind] of [
      ['telecall', 'sva_user'],
      ['voip', 'mvno_line'],
    ]) {
      const mismatch = await call('POST', '/v1/reconciliations', { body: { mode: 'plan', integrationId, targetKind } });
      expect(mismatch.body).toMatchObject({
        code: 'RECONCILIATION_TARGET_MISMATCH',
        errors: [{ field: 'targetKind' }],
      });
    }
    expect((await call('GET', '/v1/reconciliations/0193a500-0000-7000-8000-000000000000')).status).toBe(404);
    const reader = await ctx().api.keyWith('reader', ['contracts:read']);
    expect((await call('POST', '/v1/reconciliations', { body: { mode: 'plan' }, key: reader })).status).toBe(403);
    expect((await call('GET', '/v1/reconciliations')).body.items).toEqual([]);
  });
});

describeApi(
  'the nightly reconciliation plan',
  (ctx) => {
    test('when its time has come, then one plan is queued for the day, whichever process looks first', async () => {
      const { queueNightlyPlan } = await import('../../src/app/use-cases/reconciliation');
      const deps = ctx().api.app.deps;
      // 12:00 UTC is 09:00 in São Paulo: before 09:30, nothing; after it, one plan a day.
      expect(await queueNightlyPlan(deps)).toBe(false);
      ctx().clock.advance(31 * 60_000);
      expect(await queueNightlyPlan(deps)).toBe(true);
      expect(await queueNightlyPlan(deps)).toBe(false);
      const runs = (await ctx().api.call('GET', '/v1/reconciliations')).body.items;
      expect(runs).toEqual([expect.objectContaining({ mode: 'plan', trigger: 'schedule', status: 'queued' })]);
      ctx().clock.advanceDays(1);
      expect(await queueNightlyPlan(deps)).toBe(true);
    });
  },
  { env: { RECONCILIATION_PLAN_AT: '09:30' } },
);

describeApi(
  'sandbox drift',
  (ctx) => {
    test('when the sandbox is told of drift, then its platform changes behind Ponte’s back, and only a sandbox key may tell it', async () => {
      const { api } = ctx();
      await api.call('POST', '/v1/sva-integrations', { body: { platform: 'saber_plus', token: 'meu-token' } });
      const noKey = await api.call('POST', '/sandbox/saber-plus/_sandbox/drift', {
        key: null,
        body: { reference: 'x', status: 'blocked' },
        outsideContract: true,
      });
      expect(noKey.status).toBe(401);
      const unknown = await api.call('POST', '/sandbox/saber-plus/_sandbox/drift', {
        body: { reference: 'nobody', status: 'blocked' },
        outsideContract: true,
      });
      expect(unknown.status).toBe(400);
      const created = await api.call('POST', '/sandbox/saber-plus/users', {
        key: null,
        headers: { authorization: 'Bearer meu-token' },
        body: {
          reference: 'ref-1',
          cpf: '52998224725',
          name: 'Maria',
          mobilePhone: '+5511912345678',
          packageCode: 'SABER-ESSENCIAL',
        },
        outsideContract: true,
      });
      expect(created.status).toBe(201);
      const drift = await api.call('POST', '/sandbox/saber-plus/_sandbox/drift', {
        body: { reference: 'ref-1', status: 'blocked' },
        outsideContract: true,
      });
      expect(drift.body).toMatchObject({ reference: 'ref-1', status: 'blocked' });
      const extra = await api.call('POST', '/sandbox/saber-plus/_sandbox/drift', {
        body: { extra: { reference: 'ref-2', cpf: '11144477735', name: 'Outro' } },
        outsideContract: true,
      });
      expect(extra.body).toMatchObject({ reference: 'ref-2', status: 'active' });
      const listed = await api.call('GET', '/sandbox/saber-plus/users?limit=1', {
        key: null,
        headers: { authorization: 'Bearer meu-token' },
        outsideContract: true,
      });
      expect(listed.body).toMatchObject({ users: [{ reference: 'ref-1' }], next: 'ref-1' });
      const rest = await api.call('GET', '/sandbox/saber-plus/users?limit=1&cursor=ref-1', {
        key: null,
        headers: { authorization: 'Bearer meu-token' },
        outsideContract: true,
      });
      expect(rest.body).toMatchObject({ users: [{ reference: 'ref-2' }], next: null });
      const line = await api.call('POST', '/sandbox/telecall/_sandbox/drift', {
        body: { extra: { reference: 'l-1', msisdn: '+5511911112222', iccid: '8955101000000000005', plan: 'P' } },
        outsideContract: true,
      });
      expect(line.body).toMatchObject({ reference: 'l-1', status: 'active' });
      const sip = await api.call('POST', '/sandbox/voip/_sandbox/drift', {
        body: { extra: { reference: 's-1', extension: '4021', number: '+551132221000' } },
        outsideContract: true,
      });
      expect(sip.body).toMatchObject({ reference: 's-1', status: 'active' });
    });
  },
  { env: { SANDBOX: 'on' } },
);

/** A valid CPF from its first nine digits. */
function withCpfDigits(base: string): string {
  const digit = (digits: string) => {
    const sum = [...digits].reduce((total, d, i) => total + Number(d) * (digits.length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  const first = digit(base);
  return `${base}${first}${digit(`${base}${first}`)}`;
}
