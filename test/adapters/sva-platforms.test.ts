import { createExaPlatform } from '../../src/adapters/partners/exa/exa-platform';
import { createPartnerAgent, type PartnerHttp } from '../../src/adapters/partners/partner-http';
import { createSaberPlusPlatform } from '../../src/adapters/partners/saber-plus/saber-plus-platform';
import { PartnerError } from '../../src/domain/ports/partner';
import type { NewPlatformUser } from '../../src/domain/sva/ports';
import { EXA_PREFIX, SABER_TOKEN, usePartners } from '../helpers/partners';
import { EXA_URL, SABER_PLUS_URL } from '../helpers/test-app';

const timeouts = { connectMs: 100, responseMs: 200 };
const http: PartnerHttp = { agent: createPartnerAgent(timeouts), timeouts };
afterAll(() => http.agent.close());

const saberUser: NewPlatformUser = {
  username: '52998224725',
  document: '52998224725',
  email: null,
  name: 'Maria Silva',
  mobilePhone: '+5511912345678',
  packageCode: 'SABER-FAMILIA',
  password: null,
  reference: 'u1',
};
const exaUser: NewPlatformUser = {
  ...saberUser,
  username: 'maria@example.com',
  email: 'maria@example.com',
  packageCode: 'EXA-SEG-BASICO',
};

/** The kind and message of the PartnerError a call throws. */
async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PartnerError)) throw new Error(`expected a PartnerError, got ${String(error)}`);
  return { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs };
}

describe('Saber+ adapter against its simulator', () => {
  const partners = usePartners();
  const saber = (token = SABER_TOKEN) => createSaberPlusPlatform({ baseUrl: SABER_PLUS_URL, token, http });

  test('when packages are listed, then the platform catalogue comes back', async () => {
    expect((await saber().listPackages()).map((p) => p.code)).toContain('SABER-FAMILIA');
  });

  test('when the users are listed, then every one comes back once, page after page in reference order, with its package and state', async () => {
    const platform = saber();
    for (const reference of ['u3', 'u1', 'u2']) await platform.createUser({ ...saberUser, reference });
    await platform.blockUser('u2');
    await platform.updateUser('u3', { mobilePhone: '+5511900000000', packageCode: 'SABER-PREMIUM', password: null });
    const first = await platform.listUsers({ cursor: null, limit: 2 });
    expect(first.users.map((u) => u.reference)).toEqual(['u1', 'u2']);
    expect(first.next).toBe('u2');
    const rest = await platform.listUsers({ cursor: first.next, limit: 2 });
    expect(rest).toMatchObject({
      users: [{ reference: 'u3', packageCode: 'SABER-PREMIUM', mobilePhone: '+5511900000000', status: 'active' }],
      next: null,
    });
    expect(first.users[1]).toMatchObject({ status: 'blocked', email: null, document: '52998224725' });
  });

  test('when a user is created, blocked, unblocked and deactivated, then the platform shows each state', async () => {
    const platform = saber();
    await platform.createUser(saberUser);
    for (const [call, status] of [
      [platform.blockUser, 'blocked'],
      [platform.unblockUser, 'active'],
      [platform.deactivateUser, 'deactivated'],
    ] as const) {
      await call(saberUser.reference);
      expect((await platform.getUser(saberUser.reference))?.status).toBe(status);
    }
  });

  test('when the same create is sent twice, then one user exists and both calls succeed', async () => {
    const first = await saber().createUser(saberUser);
    const second = await saber().createUser(saberUser);
    expect(second.externalId).toBe(first.externalId);
    expect(partners().saberPlus.users()).toHaveLength(1);
  });

  test('when the same CPF is created under another reference (a second contract), then it is another subscription', async () => {
    const first = await saber().createUser(saberUser);
    const second = await saber().createUser({ ...saberUser, reference: 'u2' });
    expect(second.externalId).not.toBe(first.externalId);
    await saber().deactivateUser('u1');
    expect((await saber().getUser('u2'))?.status).toBe('active');
  });

  test('when the platform refuses a CPF (409), then the create is rejected with "CPF já cadastrado"', async () => {
    partners().saberPlus.setFaults({ script: [{ status: 409, body: { erro: true, mensagem: 'CPF já cadastrado' } }] });
    expect(await failureOf(saber().createUser(saberUser))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('CPF já cadastrado'),
    });
  });

  test('when the refusal comes as 200 with an error body, then it is a rejection, not a success', async () => {
    partners().saberPlus.setFaults({ script: [{ status: 200, body: { erro: true, mensagem: 'CPF já cadastrado' } }] });
    expect(await failureOf(saber().createUser(saberUser))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('CPF já cadastrado'),
    });
    expect(partners().saberPlus.users()).toEqual([]);
  });

  test('when the mobile phone or the package is invalid, then the create is rejected with the reason', async () => {
    expect(await failureOf(saber().createUser({ ...saberUser, mobilePhone: '+551133334444' }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('Celular inválido'),
    });
    expect(await failureOf(saber().createUser({ ...saberUser, packageCode: 'NOPE' }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('Pacote inexistente'),
    });
  });

  test('when the token holds a character no header can carry, then the call fails as auth without quoting it', async () => {
    const failure = await failureOf(saber('segredo\nX-Injected: 1').createUser(saberUser));
    expect(failure.kind).toBe('auth');
    expect(failure.message).not.toContain('segredo');
    expect(failure.message).toContain('could not be built');
  });

  test('when the token was revoked, then the call fails as auth', async () => {
    partners().saberPlus.revoked.add(SABER_TOKEN);
    expect((await failureOf(saber().listPackages())).kind).toBe('auth');
  });

  test('when a blocked user is blocked again, then it succeeds', async () => {
    await saber().createUser(saberUser);
    await saber().blockUser(saberUser.reference);
    await expect(saber().blockUser(saberUser.reference)).resolves.toBeUndefined();
  });

  test('when a user that is gone is deleted, then it succeeds', async () => {
    await saber().createUser(saberUser);
    await saber().deleteUser(saberUser.reference);
    await expect(saber().deleteUser(saberUser.reference)).resolves.toBeUndefined();
    expect(await saber().getUser(saberUser.reference)).toBeNull();
  });

  test('when the platform answers 5xx, then the call is retryable', async () => {
    partners().saberPlus.setFaults({ script: ['5xx'] });
    expect((await failureOf(saber().blockUser(saberUser.reference))).kind).toBe('retryable');
  });

  test('when the platform answers 429 with Retry-After, then the wait travels with the failure', async () => {
    partners().saberPlus.setFaults({ script: ['429'], retryAfterSeconds: 7 });
    expect(await failureOf(saber().listPackages())).toMatchObject({ kind: 'retryable', retryAfterMs: 7_000 });
  });

  test('when the platform does not answer in time, then the call is retryable, and repeating it is harmless', async () => {
    partners().saberPlus.setFaults({ script: ['timeout'], hangMs: 1_000 });
    expect(await failureOf(saber().createUser(saberUser))).toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('timed out'),
    });
    await saber().createUser(saberUser);
    expect(partners().saberPlus.users()).toHaveLength(1);
  });
});

describe('EXA adapter against its simulator', () => {
  const partners = usePartners();
  const exa = (prefix = EXA_PREFIX) => createExaPlatform({ baseUrl: EXA_URL, prefix, http });

  test('when a user is created and cancelled, then the platform shows it cancelled (deactivated here)', async () => {
    await exa().createUser(exaUser);
    await exa().deactivateUser(exaUser.reference);
    expect(partners().exa.users()[0]?.status).toBe('cancelled');
    expect((await exa().getUser(exaUser.reference))?.status).toBe('deactivated');
  });

  test("when the e-mail is another person's user name, then the create is rejected; the same reference again is harmless", async () => {
    await exa().createUser(exaUser);
    await exa().createUser(exaUser);
    expect(await failureOf(exa().createUser({ ...exaUser, document: '11144477735', reference: 'u2' }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('E-mail já em uso'),
    });
    partners().exa.duplicateAsErrorBody = true;
    expect(await failureOf(exa().createUser({ ...exaUser, document: '11144477735', reference: 'u3' }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('E-mail já em uso'),
    });
    expect(partners().exa.users()).toHaveLength(1);
  });

  test('when one customer takes a second package under the same e-mail, then it is a second subscription; removing one leaves the other', async () => {
    await exa().createUser(exaUser);
    await exa().createUser({ ...exaUser, packageCode: 'EXA-BACKUP-100', reference: 'u2' });
    expect(
      partners()
        .exa.users()
        .map((u) => [u.reference, u.packageCode]),
    ).toEqual([
      [exaUser.reference, exaUser.packageCode],
      ['u2', 'EXA-BACKUP-100'],
    ]);
    await exa().deleteUser('u2');
    expect(await failureOf(exa().createUser({ ...exaUser, document: '11144477735', reference: 'u3' }))).toMatchObject({
      kind: 'rejected',
    });
    await exa().deleteUser(exaUser.reference);
    await exa().createUser({ ...exaUser, document: '11144477735', reference: 'u3' });
    expect(
      partners()
        .exa.users()
        .map((u) => u.reference),
    ).toEqual(['u3']);
  });

  test('when the package code is not one EXA knows, then the create is rejected', async () => {
    expect(await failureOf(exa().createUser({ ...exaUser, packageCode: 'EXA-TYPO' }))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('Pacote inexistente'),
    });
  });

  test('when the prefix is wrong (401) or forbidden (403), then the call fails as auth', async () => {
    expect((await failureOf(exa('outro-provedor').createUser(exaUser))).kind).toBe('auth');
    partners().exa.setFaults({ script: [{ status: 403, body: { success: false, message: 'Prefixo sem permissão' } }] });
    expect(await failureOf(exa().createUser(exaUser))).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('Prefixo sem permissão'),
    });
  });

  test('when EXA answers 5xx, then the call is retryable', async () => {
    partners().exa.setFaults({ script: ['5xx'] });
    expect((await failureOf(exa().createUser(exaUser))).kind).toBe('retryable');
  });
});
