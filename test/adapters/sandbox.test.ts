import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, SANDBOX_ORIGIN } from '../../src/adapters/sandbox/sandbox';

describe('the sandbox platforms', () => {
  test('when many creates arrive at once for a tenant not seen yet, then its credential is checked once, one tenant opens and keeps every user', async () => {
    let checks = 0;
    const sandbox = createSandbox(async () => {
      checks += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return true;
    });
    const create = (n: number) =>
      sandbox.handle(
        new Request(`${SANDBOX_ORIGIN}/sandbox/exa/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-exa-prefix': 'novo-provedor' },
          body: JSON.stringify({
            reference: randomUUID(),
            email: `c${n}@example.com`,
            document: '52998224725',
            mobilePhone: '+5511912345678',
            name: 'Cliente',
            packageCode: 'EXA-SEG-BASICO',
          }),
        }),
      );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => create(n)));
    expect(answers.map((a) => a?.status)).toEqual(Array(20).fill(201));
    expect(sandbox.exa.tenants.size).toBe(1);
    expect(sandbox.exa.users('novo-provedor')).toHaveLength(20);
    expect(checks).toBe(1);
  });

  test('when the sandbox keeps a state file and restarts, then every platform still has its users, found by their credential, with no secret in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ponte-sandbox-'));
    try {
      const stateFile = join(dir, 'sandbox.json');
      const call = (
        sandbox: ReturnType<typeof createSandbox>,
        path: string,
        headers: Record<string, string>,
        method = 'GET',
        body?: unknown,
      ) =>
        sandbox.handle(
          new Request(`${SANDBOX_ORIGIN}/sandbox/${path}`, {
            method,
            headers: { 'content-type': 'application/json', ...headers },
            ...(body ? { body: JSON.stringify(body) } : {}),
          }),
        );
      const exa = { 'x-exa-prefix': 'meu-provedor' };
      const saber = { authorization: 'Bearer token-secreto-do-saber' };
      const [exaUser, saberUser] = [randomUUID(), randomUUID()];

      const before = createSandbox(async () => true, { stateFile });
      expect(
        (
          await call(before, 'exa/users', exa, 'POST', {
            reference: exaUser,
            email: 'maria@example.com',
            document: '52998224725',
            mobilePhone: '+5511912345678',
            name: 'Maria',
            packageCode: 'EXA-SEG-BASICO',
            password: 'senha-da-maria',
          })
        )?.status,
      ).toBe(201);
      expect(
        (
          await call(before, 'saber-plus/users', saber, 'POST', {
            reference: saberUser,
            cpf: '52998224725',
            mobilePhone: '+5511912345678',
            name: 'Maria',
            packageCode: 'SABER-FAMILIA',
          })
        )?.status,
      ).toBe(201);
      expect((await call(before, `exa/users/${exaUser}/block`, exa, 'POST'))?.status).toBe(200);
      before.flush();

      const saved = readFileSync(stateFile, 'utf8');
      for (const secret of ['meu-provedor', 'token-secreto-do-saber', 'senha-da-maria'])
        expect(saved).not.toContain(secret);

      // A new process: nobody has presented a credential yet, and the platforms already show their users.
      const after = createSandbox(async () => false, { stateFile });
      expect(after.exa.users().map((u) => [u.reference, u.status])).toEqual([[exaUser, 'blocked']]);
      expect(after.saberPlus.users().map((u) => [u.reference, u.status])).toEqual([[saberUser, 'active']]);
      // The tenants open again for their own credentials only, with the users where they were.
      expect((await call(after, `exa/users/${exaUser}/unblock`, exa, 'POST'))?.status).toBe(200);
      expect(
        (await call(after, `saber-plus/users/${saberUser}`, { authorization: 'Bearer outro-token' }))?.status,
      ).toBe(401);
      expect((await call(after, `saber-plus/users/${saberUser}`, saber))?.status).toBe(200);
      expect(after.exa.users('meu-provedor').map((u) => u.status)).toEqual(['active']);
      after.flush();
      expect(
        createSandbox(async () => false, { stateFile })
          .exa.users()
          .map((u) => u.status),
      ).toEqual(['active']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
