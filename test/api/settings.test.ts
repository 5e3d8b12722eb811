import { describeApi } from '../helpers/api-suite';

/* Seed 000 ("Parâmetros gerais > Integrações") and issue 10, item 1. */
describeApi('integration settings', (ctx) => {
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const product = async (type: string) =>
    (await call('POST', '/v1/products', { body: { name: `Produto ${type}`, type, priceCents: 2990 } })).body;
  const defaults = {
    voip: { defaultProductId: null, sipPasswordRequired: false, blockLinesWithContract: true },
    mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
    creditAnalysis: { enabled: false, reconsultIntervalDays: null },
    communicationChannel: { defaultOpaSuiteIntegrationId: null },
    pbx: { enabled: false },
  };

  test('when nothing was set, then the defaults show with version 0 and an empty history', async () => {
    expect((await call('GET', '/v1/settings/integrations')).body).toEqual({
      ...defaults,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    expect((await call('GET', '/v1/settings/integrations/history')).body).toEqual({ items: [], nextCursor: null });
  });

  test('when the settings are replaced, then they are stored with who and when, and the history keeps before and after', async () => {
    const voip = await product('voip');
    const operator = await ctx().api.keyWith('operador-noc', ['integrations:write']);
    const settings = {
      voip: { defaultProductId: voip.id, sipPasswordRequired: true, blockLinesWithContract: false },
      mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: false },
      creditAnalysis: { enabled: false, reconsultIntervalDays: 30 },
      communicationChannel: { defaultOpaSuiteIntegrationId: null },
    };
    const replaced = await call('PUT', '/v1/settings/integrations', { body: settings, key: operator });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      ...settings,
      version: 1,
      updatedBy: 'operador-noc',
      updatedAt: expect.any(String),
    });

    const [change] = (await call('GET', '/v1/settings/integrations/history')).body.items;
    expect(change).toEqual({
      id: expect.any(String),
      at: replaced.body.updatedAt,
      actor: 'operador-noc',
      changed: [
        'voip.defaultProductId',
        'voip.sipPasswordRequired',
        'voip.blockLinesWithContract',
        'mvno.partialBlockFollowsContract',
        'creditAnalysis.reconsultIntervalDays',
      ],
      before: defaults,
      // A request without the PBX section leaves it as it was.
      after: { ...settings, pbx: { enabled: false } },
    });

    // The same settings again change nothing and add no history line.
    expect((await call('PUT', '/v1/settings/integrations', { body: settings })).body.version).toBe(1);
    expect((await call('GET', '/v1/settings/integrations/history')).body.items).toHaveLength(1);
  });

  test('when one section is patched, then only the fields sent change', async () => {
    const patched = await call('PATCH', '/v1/settings/integrations', {
      body: { voip: { blockLinesWithContract: false } },
    });
    expect(patched.body).toMatchObject({
      ...defaults,
      voip: { ...defaults.voip, blockLinesWithContract: false },
      version: 1,
    });
    const again = await call('PATCH', '/v1/settings/integrations', {
      body: { mvno: { totalBlockFollowsContract: false }, creditAnalysis: { reconsultIntervalDays: 0 } },
    });
    expect(again.body).toMatchObject({
      voip: { blockLinesWithContract: false },
      mvno: { totalBlockFollowsContract: false, partialBlockFollowsContract: true },
      creditAnalysis: { reconsultIntervalDays: 0 },
      version: 2,
    });
    const history = (await call('GET', '/v1/settings/integrations/history')).body.items;
    expect(history.map((c: { changed: string[] }) => c.changed)).toEqual([
      ['voip.blockLinesWithContract'],
      ['mvno.totalBlockFollowsContract', 'creditAnalysis.reconsultIntervalDays'],
    ]);
  });

  test('when a referenced id does not exist or does not fit, then 422 names the field and nothing changes', async () => {
    const internet = await product('internet');
    const missing = await call('PATCH', '/v1/settings/integrations', {
      body: { voip: { defaultProductId: '0195f3a0-0000-7000-8000-000000000000' } },
    });
    expect(missing.body).toMatchObject({
      status: 422,
      code: 'UNKNOWN_PRODUCT',
      errors: [{ field: 'voip/defaultProductId' }],
    });
    const wrongType = await call('PATCH', '/v1/settings/integrations', {
      body: { voip: { defaultProductId: internet.id } },
    });
    expect(wrongType.body).toMatchObject({
      status: 422,
      code: 'PRODUCT_NOT_VOIP',
      errors: [{ field: 'voip/defaultProductId', message: expect.stringContaining('internet') }],
    });
    const opa = await call('PATCH', '/v1/settings/integrations', {
      body: { communicationChannel: { defaultOpaSuiteIntegrationId: '0195f3a0-0000-7000-8000-000000000001' } },
    });
    expect(opa.body).toMatchObject({
      status: 422,
      code: 'UNKNOWN_OPA_SUITE_INTEGRATION',
      errors: [{ field: 'communicationChannel/defaultOpaSuiteIntegrationId' }],
    });
    expect((await call('GET', '/v1/settings/integrations')).body).toMatchObject({ ...defaults, version: 0 });
  });

  test('when a body is incomplete, unknown or out of range, then 400 names the field', async () => {
    const partialPut = await call('PUT', '/v1/settings/integrations', { body: { voip: defaults.voip } });
    expect(partialPut.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'communicationChannel',
      'creditAnalysis',
      'mvno',
    ]);
    const unknown = await call('PATCH', '/v1/settings/integrations', { body: { voip: { blockLines: true } } });
    expect(unknown.body.errors).toEqual([{ field: 'voip/blockLines', message: 'Unknown field.' }]);
    const empty = await call('PATCH', '/v1/settings/integrations', { body: { voip: {} } });
    expect(empty.body).toMatchObject({ status: 400, errors: [{ field: 'voip' }] });
    const negative = await call('PATCH', '/v1/settings/integrations', {
      body: { creditAnalysis: { reconsultIntervalDays: -1 } },
    });
    expect(negative.body.errors).toEqual([
      { field: 'creditAnalysis/reconsultIntervalDays', message: 'Must be at least 0.' },
    ]);
  });

  test('when a key can only read integrations, then it reads the settings and cannot change them', async () => {
    const reader = await ctx().api.keyWith('leitura', ['integrations:read']);
    expect((await call('GET', '/v1/settings/integrations', { key: reader })).status).toBe(200);
    expect(
      (await call('PATCH', '/v1/settings/integrations', { key: reader, body: { voip: { sipPasswordRequired: true } } }))
        .status,
    ).toBe(403);
  });

  test('when two changes race, then both are applied one after the other and the history has both', async () => {
    // Read back afterwards, not after each: the other change may land between a write and its re-read.
    const answers = await Promise.all([
      call('PATCH', '/v1/settings/integrations', {
        body: { voip: { sipPasswordRequired: true } },
        outsideContract: true,
      }),
      call('PATCH', '/v1/settings/integrations', {
        body: { mvno: { totalBlockFollowsContract: false } },
        outsideContract: true,
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const settings = (await call('GET', '/v1/settings/integrations')).body;
    expect(settings).toMatchObject({
      voip: { sipPasswordRequired: true },
      mvno: { totalBlockFollowsContract: false },
      version: 2,
    });
    expect((await call('GET', '/v1/settings/integrations/history')).body.items).toHaveLength(2);
  });
});
