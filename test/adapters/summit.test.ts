import { setupServer } from 'msw/node';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { createSummitPlatform, summitAmountCents } from '../../src/adapters/partners/summit/summit-platform';
import { SUMMIT_PAGE_SIZE, SummitSimulator, type SimulatedCall } from '../../src/adapters/sandbox/summit/simulator';
import type { SummitCallRecord } from '../../src/domain/stfc/summit';

/* docs/partners.md, Summit: month not closed yet, unknown contract, the same calls twice, empty month, decimal-comma amounts, a timeout half-way through pages. */
const URL = 'https://summit.test/api';
const TOKEN = 'summit-token-123';
const timeouts = { connectMs: 200, responseMs: 300 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};
const CONTRACT = '0193a4f6-4579-7d88-9fee-f4152b3c4d5e';
const line = { contractRef: CONTRACT, number: '+551133334444', plan: 'STFC-ILIMITADO-LOCAL', closingDay: 10 };

const call = (n: number, amount: number | string = '0,35'): SimulatedCall => ({
  callId: `call-${n}`,
  startedAt: '2026-10-05T10:00:00-03:00',
  origin: '+551133334444',
  destination: '+551140028922',
  kind: 'local',
  durationSeconds: 61,
  billedSeconds: 66,
  amount,
});

async function allCalls(pages: AsyncIterable<readonly SummitCallRecord[]>) {
  const calls: SummitCallRecord[] = [];
  for await (const page of pages) calls.push(...page);
  return calls;
}

describe('the Summit adapter against its simulator', () => {
  const server = setupServer();
  let summit: SummitSimulator;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    summit = new SummitSimulator(TOKEN, { now: () => new Date('2026-11-20T12:00:00Z') });
    server.resetHandlers(...summit.handlers(URL));
  });
  afterAll(() => server.close());
  const platform = (token = TOKEN) => createSummitPlatform({ baseUrl: URL, token, http: partnerHttp });

  test('when a line is provisioned, then Summit holds it with the closing day; provisioning it again is a success', async () => {
    await platform().provisionLine(line);
    await platform().provisionLine(line);
    expect(summit.lines.get(CONTRACT)).toEqual(line);
  });

  test('when the lines are listed and one updated, then each comes back once in contract order, and the update sets plan and closing day', async () => {
    for (const [i, contractRef] of ['c3', 'c1', 'c2'].entries())
      await platform().provisionLine({ ...line, contractRef, number: `+55113222100${i}` });
    await platform().updateLine('c2', { plan: 'STFC Plus', closingDay: 20 });
    const first = await platform().listLines({ cursor: null, limit: 2 });
    expect(first.lines.map((l) => l.contractRef)).toEqual(['c1', 'c2']);
    expect(first.lines[1]).toMatchObject({ plan: 'STFC Plus', closingDay: 20 });
    expect(await platform().listLines({ cursor: first.next, limit: 2 })).toMatchObject({
      lines: [{ contractRef: 'c3' }],
      next: null,
    });
    await expect(platform().updateLine('nowhere', { plan: 'X', closingDay: 10 })).rejects.toMatchObject({
      kind: 'rejected',
    });
  });

  test("when the number is on another contract, then provisioning is rejected with Summit's message", async () => {
    await platform().provisionLine(line);
    await expect(platform().provisionLine({ ...line, contractRef: 'another-contract' })).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('número já cadastrado'),
    });
  });

  test('when the token is wrong, then the failure is an auth one', async () => {
    await expect(platform('wrong').provisionLine(line)).rejects.toMatchObject({ kind: 'auth' });
  });

  test('when the month is not closed yet, then the billing says so', async () => {
    summit.setMonth(CONTRACT, '2026-11', { closed: false, total: '12,00' });
    expect(await platform().getBilling(CONTRACT, '2026-11')).toEqual({ closed: false, totalCents: 1200, items: [] });
  });

  test('when the contract is unknown to Summit, then billing and calls are rejected', async () => {
    await expect(platform().getBilling(CONTRACT, '2026-10')).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('does not know this contract'),
    });
    await expect(allCalls(platform().callRecords(CONTRACT, '2026-10'))).rejects.toMatchObject({ kind: 'rejected' });
  });

  test('when amounts come with a decimal comma, thousands or as numbers, then they are read exactly in cents', async () => {
    summit.setMonth(CONTRACT, '2026-10', {
      total: '1.234,56',
      items: [
        { description: 'Assinatura', amount: 49.9 },
        { description: 'Excedente', amount: '0,07' },
      ],
      calls: [call(1, '2,5'), call(2, 0.35)],
    });
    expect(await platform().getBilling(CONTRACT, '2026-10')).toEqual({
      closed: true,
      totalCents: 123456,
      items: [
        { description: 'Assinatura', amountCents: 4990 },
        { description: 'Excedente', amountCents: 7 },
      ],
    });
    expect((await allCalls(platform().callRecords(CONTRACT, '2026-10'))).map((c) => c.amountCents)).toEqual([250, 35]);
    expect([
      summitAmountCents('1,234.56'),
      summitAmountCents('12'),
      summitAmountCents('12,345'),
      summitAmountCents('abc'),
      summitAmountCents(null),
    ]).toEqual([123456, 1200, null, null, null]);
  });

  test('when the month is empty, then there is no call and the total is zero', async () => {
    summit.setMonth(CONTRACT, '2026-10', { total: '0,00' });
    expect(await platform().getBilling(CONTRACT, '2026-10')).toEqual({ closed: true, totalCents: 0, items: [] });
    expect(await allCalls(platform().callRecords(CONTRACT, '2026-10'))).toEqual([]);
  });

  test('when calls span several pages and some are sent twice, then every page is read and the repeats keep their call id', async () => {
    const calls = Array.from({ length: SUMMIT_PAGE_SIZE + 20 }, (_, i) => call(i + 1));
    summit.setMonth(CONTRACT, '2026-10', { calls: [...calls, calls[0]!, calls[SUMMIT_PAGE_SIZE + 1]!] });
    const read = await allCalls(platform().callRecords(CONTRACT, '2026-10'));
    expect(read).toHaveLength(SUMMIT_PAGE_SIZE + 22);
    expect(new Set(read.map((c) => c.callId)).size).toBe(SUMMIT_PAGE_SIZE + 20);
    expect(read[0]).toEqual({
      callId: 'call-1',
      startedAt: new Date('2026-10-05T13:00:00Z'),
      origin: '+551133334444',
      destination: '+551140028922',
      kind: 'local',
      durationSeconds: 61,
      billedSeconds: 66,
      amountCents: 35,
    });
  });

  test('when a page times out half-way through, then the import fails as retryable after the pages it read', async () => {
    summit.setMonth(CONTRACT, '2026-10', {
      calls: Array.from({ length: SUMMIT_PAGE_SIZE * 2 }, (_, i) => call(i + 1)),
    });
    summit.setFaults({ hangMs: 1_000 });
    const pages = platform().callRecords(CONTRACT, '2026-10')[Symbol.asyncIterator]();
    expect((await pages.next()).value).toHaveLength(SUMMIT_PAGE_SIZE);
    summit.setFaults({ script: ['timeout'] });
    await expect(pages.next()).rejects.toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('No answer from the platform'),
    });
  });

  test('when Summit answers a malformed call, then the failure is retryable, never a half-read record', async () => {
    summit.setMonth(CONTRACT, '2026-10', { calls: [{ ...call(1), amount: 'muito' }] });
    await expect(allCalls(platform().callRecords(CONTRACT, '2026-10'))).rejects.toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('call record'),
    });
  });

  test('when a provisioned line has no month set, then the sandbox generates the same closed month every time, and the current one open', async () => {
    await platform().provisionLine(line);
    const first = await platform().getBilling(CONTRACT, '2026-10');
    expect(first.closed).toBe(true);
    expect(await platform().getBilling(CONTRACT, '2026-10')).toEqual(first);
    const calls = await allCalls(platform().callRecords(CONTRACT, '2026-10'));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.reduce((sum, c) => sum + c.amountCents, 0)).toBe(first.totalCents);
    expect((await platform().getBilling(CONTRACT, '2026-11')).closed).toBe(false);
  });
});
