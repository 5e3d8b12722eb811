import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { ARI_APPLICATION, createPbxPlatform } from '../../src/adapters/partners/pbx/pbx-platforms';
import { readAriEvent } from '../../src/adapters/partners/pbx/events';
import { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';
import type { CallEvent } from '../../src/domain/pbx/call';
import type { Pbx } from '../../src/domain/pbx/pbx';
import { PartnerError } from '../../src/domain/ports/partner';
import { eventually } from '../helpers/eventually';
import { serveAri } from '../helpers/ari-server';

/*
 * Asterisk's ARI as Asterisk serves it (docs/partners.md, "Asterisk"), against the simulator on a
 * real HTTP and WebSocket server on 127.0.0.1 (test/helpers/ari-server.ts), every request checked
 * against the ARI operations and parameters Asterisk's api-docs declare.
 */
const timeouts = { connectMs: 1_000, responseMs: 2_000 };
const partnerHttp = { agent: createPartnerAgent(timeouts), timeouts };
const at = new Date('2026-11-23T14:30:00Z');
const pbxOf = (ariUrl: string): Pbx => ({
  id: 'p',
  type: 'asterisk',
  description: null,
  address: null,
  port: null,
  account: null,
  route: null,
  easyCallRecord: null,
  ariUrl,
  username: 'ponte',
  active: true,
  createdAt: at,
  updatedAt: at,
});

describe("Asterisk's ARI over its events WebSocket", () => {
  let pbx: PbxSimulator;
  let served: Awaited<ReturnType<typeof serveAri>>;
  beforeEach(async () => {
    pbx = new PbxSimulator('asterisk', (login) => login === 'ponte:ari-secret');
    served = await serveAri(pbx);
  });
  afterEach(async () => {
    await served.http.close();
    expect(served.violations).toEqual([]);
  });
  const platform = (password = 'ari-secret') => createPbxPlatform(pbxOf(served.ariUrl), { password }, partnerHttp);

  test('when Ponte connects and places a call, then the events of its channel come over the socket: ringing, answered, ended', async () => {
    const heard: CallEvent[] = [];
    const connection = await platform().connectEvents!((events) => heard.push(...events));
    expect(pbx.connectedApplications).toBe(1);
    expect(connection.live.callIds.size).toBe(0);
    const reference = '01935a4e-1c7d-7000-8000-00000000a001';
    const { callId } = await platform().originate({ extension: '4021', to: '+5511987654321', reference });
    expect(callId).toBe(reference);
    // A click-to-call retried: ARI answers 409 for the channel id it has, and nothing is placed twice.
    await expect(platform().originate({ extension: '4021', to: '+5511987654321', reference })).resolves.toEqual({
      callId: reference,
    });
    expect(pbx.calls.size).toBe(1);
    await eventually(async () => (heard.some((e) => e.type === 'hangup') ? true : undefined), 'the hangup', 10_000);
    expect(heard.every((e) => e.callId === reference && e.direction === 'outbound')).toBe(true);
    expect(heard.find((e) => e.type === 'answered')).toMatchObject({ extension: '4021', to: '+5511987654321' });
    connection.close();
    expect(await connection.closed).toBe('closed by Ponte');
  });

  test('when the connection opens while calls are live, then they are given with it; a call hung up by Ponte ends at once', async () => {
    const inbound = pbx.inbound({ from: '11987654321', did: '5121010001', extension: '4021' })!;
    const heard: CallEvent[] = [];
    const connection = await platform().connectEvents!((events) => heard.push(...events));
    expect([...connection.live.callIds]).toEqual([inbound.id]);
    expect(connection.live.events[0]).toMatchObject({ type: 'ringing', direction: 'inbound', did: '+555121010001' });
    await platform().command(inbound.id, 'hangup', {});
    await eventually(async () => (heard.some((e) => e.type === 'hangup') ? true : undefined), 'the hangup');
    connection.close();
  });

  test("when the connection opens once an inbound call rings at the extension, then the extension's leg is not taken for another call", async () => {
    const inbound = pbx.inbound({ from: '11987654321', did: '5121010001', extension: '4021' })!;
    // The sandbox Asterisk dials the extension 100 ms after the call comes in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard: CallEvent[] = [];
    const connection = await platform().connectEvents!((events) => heard.push(...events));
    expect([...connection.live.callIds]).toEqual([inbound.id]);
    await platform().command(inbound.id, 'hangup', {});
    await eventually(async () => (heard.some((e) => e.type === 'hangup') ? true : undefined), 'the hangup');
    expect(heard.every((e) => e.callId === inbound.id)).toBe(true);
    connection.close();
  });

  test('when the credentials are wrong, then connecting fails as auth; another client under the same application ends the connection', async () => {
    await expect(platform('wrong').connectEvents!(() => undefined)).rejects.toMatchObject({
      constructor: PartnerError,
      kind: 'auth',
    });
    const first = await platform().connectEvents!(() => undefined);
    const second = await platform().connectEvents!(() => undefined);
    expect(await first.closed).toMatch(/ApplicationReplaced/);
    second.close();
    await second.closed;
    expect(ARI_APPLICATION).toBe('ponte');
  });

  test('when the PBX goes away, then the connection says it closed', async () => {
    const connection = await platform().connectEvents!(() => undefined);
    await served.http.close();
    expect(await connection.closed).toMatch(/closed by the PBX/);
  });
});

describe('ARI events read from their models', () => {
  const ts = (s: number) => new Date(Date.UTC(2026, 10, 23, 17, 30, s)).toISOString();
  const trunk = {
    id: '1732370000.42',
    name: 'PJSIP/trunk-0000002a',
    state: 'Ring',
    caller: { name: '', number: '11987654321' },
    connected: { name: '', number: '' },
    dialplan: { context: 'from-trunk', exten: '5121010001', priority: 1 },
  };
  const leg = {
    ...trunk,
    id: '1732370000.43',
    name: 'PJSIP/4021-0000002b',
    dialplan: { context: 'from-internal', exten: 's', priority: 1 },
  };

  test('when a customer calls in, then the trunk channel is the call: the DDR from its dialplan, the extension from the Dial that answers; the leg is no call', () => {
    const read = [
      { type: 'ChannelCreated', timestamp: ts(0), channel: trunk },
      { type: 'ChannelCreated', timestamp: ts(1), channel: leg },
      { type: 'Dial', timestamp: ts(1), caller: trunk, peer: leg, dialstring: '4021', dialstatus: '' },
      { type: 'Dial', timestamp: ts(5), caller: trunk, peer: leg, dialstring: '4021', dialstatus: 'ANSWER' },
      { type: 'ChannelDestroyed', timestamp: ts(65), channel: leg, cause: 16, cause_txt: 'Normal Clearing' },
      { type: 'ChannelDestroyed', timestamp: ts(65), channel: trunk, cause: 16, cause_txt: 'Normal Clearing' },
    ].flatMap((event) => readAriEvent(event));
    expect(read.map((e) => [e.callId, e.type, e.extension])).toEqual([
      ['1732370000.42', 'ringing', null],
      ['1732370000.42', 'ringing', '4021'],
      ['1732370000.42', 'answered', '4021'],
      ['1732370000.42', 'hangup', null],
    ]);
    expect(read[0]).toMatchObject({ direction: 'inbound', from: '+5511987654321', did: '+555121010001' });
  });

  test('when the Dial is busy or unanswered, then it says nothing: the hangup ends the call unanswered', () => {
    expect(readAriEvent({ type: 'Dial', timestamp: ts(3), caller: trunk, peer: leg, dialstatus: 'NOANSWER' })).toEqual(
      [],
    );
    expect(readAriEvent({ type: 'StasisEnd', timestamp: ts(3), channel: trunk })).toEqual([]);
    expect(readAriEvent({ type: 'ChannelDestroyed', timestamp: 'not a time', channel: trunk })).toEqual([]);
  });

  test('when a phone dials a number itself, then its channel is an outbound call from its extension', () => {
    const phone = {
      ...leg,
      id: '1732370000.50',
      name: 'PJSIP/4022-00000031',
      dialplan: { context: 'from-internal', exten: '011987654321', priority: 1 },
    };
    expect(readAriEvent({ type: 'ChannelCreated', timestamp: ts(0), channel: phone })).toEqual([
      expect.objectContaining({ callId: phone.id, direction: 'outbound', extension: '4022', to: '+5511987654321' }),
    ]);
    expect(
      readAriEvent({
        type: 'BridgeBlindTransfer',
        timestamp: ts(9),
        channel: leg,
        transferee: phone,
        exten: '4030',
        context: 'from-internal',
        result: 'Success',
        is_external: false,
      }),
    ).toEqual([expect.objectContaining({ callId: phone.id, type: 'transfer', to: '4030' })]);
  });
});
