import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { createTelecallPlatform } from '../../src/adapters/partners/telecall/telecall-platform';
import { TelecallSimulator } from '../../src/adapters/sandbox/telecall/simulator';
import { PartnerError } from '../../src/domain/ports/partner';

/* docs/partners.md, TeleCall: 202 then poll, already-in-state is success, blocking a cancelled line is rejected. */
const URL = 'https://telecall.test/api';
const TOKEN = 'telecall-token-123';
const timeouts = { connectMs: 200, responseMs: 500 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};
const line = {
  reference: '0193a4f6-4579-7d88-9fee-f4152b3c4d5e',
  msisdn: '+5511987654321',
  iccid: '8955101000000000005',
  plan: 'TELECALL-10GB',
};

describe('the TeleCall adapter against its simulator', () => {
  const server = setupServer();
  let telecall: TelecallSimulator;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    telecall = new TelecallSimulator(TOKEN);
    server.resetHandlers(...telecall.handlers(URL));
  });
  afterAll(() => server.close());
  const platform = (token = TOKEN, attempts = 5) =>
    createTelecallPlatform({ baseUrl: URL, token, http: partnerHttp, poll: { intervalMs: 5, attempts } });

  test('when the lines are listed, then each comes back once, in number order, with the reference Ponte sent', async () => {
    telecall.lateness = 0;
    for (const [i, msisdn] of ['+5511987654323', '+5511987654321', '+5511987654322'].entries())
      await platform().activateLine({ ...line, reference: `ref-${i}`, msisdn });
    await platform().blockLine('+5511987654322', 'total');
    const first = await platform().listLines({ cursor: null, limit: 2 });
    expect(first.lines.map((l) => [l.msisdn, l.reference, l.status])).toEqual([
      ['+5511987654321', 'ref-1', 'active'],
      ['+5511987654322', 'ref-2', 'blocked_total'],
    ]);
    const rest = await platform().listLines({ cursor: first.next, limit: 2 });
    expect(rest).toEqual({ lines: [expect.objectContaining({ reference: 'ref-0' })], next: null });
  });

  test('when TeleCall lists a line the adapter cannot read, then the list fails retryable rather than pass it on', async () => {
    server.use(
      http.get(`${URL}/lines`, () => HttpResponse.json({ lines: [{ msisdn: '+5511987654321' }], next: null })),
    );
    await expect(platform().listLines({ cursor: null, limit: 10 })).rejects.toMatchObject({ kind: 'retryable' });
  });

  test('when TeleCall accepts with 202 and finishes later, then the adapter polls until the line is in the state', async () => {
    telecall.lateness = 3;
    await platform().activateLine(line);
    expect(telecall.lines.get(line.msisdn)!.status).toBe('active');
    await platform().blockLine(line.msisdn, 'partial');
    expect(await platform().getLine(line.msisdn)).toBe('blocked_partial');
  });

  test('when TeleCall never finishes within the polls, then the failure is retryable', async () => {
    telecall.lateness = 50;
    await expect(platform(TOKEN, 3).activateLine(line)).rejects.toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('has not finished'),
    });
  });

  test('when the line is already in the state, or the activation is repeated, then it is a success', async () => {
    telecall.lateness = 0;
    await platform().activateLine(line);
    await platform().activateLine(line);
    await platform().blockLine(line.msisdn, 'total');
    await platform().blockLine(line.msisdn, 'total');
    expect(telecall.lines.get(line.msisdn)!.log).toEqual(['pending', 'active', 'blocked_total']);
  });

  test("when a cancelled line is blocked, then it is a rejection with TeleCall's message", async () => {
    telecall.lateness = 0;
    await platform().activateLine(line);
    await platform().cancelLine(line.msisdn);
    await expect(platform().blockLine(line.msisdn, 'partial')).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('cancelada'),
    });
  });

  test('when the token is refused or TeleCall is down, then auth and retryable failures', async () => {
    await expect(platform('token-errado').activateLine(line)).rejects.toMatchObject({ kind: 'auth' });
    telecall.setFaults({ script: ['5xx'] });
    const error = await platform()
      .activateLine(line)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerError);
    expect(error).toMatchObject({ kind: 'retryable' });
  });

  test('when TeleCall answers 200 for an unknown line state, then the adapter does not take it as done', async () => {
    server.use(http.get(`${URL}/lines/:msisdn`, () => HttpResponse.json({ status: 'weird' })));
    await expect(platform().getLine(line.msisdn)).rejects.toMatchObject({ kind: 'retryable' });
  });
});
