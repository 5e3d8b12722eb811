import { describeApi } from '../helpers/api-suite';
import { listen } from '../helpers/listening';
import { PLANETFONE_ADDRESS, SERASA_LOGIN, SERASA_PEFIN_LOGIN, SERASA_URL, usePartners } from '../helpers/partners';
import { CPF } from '../helpers/test-app';

/*
 * What partners send Ponte (PBX events, bureau webhooks) is input like any other: text PostgreSQL
 * cannot keep, impossible dates and the auth scheme written differently answer as the API does. The
 * sandbox's SPC Brasil takes SOAP over real HTTP, as the README has a provider try it.
 */
describeApi('input from partners', (ctx) => {
  usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const SECRET = 'planetfone-events-secret';
  const planetfone = async () => {
    await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    return (await call('POST', '/v1/pbx', { body: { type: 'planetfone', ...PLANETFONE_ADDRESS, eventSecret: SECRET } }))
      .body as { id: string };
  };
  const event = (extra: Record<string, unknown>) => ({
    event: 'ringing',
    callId: 'pf-0042',
    direction: 'inbound',
    phone: '(11) 98765-4321',
    extension: '30',
    at: '2026-11-02T12:00:00.000Z',
    ...extra,
  });
  const events = (pbxId: string, body: unknown, authorization = `Bearer ${SECRET}`) =>
    call('POST', `/v1/pbx/${pbxId}/events`, { body, key: null, headers: { authorization } });

  test('when a PBX sends a NUL, a lone surrogate or an impossible instant, then it gets 400 naming the field and no call is kept', async () => {
    const pbx = await planetfone();
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '(11) 98765-4321\u0000' }, '/0/phone'],
      [{ callId: 'pf-\ud800' }, '/0/callId'],
      [{ extension: '3\udc000' }, '/0/extension'],
      [{ at: '0000-01-01T00:00:00.000Z' }, '/0/at'],
      [{ at: 8.64e15 }, '/0/at'],
      [{ at: -8.64e15 }, '/0/at'],
    ];
    for (const [extra, field] of cases) {
      const answer = await events(pbx.id, [event(extra)]);
      expect({ extra, answer: answer.status, body: answer.body }).toMatchObject({
        answer: 400,
        body: { code: 'VALIDATION_FAILED' },
      });
      expect(JSON.stringify(answer.body)).toContain(field.split('/').pop());
    }
    expect((await call('GET', '/v1/calls')).body.items).toEqual([]);
  });

  test('when a PBX writes its auth scheme in another case or with extra spaces, then it is let in as the API lets keys in', async () => {
    const pbx = await planetfone();
    for (const authorization of [`bearer ${SECRET}`, `BEARER  ${SECRET}`, `Bearer ${SECRET}  `]) {
      expect(await events(pbx.id, [event({})], authorization)).toMatchObject({ status: 200 });
    }
    expect(await events(pbx.id, [event({})], `Bearer${SECRET}`)).toMatchObject({ status: 401 });
  });

  test('when a bureau posts a webhook whose uuid holds a NUL, then it gets 400 naming the field; its scheme is read in any case', async () => {
    const created = (
      await call('POST', '/v1/credit-integrations', {
        body: {
          bureau: 'serasa',
          url: SERASA_URL,
          ...SERASA_LOGIN,
          negativationUsername: SERASA_PEFIN_LOGIN.username,
          negativationPassword: SERASA_PEFIN_LOGIN.password,
        },
      })
    ).body as { id: string; webhookSecret: string };
    const post = (body: unknown, authorization: string) =>
      call('POST', `/v1/webhooks/credit/${created.id}`, { body, key: null, headers: { authorization } });
    const nul = await post({ uuid: 'a\u0000b', status: 'SUCCESS' }, `Bearer ${created.webhookSecret}`);
    expect(nul).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(nul.body)).toContain('uuid');
    expect(
      await post(
        { uuid: '0193a4fe-7b08-73a4-8fb6-2a3b4c5d6e7f', status: 'SUCCESS' },
        `bearer   ${created.webhookSecret}`,
      ),
    ).toMatchObject({ status: 404, body: { code: 'NEGATIVATION_NOT_FOUND' } });
  });
});

// Real HTTP to the sandbox that Ponte serves, with no request intercepted.
describeApi(
  'the sandbox SPC Brasil',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    test("when SPC Brasil is the sandbox's own over HTTP, then a consult through it completes", async () => {
      const base = await listen(ctx().api.app);
      const spc = await call('POST', '/v1/credit-integrations', {
        body: { bureau: 'spc', url: `${base}/sandbox/spc`, username: 'provedor', password: 'spc-S3cret' },
      });
      expect(spc.status).toBe(201);
      const consult = await call('POST', '/v1/credit-consultations', {
        body: { document: CPF, integrationId: spc.body.id, purpose: 'Novo contrato' },
      });
      expect(consult.body).toMatchObject({ status: 'completed', bureau: 'spc' });
    });
  },
  { env: { SANDBOX: 'on' } },
);

describeApi(
  'PBX addresses outside embedded mode',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    const digitro = { type: 'digitro', port: 8443, account: '1001', route: '0', apiKey: 'digitro-api-key' };
    test('when a PBX address is plain http or internal, then 422 names the field; https, or http to an allowlisted host, is taken', async () => {
      const refusals: [Record<string, unknown>, string][] = [
        [{ ...digitro, address: 'pabx.provedor.example' }, 'address'],
        [{ ...digitro, address: 'https://127.0.0.1' }, 'address'],
        [
          {
            ...digitro,
            address: 'https://pabx.provedor.example',
            easyCallRecord: { address: '169.254.169.254', port: 80, username: 'u', password: 'p' },
          },
          'easyCallRecord.address',
        ],
        [{ type: 'planetfone', address: 'http://pf.central.example/integracao', port: 9000 }, 'address'],
        [{ type: 'forip', address: '192.168.0.10', port: 9000 }, 'address'],
        [{ type: 'asterisk', ariUrl: 'https://[::1]:8089/ari', username: 'ponte', password: 'ari-secret' }, 'ariUrl'],
      ];
      for (const [body, field] of refusals) {
        const refused = await call('POST', '/v1/pbx', { body });
        expect({ body, answer: refused.status, problem: refused.body }).toMatchObject({
          answer: 422,
          problem: { code: 'PARTNER_URL_NOT_ALLOWED', errors: [{ field }] },
        });
      }
      expect((await call('GET', '/v1/pbx')).body.items).toEqual([]);
      const tls = await call('POST', '/v1/pbx', { body: { ...digitro, address: 'https://pabx.provedor.example' } });
      expect(tls.status).toBe(201);
      expect((await call('POST', '/v1/pbx', { body: { type: 'forip', address: '10.0.0.5', port: 9000 } })).status).toBe(
        201,
      );
      expect(
        (
          await call('POST', '/v1/pbx', {
            body: { type: 'asterisk', ariUrl: 'http://10.0.0.5:8088/ari', username: 'ponte', password: 'ari-secret' },
          })
        ).status,
      ).toBe(201);
      const moved = await call('PATCH', `/v1/pbx/${tls.body.id}`, { body: { address: 'https://10.0.0.6' } });
      expect(moved).toMatchObject({
        status: 422,
        body: { code: 'PARTNER_URL_NOT_ALLOWED', errors: [{ field: 'address' }] },
      });
    });
  },
  { env: { DATABASE_URL: 'postgresql://ponte@db.example:5432/ponte', PARTNER_ALLOWED_HOSTS: '10.0.0.5' } },
);
