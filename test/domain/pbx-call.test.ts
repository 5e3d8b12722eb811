import fc from 'fast-check';
import { foldCall, type CallEvent } from '../../src/domain/pbx/call';
import { PBX_CAPABILITIES, supports } from '../../src/domain/pbx/capabilities';
import { pbxAddresses, pbxFieldProblems, serviceBase } from '../../src/domain/pbx/pbx';

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 14, 0, s));
const inbound = (type: CallEvent['type'], second: number, extra: Partial<CallEvent> = {}): CallEvent => ({
  callId: 'c-1',
  type,
  direction: 'inbound',
  from: '+5511987654321',
  to: null,
  did: '+555121010001',
  extension: type === 'ringing' ? null : '4021',
  at: at(second),
  ...extra,
});

/* Issue 13, item 4: out-of-order and repeated events converge to the same call record. */
describe('a call from its events', () => {
  const answeredCall = [
    inbound('ringing', 0),
    inbound('answered', 5),
    inbound('transfer', 30, { to: '4022' }),
    inbound('hangup', 95),
  ];

  test('when a call rings, is answered, transferred and hung up, then it is ended, answered, with its duration from the answer', () => {
    expect(foldCall(answeredCall)).toEqual({
      direction: 'inbound',
      from: '+5511987654321',
      to: null,
      did: '+555121010001',
      extension: '4021',
      state: 'ended',
      startedAt: at(0),
      answeredAt: at(5),
      endedAt: at(95),
      durationSeconds: 90,
      unanswered: false,
      transfers: [{ to: '4022', at: at(30) }],
    });
  });

  test('when a call rings and hangs up, then it is unanswered with no duration; while it rings, it is ringing', () => {
    expect(foldCall([inbound('ringing', 0), inbound('hangup', 20)])).toMatchObject({
      state: 'ended',
      unanswered: true,
      durationSeconds: 0,
      answeredAt: null,
    });
    expect(foldCall([inbound('ringing', 0)])).toMatchObject({ state: 'ringing', unanswered: false, endedAt: null });
  });

  test('when the hangup arrives before the answer it follows, then the record is the same as in order', () => {
    expect(foldCall([inbound('hangup', 95), inbound('answered', 5), inbound('ringing', 0)])).toEqual(
      foldCall([inbound('ringing', 0), inbound('answered', 5), inbound('hangup', 95)]),
    );
  });

  test('when any stream of the same events arrives shuffled and repeated, then the record is always the same', () => {
    const event = fc
      .record({
        type: fc.constantFrom('ringing', 'answered', 'hangup', 'transfer'),
        second: fc.integer({ min: 0, max: 300 }),
        extension: fc.constantFrom(null, '4021', '4022'),
        to: fc.constantFrom(null, '4022', '+5521999990000'),
      })
      .map(({ type, second, extension, to }) => inbound(type, second, { extension, to }));
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer(),
        (events, repeats, seed) => {
          const repeated = [...events, ...repeats.map((r) => events[r % events.length]!)];
          const shuffled = fc.sample(fc.shuffledSubarray(repeated, { minLength: repeated.length }), {
            seed,
            numRuns: 1,
          })[0]!;
          expect(foldCall(shuffled)).toEqual(foldCall(events));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/* Issue 13, items 1 and 3: the fields of each PBX type (seed 004) and what each can do. */
describe('PBX types', () => {
  test('when a Dígitro lacks its route or a Planetfone gets an account, then each field at fault is named', () => {
    expect(
      pbxFieldProblems('digitro', { address: '10.0.0.5', port: 5060, account: 'provedor', apiKey: 'k' }).map(
        (e) => e.field,
      ),
    ).toEqual(['route']);
    expect(
      pbxFieldProblems('planetfone', { address: 'http://pf.central.com.br/integracao', port: 8080, account: 'x' }).map(
        (e) => e.field,
      ),
    ).toEqual(['account']);
    expect(pbxFieldProblems('forip', { address: '192.168.111.222', port: 80 })).toEqual([]);
    expect(
      pbxFieldProblems('digitro', {
        address: 'https://pabx.provedor.com.br',
        port: 1,
        account: 'a',
        route: 'r',
        apiKey: 'k',
      }),
    ).toEqual([]);
    expect(
      pbxFieldProblems('digitro', {
        address: 'ftp://pabx.provedor.com.br',
        port: 1,
        account: 'a',
        route: 'r',
        apiKey: 'k',
      }).map((e) => e.field),
    ).toEqual(['address']);
    expect(
      pbxFieldProblems('digitro', {
        address: '10.0.0.1',
        port: 1,
        account: 'a',
        route: 'r',
        apiKey: 'k',
        easyCallRecord: { address: 'not a host', port: 1, username: 'u', password: 'p' },
      }).map((e) => e.field),
    ).toEqual(['easyCallRecord.address']);
    expect(
      pbxFieldProblems('asterisk', { ariUrl: 'http://pbx.local:8088/ari', username: 'ponte', password: 'x' }),
    ).toEqual([]);
    expect(
      pbxFieldProblems('asterisk', {
        ariUrl: 'http://pbx.local:8088/ari',
        username: 'ponte',
        password: 'x',
        easyCallRecord: { address: 'a', port: 1, username: 'u', password: 'p' },
      }).map((e) => e.field),
    ).toEqual(['easyCallRecord']);
  });

  test('when a command is asked of a PBX, then the capability table says whether it can', () => {
    expect(supports('digitro', 'hold')).toBe(true);
    expect(supports('forip', 'transfer')).toBe(false);
    expect(supports('planetfone', 'resume')).toBe(false);
    expect(PBX_CAPABILITIES.asterisk.commands).toEqual(['hangup', 'transfer', 'hold', 'resume']);
  });
});

describe('where Ponte calls a PBX', () => {
  test('when an address is an IP or host, then it is http at the port; a URL keeps its scheme and path and gets the port when it names none', () => {
    expect(serviceBase('10.0.0.1', 8080)).toBe('http://10.0.0.1:8080');
    expect(serviceBase('https://pabx.provedor.com.br/api/', 8443)).toBe('https://pabx.provedor.com.br:8443/api');
    expect(serviceBase('http://pf.central.com.br:9000/integracao', 80)).toBe(
      'http://pf.central.com.br:9000/integracao',
    );
    expect(
      pbxAddresses({
        address: 'https://pabx.provedor.com.br',
        port: 443,
        easyCallRecord: { address: '10.0.0.2', port: 8081, username: 'u', password: 'p' },
      }),
    ).toEqual([
      { field: 'address', url: 'https://pabx.provedor.com.br' },
      { field: 'easyCallRecord.address', url: 'http://10.0.0.2:8081' },
    ]);
    expect(pbxAddresses({ ariUrl: 'https://pbx.provedor.com.br:8089/ari' })).toEqual([
      { field: 'ariUrl', url: 'https://pbx.provedor.com.br:8089/ari' },
    ]);
  });
});
