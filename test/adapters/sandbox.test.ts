import { randomUUID } from 'node:crypto';
import { createSandbox, SANDBOX_ORIGIN } from '../../src/adapters/sandbox/sandbox';

describe('the sandbox platforms', () => {
  test('when many creates arrive at once for a tenant not seen yet, then one tenant opens and keeps every user', async () => {
    const sandbox = createSandbox(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return true;
    });
    const create = (n: number) =>
      sandbox.handle(
        new Request(`${SANDBOX_ORIGIN}/sandbox/exa/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-exa-prefix': 'novo-provedor' },
          body: JSON.stringify({ reference: randomUUID(), email: `c${n}@example.com`, document: '52998224725', mobilePhone: '+5511912345678', name: 'Cliente', packageCode: 'EXA-SEG-BASICO' }),
        }),
      );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => create(n)));
    expect(answers.map((a) => a?.status)).toEqual(Array(20).fill(201));
    expect(sandbox.exa.tenants.size).toBe(1);
    expect(sandbox.exa.users('novo-provedor')).toHaveLength(20);
  });
});
