import { setupServer } from 'msw/node';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { createPbxPlatform } from '../../src/adapters/partners/pbx/pbx-platforms';
import { readAsteriskEvents, readDigitroEvents, readWebhookPbxEvents } from '../../src/adapters/partners/pbx/events';
import { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';
import type { Pbx } from '../../src/domain/pbx/pbx';

/* docs/partners.md, PBXs: extension offline, invalid channel, duplicate and out-of-order events (normalised here), revoked key. */
const timeouts = { connectMs: 200, responseMs: 300 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};
const at = new Date('2026-11-23T14:30:00Z');
const base: Pbx = {
  id: 'p',
  type: 'asterisk',
  description: null,
  address: null,
  port: null,
  account: null,
  route: null,
  easyCallRecord: null,
  ariUrl: null,
  username: null,
  active: true,
  createdAt: at,
  updatedAt: at,
};
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('Asterisk (ARI) against its simulator', () => {
  let pbx: PbxSimulator;
  beforeEach(() => {
    pbx = new PbxSimulator('asterisk', (credential) => credential === 'ponte:ari-secret');
    server.resetHandlers(...pbx.handlers('http://pbx.test:8088'));
  });
  const platform = (password = 'ari-secret') =>
    createPbxPlatform({ ...base, ariUrl: 'http://pbx.test:8088/ari', username: 'ponte' }, { password }, partnerHttp);

  test('when a call is originated, then the extension is the endpoint and the number is dialed; hold, resume, transfer and hang up act on its channel', async () => {
    const { callId } = await platform().originate({ extension: '4021', to: '+5511987654321', reference: 'ref-1' });
    expect(pbx.calls.get(callId)).toMatchObject({
      id: 'ref-1',
      extension: '4021',
      to: '011987654321',
      state: 'ringing',
    });
    await platform().command(callId, 'hold', {});
    expect(pbx.calls.get(callId)!.state).toBe('held');
    await platform().command(callId, 'resume', {});
    await platform().command(callId, 'transfer', { to: '4022' });
    expect(pbx.calls.get(callId)).toMatchObject({ state: 'up', transferredTo: '4022' });
    await platform().command(callId, 'hangup', {});
    expect(pbx.calls.get(callId)!.state).toBe('hung_up');
    // A channel already gone is hung up already.
    await expect(platform().command(callId, 'hangup', {})).resolves.toBeUndefined();
  });

  test('when the channel is invalid, the extension offline, or the key revoked, then each failure says so', async () => {
    await expect(platform().command('no-such-channel', 'hold', {})).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('channel'),
    });
    pbx.offline.add('4021');
    await expect(
      platform().originate({ extension: '4021', to: '+5511987654321', reference: 'r' }),
    ).rejects.toMatchObject({ kind: 'rejected' });
    expect(await platform().extensionStatus('4021')).toBe('unavailable');
    await expect(platform('revoked').test()).rejects.toMatchObject({ kind: 'auth' });
  });

  test('when an extension is asked for, then its device state reads as the common status', async () => {
    pbx.statuses.set('4021', 'on_hold');
    expect(await platform().extensionStatus('4021')).toBe('on_hold');
    expect(await platform().extensionStatus('4022')).toBe('idle');
  });
});

describe('Dígitro and the Planetfone/ForIP integration service against their simulators', () => {
  test('when Dígitro dials on its route and commands the call, then each command reaches the channel', async () => {
    const pbx = new PbxSimulator('digitro', (key) => key === 'dg-key');
    server.resetHandlers(...pbx.handlers('http://10.0.0.5:8080'));
    const platform = createPbxPlatform(
      { ...base, type: 'digitro', address: '10.0.0.5', port: 8080, account: 'provedor', route: 'ROTA-1' },
      { apiKey: 'dg-key' },
      partnerHttp,
    );
    const { callId } = await platform.originate({ extension: '200', to: '+555121010001', reference: 'r' });
    await platform.command(callId, 'transfer', { to: '201' });
    await platform.command(callId, 'hangup', {});
    expect(pbx.calls.get(callId)).toMatchObject({
      extension: '200',
      to: '05121010001',
      transferredTo: '201',
      state: 'hung_up',
    });
    await expect(platform.command(callId, 'hold', {})).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('Canal inválido'),
    });
    await expect(
      createPbxPlatform(
        { ...base, type: 'digitro', address: '10.0.0.5', port: 8080 },
        { apiKey: 'revoked' },
        partnerHttp,
      ).test(),
    ).rejects.toMatchObject({ kind: 'auth' });
  });

  test('when Dígitro has EasyCall Record, then a recording is read with its own login and played to a number; one it does not hold is none', async () => {
    const pbx = new PbxSimulator(
      'digitro',
      (credential) =>
        credential === 'dg-key' || credential === `Basic ${Buffer.from('gravador:rec-secret').toString('base64')}`,
    );
    server.resetHandlers(...pbx.handlers('http://10.0.0.5:8080'));
    const digitro = {
      ...base,
      type: 'digitro' as const,
      address: '10.0.0.5',
      port: 8080,
      account: 'provedor',
      route: 'ROTA-1',
      easyCallRecord: { address: '10.0.0.5', port: 8080, username: 'gravador' },
    };
    const platform = createPbxPlatform(digitro, { apiKey: 'dg-key', recordPassword: 'rec-secret' }, partnerHttp);
    pbx.recordings.set('77', Buffer.from('audio-77'));
    expect(await platform.recording('77')).toEqual({ contentType: 'audio/wav', audio: Buffer.from('audio-77') });
    expect(await platform.recording('78')).toBeNull();
    await platform.playRecording('77', '+5511987654321');
    expect(pbx.playbacks).toEqual([{ recording: '77', to: '011987654321' }]);
    await expect(
      createPbxPlatform({ ...digitro, easyCallRecord: null }, { apiKey: 'dg-key' }, partnerHttp).recording('77'),
    ).rejects.toMatchObject({ kind: 'rejected' });
  });

  test('when Planetfone is reached at an http:// URL with its path and the port, then calls go there', async () => {
    const pbx = new PbxSimulator('service', () => true);
    server.resetHandlers(...pbx.handlers('http://pf.central.test:9000/integracao'));
    const platform = createPbxPlatform(
      { ...base, type: 'planetfone', address: 'http://pf.central.test/integracao', port: 9000 },
      {},
      partnerHttp,
    );
    await platform.test();
    const { callId } = await platform.originate({ extension: '30', to: '+5511987654321', reference: 'r' });
    await platform.command(callId, 'transfer', { to: '31' });
    expect(pbx.calls.get(callId)).toMatchObject({ extension: '30', transferredTo: '31' });
    expect(await platform.extensionStatus('30')).toBe('idle');
  });
});

describe('call events of each PBX, normalised', () => {
  test('when ARI events are relayed to the event route, then they read as on the socket; one of no call makes the body unreadable', () => {
    const trunk = {
      id: '1732.42',
      name: 'PJSIP/trunk-0000002a',
      state: 'Ring',
      caller: { number: '11987654321' },
      dialplan: { context: 'from-trunk', exten: '5121010001' },
    };
    const leg = { id: '1732.43', name: 'PJSIP/4021-0000002b', dialplan: { context: 'from-internal', exten: 's' } };
    expect(
      readAsteriskEvents([
        { type: 'ChannelCreated', timestamp: '2026-11-23T14:30:00.000-0300', channel: trunk },
        { type: 'Dial', timestamp: '2026-11-23T14:30:05.000-0300', caller: trunk, peer: leg, dialstatus: 'ANSWER' },
        { type: 'ChannelDestroyed', timestamp: '2026-11-23T14:31:05.000-0300', channel: trunk },
      ]),
    ).toEqual([
      expect.objectContaining({
        callId: '1732.42',
        type: 'ringing',
        direction: 'inbound',
        from: '+5511987654321',
        did: '+555121010001',
      }),
      expect.objectContaining({ type: 'answered', extension: '4021' }),
      expect.objectContaining({ type: 'hangup' }),
    ]);
    expect(
      readAsteriskEvents([{ type: 'ChannelCreated', timestamp: '2026-11-23T14:30:00Z', channel: leg }]),
    ).toBeNull();
  });

  test('when Dígitro and the integration services report events, then they read the same way; anything else reads as nothing', () => {
    expect(
      readDigitroEvents({
        EVENTO: 'ATENDIDA',
        ID_CHAMADA: 77,
        SENTIDO: 'ENTRADA',
        ORIGEM: '(11) 98765-4321',
        DESTINO: '200',
        DDR: '5121010001',
        RAMAL: '200',
        DATA_HORA: '2026-11-23T14:30:00Z',
      }),
    ).toEqual([
      {
        callId: '77',
        type: 'answered',
        direction: 'inbound',
        from: '+5511987654321',
        to: '200',
        did: '+555121010001',
        extension: '200',
        at: new Date('2026-11-23T14:30:00Z'),
      },
    ]);
    expect(
      readWebhookPbxEvents({
        event: 'hangup',
        callId: 'pf-1',
        direction: 'outbound',
        phone: '11987654321',
        extension: '30',
        at: '2026-11-23T14:30:00Z',
      }),
    ).toEqual([
      {
        callId: 'pf-1',
        type: 'hangup',
        direction: 'outbound',
        from: '30',
        to: '+5511987654321',
        did: null,
        extension: '30',
        at: new Date('2026-11-23T14:30:00Z'),
      },
    ]);
    expect(
      readWebhookPbxEvents({ event: 'exploded', callId: 'x', direction: 'inbound', at: '2026-11-23T14:30:00Z' }),
    ).toBeNull();
    expect(readDigitroEvents('text')).toBeNull();
    expect(readAsteriskEvents({ type: 'StasisStart' })).toBeNull();
  });
});
