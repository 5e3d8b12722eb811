import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { createVoipPlatform } from '../../src/adapters/partners/voip/voip-platform';
import { VoipSimulator } from '../../src/adapters/sandbox/voip/simulator';

/* docs/partners.md, the softswitch: its lines listed page by page, as reconciliation reads them. */
const URL = 'https://softswitch.test/api';
const TOKEN = 'voip-token-123';
const timeouts = { connectMs: 200, responseMs: 500 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};

describe('the softswitch adapter against its simulator', () => {
  const server = setupServer();
  let softswitch: VoipSimulator;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    softswitch = new VoipSimulator(TOKEN);
    server.resetHandlers(...softswitch.handlers(URL));
  });
  afterAll(() => server.close());
  const platform = () => createVoipPlatform({ baseUrl: URL, token: TOKEN, http: partnerHttp });

  test('when the lines are listed, then each comes back once, page after page in reference order, in its state', async () => {
    for (const [i, reference] of ['r3', 'r1', 'r2'].entries())
      await platform().createLine({ reference, extension: `40${i}0`, number: `+55113222100${i}`, password: null });
    await platform().blockLine('r2');
    const first = await platform().listLines({ cursor: null, limit: 2 });
    expect(first).toEqual({
      lines: [
        { reference: 'r1', extension: '4010', number: '+551132221001', status: 'active' },
        { reference: 'r2', extension: '4020', number: '+551132221002', status: 'blocked' },
      ],
      next: 'r2',
    });
    expect(await platform().listLines({ cursor: first.next, limit: 2 })).toEqual({
      lines: [{ reference: 'r3', extension: '4000', number: '+551132221000', status: 'active' }],
      next: null,
    });
  });

  test('when the softswitch lists a line the adapter cannot read, then the list fails retryable', async () => {
    server.use(http.get(`${URL}/lines`, () => HttpResponse.json({ lines: [{ reference: 'r1' }], next: null })));
    await expect(platform().listLines({ cursor: null, limit: 10 })).rejects.toMatchObject({ kind: 'retryable' });
  });
});
