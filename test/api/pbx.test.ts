import { describeApi } from '../helpers/api-suite';
import {
  ASTERISK_ARI_URL,
  ASTERISK_LOGIN,
  DIGITRO_FIELDS,
  FORIP_ADDRESS,
  PLANETFONE_ADDRESS,
  usePartners,
} from '../helpers/partners';
import { makeRenewPbxSubscriptions } from '../../src/app/use-cases/pbx/pbx';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/* Issue 13 (seed 004): PBX registry, agents, click-to-call, commands, events, caller identification, history, contacts, DDR. */
describeApi('PBX / CTI', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const moduleOn = () => call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
  const planetfone = async () =>
    (
      await call('POST', '/v1/pbx', {
        body: { type: 'planetfone', ...PLANETFONE_ADDRESS, eventSecret: 'planetfone-events-secret' },
      })
    ).body as { id: string };
  const events = (pbxId: string, body: unknown, secret = 'planetfone-events-secret') =>
    call('POST', `/v1/pbx/${pbxId}/events`, { body, key: null, headers: { authorization: `Bearer ${secret}` } });
  const inbound = (type: string, second: number, extra: Record<string, unknown> = {}) => ({
    event: type,
    callId: 'pf-0042',
    direction: 'inbound',
    phone: '(11) 98765-4321',
    extension: '30',
    did: '(51) 2101-0001',
    at: new Date(Date.UTC(2026, 10, 2, 12, 0, second)).toISOString(),
    ...extra,
  });

  test('when a PBX is created with an Idempotency-Key and replayed, then the replay keeps no event secret, and no stored answer does', async () => {
    await moduleOn();
    const headers = { 'idempotency-key': 'pbx-1' };
    const first = await call('POST', '/v1/pbx', { body: { type: 'forip', ...FORIP_ADDRESS }, headers });
    expect(first.body.eventSecret).toEqual(expect.any(String));
    const replay = await call('POST', '/v1/pbx', { body: { type: 'forip', ...FORIP_ADDRESS }, headers });
    expect(replay).toMatchObject({ status: 201, body: { id: first.body.id, eventSecret: null } });
    const stored = await ctx().db.sql.query<{ body: string }>(
      `SELECT response_body::text AS body FROM idempotency_keys`,
    );
    expect(stored.map((r) => r.body).join('\n')).not.toContain(first.body.eventSecret);
  });

  test('when a PBX is registered, then it takes only the fields of its type, its secrets are never shown, and the module switch guards every call route', async () => {
    expect(
      await call('POST', '/v1/pbx', {
        body: { type: 'digitro', address: '10.0.0.5', port: 8080, account: 'provedor', apiKey: 'dg-key' },
      }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'route' }] } });
    expect(await call('POST', '/v1/pbx', { body: { type: 'forip', ...FORIP_ADDRESS, account: 'x' } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'account' }] },
    });
    const created = await call('POST', '/v1/pbx', {
      body: { type: 'asterisk', ariUrl: ASTERISK_ARI_URL, ...ASTERISK_LOGIN },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { type: 'asterisk', commands: ['hangup', 'transfer', 'hold', 'resume'], eventSecret: expect.any(String) },
    });
    expect(JSON.stringify((await call('GET', `/v1/pbx/${created.body.id}`)).body)).not.toContain(
      ASTERISK_LOGIN.password,
    );
    expect(await call('POST', `/v1/pbx/${created.body.id}/test`)).toMatchObject({ status: 200, body: { ok: true } });
    await call('PATCH', `/v1/pbx/${created.body.id}`, { body: { password: 'wrong-password' } });
    expect(await call('POST', `/v1/pbx/${created.body.id}/test`)).toMatchObject({
      status: 502,
      body: { code: 'PARTNER_AUTH_FAILED' },
    });

    for (const [method, path] of [
      ['GET', '/v1/calls'],
      ['GET', '/v1/calls/0193a4fe-7b08-73a4-8fb6-2a3b4c5d6e7f'],
    ] as const) {
      expect(await call(method, path)).toMatchObject({ status: 409, body: { code: 'PBX_MODULE_DISABLED' } });
    }
  });

  test('when events come repeated and out of order, then they converge to one call: answered, transferred, ended, with its duration', async () => {
    await moduleOn();
    const pbx = await planetfone();
    const stream = [
      inbound('hangup', 95),
      inbound('ringing', 0),
      inbound('answered', 5),
      inbound('answered', 5),
      inbound('transfer', 30, { to: '31' }),
      inbound('ringing', 0),
    ];
    const first = await events(pbx.id, stream.slice(0, 3));
    const second = await events(pbx.id, stream.slice(3));
    expect(second.body.callIds).toEqual(first.body.callIds);
    const got = (await call('GET', `/v1/calls/${first.body.callIds[0]}`)).body;
    expect(got).toMatchObject({
      direction: 'inbound',
      from: '+5511987654321',
      did: '+555121010001',
      extension: '30',
      state: 'ended',
      durationSeconds: 90,
      unanswered: false,
      transfers: [{ to: '31' }],
    });
    expect(await events(pbx.id, stream, 'not-the-secret-of-it')).toMatchObject({ status: 401 });
    expect(await events(pbx.id, { nonsense: true })).toMatchObject({ status: 400 });
  });

  test("when a call's events arrive at once, each in its own request, then the call is the fold of them all; a state a failure left behind is folded again by the next event heard, even a repeated one", async () => {
    await moduleOn();
    const pbx = await planetfone();
    const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '30' } })).body;
    const stream = [
      inbound('ringing', 0),
      inbound('answered', 5),
      inbound('transfer', 30, { to: '31' }),
      inbound('hangup', 95),
    ];
    const answers = await Promise.all([...stream, ...stream].reverse().map((event) => events(pbx.id, [event])));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const callId = answers[0]!.body.callIds[0];
    expect(new Set(answers.map((a) => a.body.callIds[0]))).toEqual(new Set([callId]));
    const ended = {
      state: 'ended',
      answeredAt: '2026-11-02T12:00:05.000Z',
      durationSeconds: 90,
      unanswered: false,
      agentId: agent.id,
      transfers: [{ to: '31' }],
    };
    expect((await call('GET', `/v1/calls/${callId}`)).body).toMatchObject(ended);

    // The state as if the process had stopped between keeping the last events and saving the fold.
    await ctx().db.sql.query(
      `UPDATE calls SET state = 'answered', ended_at = NULL, duration_seconds = 0, folded_events = 2 WHERE id = $1`,
      [callId],
    );
    expect((await events(pbx.id, [inbound('ringing', 0)])).body.callIds).toEqual([callId]);
    expect((await call('GET', `/v1/calls/${callId}`)).body).toMatchObject(ended);
    expect(await ctx().db.sql.query(`SELECT folded_events AS folded FROM calls WHERE id = $1`, [callId])).toEqual([
      { folded: 4 },
    ]);
  });

  test('when an inbound number belongs to several customers, then every one is listed; attaching it to another customer puts it on the chosen phone', async () => {
    await moduleOn();
    const pbx = await planetfone();
    const maria = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' },
      })
    ).body;
    const joao = (
      await call('POST', '/v1/customers', {
        body: { name: 'João Lima', document: OTHER_CPF, phones: ['(11) 3222-1000', '(11) 98765-4321'] },
      })
    ).body;
    const [callId] = (await events(pbx.id, [inbound('ringing', 0)])).body.callIds;
    const got = (await call('GET', `/v1/calls/${callId}`)).body;
    expect(got.matches).toEqual(
      expect.arrayContaining([
        { customerId: maria.id, name: 'Maria Souza', phoneField: 'mobilePhone' },
        { customerId: joao.id, name: 'João Lima', phoneField: 'phones/1' },
      ]),
    );
    expect(got.customerDraft).toBeNull();

    const stranger = (await events(pbx.id, [inbound('ringing', 0, { callId: 'pf-0043', phone: '(21) 99876-1234' })]))
      .body.callIds[0];
    const unknown = (await call('GET', `/v1/calls/${stranger}`)).body;
    expect(unknown).toMatchObject({ matches: [], customerDraft: { mobilePhone: '+5521998761234' } });
    const attached = await call('POST', `/v1/calls/${stranger}/customer`, {
      body: { customerId: joao.id, phoneField: 'phones/0' },
    });
    expect(attached).toMatchObject({
      status: 200,
      body: { customerId: joao.id, matches: [{ customerId: joao.id, phoneField: 'phones/0' }] },
    });
    expect((await call('GET', `/v1/customers/${joao.id}`)).body.phones).toEqual(['+5521998761234', '+5511987654321']);
  });

  test('when a contact is opened from a call to a registered DDR, then its traffic source is set and cannot change; a call has one contact at most', async () => {
    await moduleOn();
    const pbx = await planetfone();
    const newspaper = (
      await call('POST', '/v1/traffic-sources', { body: { name: 'Anúncio no jornal', ddr: '(51) 2101-0001' } })
    ).body;
    const social = (
      await call('POST', '/v1/traffic-sources', { body: { name: 'Redes sociais', ddr: '(51) 2101-0002' } })
    ).body;
    expect(await call('POST', '/v1/traffic-sources', { body: { name: 'Outro', ddr: '51 2101-0001' } })).toMatchObject({
      status: 409,
      body: { code: 'TRAFFIC_SOURCE_DDR_TAKEN' },
    });
    const [callId] = (await events(pbx.id, [inbound('ringing', 0), inbound('hangup', 20)])).body.callIds;
    expect(
      await call('POST', `/v1/calls/${callId}/contact`, { body: { subject: 'Interesse', trafficSourceId: social.id } }),
    ).toMatchObject({ status: 409, body: { code: 'TRAFFIC_SOURCE_FIXED' } });
    const contact = await call('POST', `/v1/calls/${callId}/contact`, { body: { subject: 'Interesse em fibra' } });
    expect(contact).toMatchObject({
      status: 201,
      body: { callId, trafficSourceId: newspaper.id, trafficSourceFixed: true },
    });
    expect(
      await call('PATCH', `/v1/contacts/${contact.body.id}`, { body: { trafficSourceId: social.id } }),
    ).toMatchObject({ status: 409, body: { code: 'TRAFFIC_SOURCE_FIXED' } });
    expect(await call('POST', `/v1/calls/${callId}/contact`, { body: { subject: 'De novo' } })).toMatchObject({
      status: 409,
      body: { code: 'CALL_HAS_CONTACT' },
    });
    const [history] = (await call('GET', '/v1/calls?unanswered=true')).body.items;
    expect(history).toMatchObject({ id: callId, unanswered: true, contactId: contact.body.id });
  });

  test("when a contact opened from a call names the customer served, then the call is that customer's, and the call history shows the customer's id and name", async () => {
    await moduleOn();
    const pbx = await planetfone();
    const maria = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF } })).body;
    const [callId] = (await events(pbx.id, [inbound('ringing', 0), inbound('hangup', 20)])).body.callIds;
    expect((await call('GET', '/v1/calls')).body.items).toEqual([
      expect.objectContaining({ id: callId, customerId: null, customerName: null }),
    ]);
    expect(
      await call('POST', `/v1/calls/${callId}/contact`, { body: { subject: 'Segunda via', customerId: maria.id } }),
    ).toMatchObject({ status: 201, body: { customerId: maria.id } });
    expect((await call('GET', '/v1/calls')).body.items).toEqual([
      expect.objectContaining({ id: callId, customerId: maria.id, customerName: 'Maria Souza' }),
    ]);
    expect((await call('GET', `/v1/calls/${callId}`)).body).toMatchObject({
      customerId: maria.id,
      customerName: 'Maria Souza',
    });
    expect((await call('GET', `/v1/calls?customerId=${maria.id}`)).body.items.map((c: { id: string }) => c.id)).toEqual(
      [callId],
    );
    expect(await call('GET', '/v1/calls?from=0000-01-01T00:00:00Z')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'from' }] },
    });
  });

  test("when an agent clicks to call a customer's mobile, then the PBX rings the extension then the number; commands the PBX lacks are refused naming its type", async () => {
    await moduleOn();
    const asterisk = (
      await call('POST', '/v1/pbx', { body: { type: 'asterisk', ariUrl: ASTERISK_ARI_URL, ...ASTERISK_LOGIN } })
    ).body;
    const agent = (
      await call('POST', '/v1/agents', {
        body: { name: 'Ana', pbxId: asterisk.id, extension: '4021', password: 'ramal-4021' },
      })
    ).body;
    expect(JSON.stringify(agent)).not.toContain('ramal-4021');
    expect(
      await call('POST', '/v1/agents', { body: { name: 'Bia', pbxId: asterisk.id, extension: '4021' } }),
    ).toMatchObject({ status: 409, body: { code: 'AGENT_EXTENSION_TAKEN' } });
    const maria = (
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' },
      })
    ).body;

    const placed = await call('POST', '/v1/calls', {
      body: { agentId: agent.id, customerId: maria.id, phone: 'mobile' },
    });
    expect(placed).toMatchObject({
      status: 202,
      body: {
        direction: 'outbound',
        to: '+5511987654321',
        extension: '4021',
        agentId: agent.id,
        customerId: maria.id,
        state: 'ringing',
      },
    });
    expect(partners().asterisk.calls.get(placed.body.externalId)).toMatchObject({
      extension: '4021',
      to: '011987654321',
    });
    expect(await call('POST', `/v1/calls/${placed.body.id}/hold`)).toMatchObject({ status: 202 });
    expect(partners().asterisk.calls.get(placed.body.externalId)!.state).toBe('held');
    expect(await call('POST', '/v1/calls', { body: { agentId: agent.id, to: '123' } })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PHONE' },
    });

    partners().asterisk.statuses.set('4021', 'busy');
    expect((await call('GET', `/v1/agents/${agent.id}/extension-status`)).body).toEqual({
      agentId: agent.id,
      extension: '4021',
      status: 'busy',
    });

    const forip = (await call('POST', '/v1/pbx', { body: { type: 'forip', ...FORIP_ADDRESS } })).body;
    const bia = (await call('POST', '/v1/agents', { body: { name: 'Bia', pbxId: forip.id, extension: '50' } })).body;
    const dialed = (await call('POST', '/v1/calls', { body: { agentId: bia.id, to: '(21) 3222-1000' } })).body;
    expect(await call('POST', `/v1/calls/${dialed.id}/transfer`, { body: { to: '51' } })).toMatchObject({
      status: 409,
      body: { code: 'PBX_COMMAND_NOT_SUPPORTED', detail: expect.stringContaining('forip') },
    });
    expect(await call('POST', `/v1/calls/${dialed.id}/hangup`)).toMatchObject({ status: 202 });
  });
});

/* Issue 13, item 8: recordings where the PBX records. */
describeApi('PBX recordings', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);

  test('when an Asterisk call ends, then its recording streams as audio once the PBX stored it, and can be played to a number; a PBX that does not record says so', async () => {
    await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    const asterisk = (
      await call('POST', '/v1/pbx', {
        body: { type: 'asterisk', ariUrl: ASTERISK_ARI_URL, ...ASTERISK_LOGIN, eventSecret: 'asterisk-events-secret' },
      })
    ).body;
    const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: asterisk.id, extension: '4021' } }))
      .body;
    const placed = (await call('POST', '/v1/calls', { body: { agentId: agent.id, to: '(11) 98765-4321' } })).body;
    expect(await call('GET', `/v1/calls/${placed.id}/recording`)).toMatchObject({
      status: 409,
      body: { code: 'RECORDING_NOT_READY' },
    });

    const channel = {
      id: placed.externalId,
      state: 'Up',
      caller: { number: '4021' },
      connected: { number: '11987654321' },
      dialplan: { context: 'from-internal', exten: '011987654321' },
    };
    const ended = await call('POST', `/v1/pbx/${asterisk.id}/events`, {
      key: null,
      headers: { authorization: 'Bearer asterisk-events-secret' },
      body: { type: 'ChannelDestroyed', timestamp: new Date().toISOString(), channel },
    });
    expect(ended.status).toBe(200);
    // Ended, but the PBX has not stored it yet: not ready; then it is there.
    expect(await call('GET', `/v1/calls/${placed.id}/recording`)).toMatchObject({
      status: 409,
      body: { code: 'RECORDING_NOT_READY' },
    });
    partners().asterisk.recordings.set(placed.externalId, Buffer.from('RIFF....WAVEfmt '));
    const audio = await call('GET', `/v1/calls/${placed.id}/recording`, { outsideContract: true });
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    expect(audio.raw).toBe('RIFF....WAVEfmt ');
    expect(await call('POST', `/v1/calls/${placed.id}/recording/playback`, { body: { to: '4022' } })).toMatchObject({
      status: 202,
      body: { playbackCallId: expect.any(String) },
    });
    expect(partners().asterisk.playbacks).toEqual([{ recording: placed.externalId, to: '4022' }]);

    const forip = (await call('POST', '/v1/pbx', { body: { type: 'forip', ...FORIP_ADDRESS } })).body;
    const bia = (await call('POST', '/v1/agents', { body: { name: 'Bia', pbxId: forip.id, extension: '50' } })).body;
    const other = (await call('POST', '/v1/calls', { body: { agentId: bia.id, to: '(21) 3222-1000' } })).body;
    expect(await call('GET', `/v1/calls/${other.id}/recording`)).toMatchObject({
      status: 409,
      body: { code: 'PBX_COMMAND_NOT_SUPPORTED', detail: expect.stringContaining('forip') },
    });
  });
});

/* Issue 13, item 10: Dígitro's event subscriptions, renewed before their 900 s expiry. */
describeApi('Dígitro event subscriptions', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);

  test('when a Dígitro is registered, then it is subscribed to the event route with its secret, renewed before 900 s, and subscribed again once the subscription expired', async () => {
    const digitro = partners().digitro;
    digitro.now = () => ctx().clock.now().getTime();
    const pbx = (
      await call('POST', '/v1/pbx', {
        body: { type: 'digitro', ...DIGITRO_FIELDS, eventSecret: 'digitro-events-secret' },
      })
    ).body;
    const renew = makeRenewPbxSubscriptions(ctx().api.app.deps, () => 'https://ponte.provedor.test');

    expect(await renew()).toEqual({ renewed: 1, failed: 0 });
    const [first, subscription] = [...digitro.subscriptions][0]!;
    expect(subscription).toMatchObject({
      url: `https://ponte.provedor.test/v1/pbx/${pbx.id}/events`,
      authorization: 'Bearer digitro-events-secret',
    });
    // Not near its end yet: nothing to do.
    ctx().clock.advance(5 * 60_000);
    expect(await renew()).toEqual({ renewed: 0, failed: 0 });
    // Within five minutes of its end: renewed, the same subscription.
    ctx().clock.advance(6 * 60_000);
    expect(await renew()).toEqual({ renewed: 1, failed: 0 });
    expect([...digitro.subscriptions.keys()]).toEqual([first]);
    // Missed past its end (Ponte was down): Dígitro forgot it; a new one is made.
    ctx().clock.advance(30 * 60_000);
    expect(await renew()).toEqual({ renewed: 1, failed: 0 });
    expect([...digitro.subscriptions.keys()]).toHaveLength(1);
    expect([...digitro.subscriptions.keys()][0]).not.toBe(first);
    // A revoked key fails this turn and is tried at the next.
    await call('PATCH', `/v1/pbx/${pbx.id}`, { body: { apiKey: 'revoked-key' } });
    ctx().clock.advance(30 * 60_000);
    expect(await renew()).toEqual({ renewed: 0, failed: 1 });
  });
});
