import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPartnerAgent } from '../../src/adapters/partners/partner-http';
import { createSerasaBureau, type SerasaTokenCache } from '../../src/adapters/partners/serasa/serasa-bureau';
import { createSpcBureau } from '../../src/adapters/partners/spc/spc-bureau';
import { SerasaSimulator } from '../../src/adapters/sandbox/serasa/simulator';
import { SpcSimulator } from '../../src/adapters/sandbox/spc/simulator';
import type { Debt } from '../../src/domain/credit/credit';

/*
 * docs/partners.md, credit bureaus: bad check digit, debtor under 18, duplicate debt, 401 expired token,
 * 403 IP not allowed, out of quota, SOAP fault, 200 with a business error, webhook twice or never.
 */
const timeouts = { connectMs: 200, responseMs: 300 };
const partnerHttp = {
  agent: createPartnerAgent(timeouts),
  timeouts,
  addresses: { restricted: false, allowedHosts: [] },
};
const SERASA = 'https://serasa.test';
const SPC = 'https://spc.test/ws';
const CONSULT = { username: 'consulta', password: 'consulta-secret' };
const PEFIN = { username: 'pefin', password: 'pefin-secret' };
const SPC_LOGIN = { username: '398765', password: 'spc-secret' };
const CPF = '52998224725';
const debt = (overrides: Partial<Debt> = {}): Debt => ({
  debtor: { document: CPF, documentType: 'cpf', name: 'Maria Souza' },
  contractNumber: '0193a4fc-1b02-7d4e-8f50-6a7b8c9d0e1f',
  amountCents: 9990,
  dueDate: '2026-09-10',
  ...overrides,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the Serasa adapter against its simulator', () => {
  let serasa: SerasaSimulator;
  let tokens: SerasaTokenCache;
  beforeEach(() => {
    serasa = new SerasaSimulator((u, p) => [CONSULT, PEFIN].some((l) => l.username === u && l.password === p));
    tokens = new Map();
    server.resetHandlers(...serasa.handlers(SERASA));
  });
  const bureau = (consult = CONSULT, negativation: typeof PEFIN | null = PEFIN) =>
    createSerasaBureau({ baseUrl: SERASA, consult, negativation, http: partnerHttp, tokens });

  test('when a CPF is consulted, then the report gives name, registration status, score and restrictions, and the token is reused', async () => {
    const report = await bureau().consult({ number: CPF, type: 'cpf' });
    expect(report).toMatchObject({
      name: expect.any(String),
      registrationStatus: 'REGULAR',
      score: expect.any(Number),
      raw: expect.objectContaining({ reports: expect.any(Array) }),
    });
    await bureau().consult({ number: CPF, type: 'cpf' });
    expect(serasa.logins).toBe(1);
  });

  test("when the document has a bad check digit, then the consult is rejected with Serasa's words", async () => {
    await expect(bureau().consult({ number: '52998224724', type: 'cpf' })).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('dígito verificador'),
    });
  });

  test('when the token expired, then the adapter logs in again once and the call goes through', async () => {
    await bureau().consult({ number: CPF, type: 'cpf' });
    serasa.expireTokens();
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).resolves.toMatchObject({
      registrationStatus: 'REGULAR',
    });
    expect(serasa.logins).toBe(2);
  });

  test("when the login is refused, or the caller's IP is not allowed (403), then the failure is an auth one", async () => {
    await expect(
      bureau({ username: 'consulta', password: 'wrong' }).consult({ number: CPF, type: 'cpf' }),
    ).rejects.toMatchObject({ kind: 'auth' });
    serasa.setFaults({ script: [{ status: 403, body: { message: 'IP não autorizado' } }] });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('IP não autorizado'),
    });
  });

  test('when the quota is used up (429), then the failure is retryable and honours Retry-After', async () => {
    await bureau().consult({ number: CPF, type: 'cpf' });
    serasa.setFaults({ script: ['429'], retryAfterSeconds: 60 });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({
      kind: 'retryable',
      retryAfterMs: 60_000,
    });
  });

  test("when a debt is registered, then it is pending under Serasa's transactionId with the negativation login; sent again, the same debt answers", async () => {
    const first = await bureau().registerDebt(debt());
    expect(first).toEqual({ requestId: expect.any(String), state: 'pending' });
    expect(serasa.debts.get(first.requestId)).toMatchObject({
      login: PEFIN.username,
      amount: '99.90',
      status: 'PENDING',
    });
    expect(await bureau().registerDebt(debt())).toEqual(first);
    expect(serasa.debts.size).toBe(1);
  });

  test("when the debtor is under 18 or the debtor's document is wrong, then the debt is rejected with the reason", async () => {
    serasa.minors.add(CPF);
    await expect(bureau().registerDebt(debt())).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('menor de 18'),
    });
    await expect(
      bureau().registerDebt(debt({ debtor: { document: '52998224724', documentType: 'cpf', name: 'X' } })),
    ).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('dígito verificador') });
  });

  test('when Serasa settles a debt, then its webhook reads as registered or failed; twice, the same; a foreign body reads as nothing', async () => {
    const { requestId } = await bureau().registerDebt(debt());
    const webhook = serasa.settle(requestId);
    expect(bureau().readWebhook(webhook)).toEqual({ requestId, state: 'registered', message: null });
    expect(bureau().readWebhook(serasa.settle(requestId))).toEqual({ requestId, state: 'registered', message: null });
    const other = await bureau().registerDebt(debt({ contractNumber: 'another' }));
    expect(
      bureau().readWebhook(serasa.settle(other.requestId, { status: 'ERROR', message: 'Dívida contestada' })),
    ).toEqual({ requestId: other.requestId, state: 'failed', message: 'Dívida contestada' });
    expect(bureau().readWebhook({ hello: 'world' })).toBeNull();
  });

  test('when a debt is removed, then Serasa no longer holds it; removing it again is a success', async () => {
    const { requestId } = await bureau().registerDebt(debt());
    await bureau().removeDebt(requestId);
    expect(serasa.debts.get(requestId)!.status).toBe('REMOVED');
    await expect(bureau().removeDebt(requestId)).resolves.toBeUndefined();
  });

  test('when Serasa fails (503), then the failure is retryable', async () => {
    serasa.setFaults({ script: ['5xx'] });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'retryable' });
  });
});

describe('the SPC Brasil adapter (SOAP) against its simulator', () => {
  let spc: SpcSimulator;
  beforeEach(() => {
    spc = new SpcSimulator((u, p) => u === SPC_LOGIN.username && p === SPC_LOGIN.password);
    server.resetHandlers(...spc.handlers(SPC));
  });
  const bureau = (login = SPC_LOGIN) => createSpcBureau({ baseUrl: SPC, login, http: partnerHttp });

  test('when a CPF is consulted, then the SOAP answer gives name, status, score and restrictions', async () => {
    expect(await bureau().consult({ number: CPF, type: 'cpf' })).toMatchObject({
      name: expect.any(String),
      registrationStatus: 'REGULAR',
      score: expect.any(Number),
      restrictions: expect.any(Array),
    });
  });

  test('when the document has a bad check digit, then SPC answers 200 with sucesso false, and that is a rejection', async () => {
    await expect(bureau().consult({ number: '52998224724', type: 'cpf' })).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('dígito verificador'),
    });
  });

  test('when a debt is included, then SPC registers it at once; included again (DUPLICADO), it is the same debt', async () => {
    expect(await bureau().registerDebt(debt())).toEqual({ requestId: debt().contractNumber, state: 'registered' });
    expect(await bureau().registerDebt(debt())).toEqual({ requestId: debt().contractNumber, state: 'registered' });
    expect(spc.debts.size).toBe(1);
    expect(spc.debts.get(debt().contractNumber)).toMatchObject({
      amount: '99.90',
      document: CPF,
      dueDate: '2026-09-10',
    });
  });

  test('when the debtor is under 18, then the refusal in a 200 answer is a rejection', async () => {
    spc.minors.add(CPF);
    await expect(bureau().registerDebt(debt())).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('menor de idade'),
    });
  });

  test('when SPC answers a SOAP Fault, then a Client fault is a rejection and a Server fault is retryable', async () => {
    spc.soapFaults.push('Client', 'Server');
    await expect(bureau().registerDebt(debt())).rejects.toMatchObject({ kind: 'rejected' });
    await expect(bureau().registerDebt(debt())).rejects.toMatchObject({ kind: 'retryable' });
  });

  test("when the debtor's document is wrong, then the Fault SPC answers is a rejection", async () => {
    await expect(
      bureau().registerDebt(debt({ debtor: { document: '52998224724', documentType: 'cpf', name: 'X' } })),
    ).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('dígito verificador') });
  });

  test('when the login is wrong or the IP is not allowed (403), then the failure is an auth one', async () => {
    await expect(
      bureau({ username: SPC_LOGIN.username, password: 'wrong' }).consult({ number: CPF, type: 'cpf' }),
    ).rejects.toMatchObject({ kind: 'auth' });
    spc.setFaults({ script: [{ status: 403, body: { message: 'IP não autorizado' } }] });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'auth' });
  });

  test('when the quota is used up (429) or SPC is down (503), then the failure is retryable', async () => {
    spc.setFaults({ script: ['429', '5xx'] });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'retryable' });
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'retryable' });
  });

  test('when a debt is removed, then SPC no longer holds it; one it does not hold is removed already', async () => {
    await bureau().registerDebt(debt());
    await bureau().removeDebt(debt().contractNumber);
    expect(spc.debts.size).toBe(0);
    await expect(bureau().removeDebt(debt().contractNumber)).resolves.toBeUndefined();
  });

  test('when a value carries XML markup, then it is escaped and arrives as sent', async () => {
    await bureau().registerDebt(
      debt({ debtor: { document: CPF, documentType: 'cpf', name: 'Souza & Filhos <Ltda>' } }),
    );
    expect(spc.debts.get(debt().contractNumber)!.name).toBe('Souza & Filhos <Ltda>');
  });

  test('when an answer is not XML at all, then it is a retryable failure, not a crash', async () => {
    server.use(http.post(`${SPC}/consultaWebService`, () => new HttpResponse('<<<not xml', { status: 200 })));
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'retryable' });
  });

  const SOAP_OPEN =
    '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:resultado xmlns:ns2="http://webservice.consulta.spcjava.spcbrasil.org/"><sucesso>true</sucesso>';
  const SOAP_CLOSE = '</ns2:resultado></soap:Body></soap:Envelope>';

  test('when an answer is cut short (an unclosed SOAP document), then it is not a completed consult with empty data', async () => {
    server.use(
      http.post(
        `${SPC}/consultaWebService`,
        () =>
          new HttpResponse(`${SOAP_OPEN}<consumidor nome="Maria"`, {
            status: 200,
            headers: { 'content-type': 'text/xml' },
          }),
      ),
    );
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('could not be read'),
    });
    server.use(
      http.post(
        `${SPC}/consultaWebService`,
        () => new HttpResponse(SOAP_OPEN, { status: 200, headers: { 'content-type': 'text/xml' } }),
      ),
    );
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({ kind: 'retryable' });
  });

  test('when an answer carries a NUL, then the consult fails as rejected instead of reaching the database', async () => {
    server.use(
      http.post(
        `${SPC}/consultaWebService`,
        () =>
          new HttpResponse(
            `${SOAP_OPEN}<consumidor nome="Maria\u0000Souza" situacao-documento="REGULAR"/>${SOAP_CLOSE}`,
            { status: 200, headers: { 'content-type': 'text/xml' } },
          ),
      ),
    );
    await expect(bureau().consult({ number: CPF, type: 'cpf' })).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('(at /Envelope/Body/resultado/consumidor/@nome)'),
    });
  });
});
