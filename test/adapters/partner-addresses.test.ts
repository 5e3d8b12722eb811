import { isInternalAddress, resolvedUrlProblem, urlProblem } from '../../src/adapters/partners/partner-addresses';
import { createPartnerAgent, partnerCall } from '../../src/adapters/partners/partner-http';
import { PartnerError } from '../../src/domain/ports/partner';

const restricted = { restricted: true, allowedHosts: ['10.0.0.5', 'partner.internal'] };

describe('where partner calls may go (docs/security.md)', () => {
  test.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.0.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['200.160.2.3', false],
    ['2001:4860:4860::8888', false],
  ])('when the address is %s, then internal is %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });

  test('when the URL is not https, carries credentials or names an internal address, then it is refused unless its host is allowed', () => {
    expect(urlProblem(restricted, 'http://exa.example.com/api')).toMatch(/https/);
    expect(urlProblem(restricted, 'https://user:pass@exa.example.com/api')).toMatch(/credentials/);
    expect(urlProblem(restricted, 'https://127.0.0.1:5432/')).toMatch(/internal/);
    expect(urlProblem(restricted, 'https://[::1]/')).toMatch(/internal/);
    expect(urlProblem(restricted, 'https://10.0.0.5/api')).toBeNull();
    expect(urlProblem(restricted, 'https://exa.example.com/api')).toBeNull();
    expect(urlProblem({ restricted: false, allowedHosts: [] }, 'http://127.0.0.1:3000/sandbox/exa')).toBeNull();
  });

  test('when a host name resolves to an internal address, then it is refused at save time', async () => {
    expect(await resolvedUrlProblem(restricted, 'https://localhost/api')).toMatch(/internal/);
  });

  test('when a call is made to a name that resolves inside, or to an internal literal, then it fails as auth before any connection, saying nothing of the target', async () => {
    const timeouts = { connectMs: 200, responseMs: 300 };
    const http = { agent: createPartnerAgent(timeouts, restricted), timeouts, addresses: restricted };
    try {
      for (const url of ['https://localhost:5432/users', 'https://127.0.0.1:5432/users', 'https://[::1]:22/']) {
        const error = await partnerCall(http, { method: 'GET', url, headers: {} }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PartnerError);
        expect((error as PartnerError).kind).toBe('auth');
        expect((error as PartnerError).message).not.toMatch(/5432|127\.0\.0\.1|localhost|::1|refused/);
      }
    } finally {
      await http.agent.close();
    }
  });
});
