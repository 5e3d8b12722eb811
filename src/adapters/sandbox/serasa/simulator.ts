import { randomUUID } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { parseDocument } from '../../../domain/customers/document';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { simulatedPerson } from '../credit-people';

/** A PEFIN debt as Serasa holds it; `login` is the user name that registered it (its webhook goes to that client). */
export interface SimulatedSerasaDebt {
  transactionId: string;
  login: string;
  document: string;
  name: string;
  contractNumber: string;
  amount: string;
  dueDate: string;
  status: 'PENDING' | 'SUCCESS' | 'ERROR' | 'REMOVED';
  message: string | null;
}

/** What Serasa posts to the client's webhook when a debt's fate is known. */
export interface SerasaWebhook {
  uuid: string;
  status: 'SUCCESS' | 'ERROR' | 'REMOVED';
  message?: string;
}

export const SERASA_SIMULATOR_LIMITS = { debts: 10_000, fieldLength: 120 } as const;

const basicLogin = (header: string | null): { username: string; password: string } | null => {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 1 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * An in-memory Serasa Experian and the msw handlers that serve it: login with Basic `id:secret`
 * for a Bearer token, the person report, PEFIN debts registered asynchronously. A debt is settled
 * by `settle` (tests) or, with `settleAfterMs`, by itself: its webhook is handed to `onSettled`
 * (the sandbox posts it to Ponte). Debtors in `minors` are refused as under 18; a document with a
 * bad check digit is refused; one debt per contract number (409 with the transactionId held).
 */
export class SerasaSimulator {
  readonly debts = new Map<string, SimulatedSerasaDebt>();
  readonly minors = new Set<string>();
  readonly tokens = new Map<string, { login: string; expired: boolean }>();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };
  logins = 0;

  constructor(
    private readonly admits: (username: string, password: string) => boolean | Promise<boolean>,
    private readonly options: {
      random?: () => number;
      settleAfterMs?: number;
      onSettled?: (login: string, webhook: SerasaWebhook) => void;
    } = {},
  ) {}

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  /** Every token issued so far is expired: the next call with one answers 401. */
  expireTokens() {
    for (const token of this.tokens.values()) token.expired = true;
  }

  /** Decides a pending debt (registered unless told otherwise) and answers the webhook Serasa sends for it. */
  settle(
    transactionId: string,
    outcome: { status: 'SUCCESS' | 'ERROR'; message?: string } = { status: 'SUCCESS' },
  ): SerasaWebhook {
    const debt = this.debts.get(transactionId);
    if (!debt) throw new Error(`No debt ${transactionId}.`);
    if (debt.status === 'PENDING') {
      debt.status = outcome.status;
      debt.message = outcome.message ?? null;
    }
    const status = debt.status;
    const webhook: SerasaWebhook = {
      uuid: debt.transactionId,
      status,
      ...(debt.message ? { message: debt.message } : {}),
    };
    this.options.onSettled?.(debt.login, webhook);
    return webhook;
  }

  state(): { debts: SimulatedSerasaDebt[] } {
    return { debts: [...this.debts.values()].map((debt) => ({ ...debt })) };
  }

  restore(state: { debts?: SimulatedSerasaDebt[] }) {
    for (const debt of state.debts ?? []) this.debts.set(debt.transactionId, { ...debt });
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string, extra: Record<string, unknown> = {}) =>
      HttpResponse.json({ message, ...extra }, { status });
    const faulty = (run: () => Promise<Response> | Response) =>
      withFaults(this, this.options.random ?? Math.random, (message) => ({ message }), 'Serasa indisponível', run);
    const bearer =
      (operation: (request: Request, login: string, params: Record<string, string>) => Promise<Response> | Response) =>
      async ({
        request,
        params,
      }: {
        request: Request;
        params: Record<string, string | readonly string[] | undefined>;
      }) => {
        const header = request.headers.get('authorization');
        const token = header?.startsWith('Bearer ') ? this.tokens.get(header.slice('Bearer '.length)) : undefined;
        if (!token) return error(401, 'token inválido');
        if (token.expired) return error(401, 'token expirado');
        return faulty(() => operation(request, token.login, params as Record<string, string>));
      };
    const string = (value: unknown) =>
      typeof value === 'string' && value.length > 0 && value.length <= SERASA_SIMULATOR_LIMITS.fieldLength
        ? value
        : null;
    const debtsOf = (document: string) =>
      [...this.debts.values()]
        .filter((d) => d.document === document && d.status === 'SUCCESS')
        .map((d) => ({ creditor: 'Credor via Ponte', amount: d.amount, date: d.dueDate }));

    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/debts`, () =>
        HttpResponse.json({ platform: 'serasa', debts: [...this.debts.values()] }),
      ),
      http.post(`${base}/security/iam/v1/client-identities/login`, async ({ request }) => {
        const login = basicLogin(request.headers.get('authorization'));
        if (!login || !(await this.admits(login.username, login.password))) return error(401, 'credenciais inválidas');
        return faulty(() => {
          this.logins += 1;
          const accessToken = randomUUID();
          this.tokens.set(accessToken, { login: login.username, expired: false });
          return HttpResponse.json({ accessToken, tokenType: 'Bearer', expiresIn: 3600 }, { status: 201 });
        });
      }),
      http.post(
        `${base}/credit-services/person-information-report/v1/creditreport`,
        bearer(async (request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const number = string(body?.documentNumber);
          if (!number || !parseDocument(number).ok)
            return error(400, 'documentNumber inválido: dígito verificador não confere');
          const person = simulatedPerson(number, debtsOf(number));
          const occurrences = (kind: string) =>
            person.restrictions
              .filter((r) => r.kind === kind)
              .map((r) => ({ creditorName: r.creditor, amount: r.amount, occurrenceDate: r.date }));
          return HttpResponse.json({
            reports: [
              {
                reportName: body?.reportName ?? null,
                registration: {
                  documentNumber: number,
                  consumerName: person.name,
                  statusRegistration: person.registrationStatus,
                },
                negativeData: {
                  pefin: { summary: { count: occurrences('pefin').length }, response: occurrences('pefin') },
                  refin: { summary: { count: 0 }, response: [] },
                  notary: { summary: { count: 0 }, response: [] },
                  check: { summary: { count: 0 }, response: [] },
                },
                score: { score: person.score, scoreModel: 'HSPN' },
              },
            ],
          });
        }),
      ),
      http.post(
        `${base}/credit-services/pefin/v1/debts`,
        bearer(async (request, login) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const debtor = (body?.debtor ?? {}) as Record<string, unknown>;
          const [document, name, contractNumber, amount, dueDate] = [
            string(debtor.documentNumber),
            string(debtor.name),
            string(body?.contractNumber),
            string(body?.amount),
            string(body?.dueDate),
          ];
          if (!document || !name || !contractNumber || !amount || !dueDate)
            return error(422, 'debtor.documentNumber, debtor.name, contractNumber, amount e dueDate são obrigatórios');
          if (!parseDocument(document).ok)
            return error(422, 'documento do devedor inválido: dígito verificador não confere');
          if (this.minors.has(document)) return error(422, 'devedor menor de 18 anos não pode ser negativado');
          const held = [...this.debts.values()].find(
            (d) => d.contractNumber === contractNumber && d.status !== 'REMOVED',
          );
          if (held) return error(409, 'dívida já registrada para este contrato', { transactionId: held.transactionId });
          if (this.debts.size >= SERASA_SIMULATOR_LIMITS.debts) return error(422, 'limite de dívidas atingido');
          const debt: SimulatedSerasaDebt = {
            transactionId: randomUUID(),
            login,
            document,
            name,
            contractNumber,
            amount,
            dueDate,
            status: 'PENDING',
            message: null,
          };
          this.debts.set(debt.transactionId, debt);
          if (this.options.settleAfterMs !== undefined)
            setTimeout(() => this.settle(debt.transactionId), this.options.settleAfterMs).unref();
          return HttpResponse.json({ transactionId: debt.transactionId });
        }),
      ),
      http.delete(
        `${base}/credit-services/pefin/v1/debts/:id`,
        bearer((_request, _login, { id }) => {
          const debt = this.debts.get(id!);
          if (!debt || debt.status === 'REMOVED') return error(404, 'dívida não encontrada');
          debt.status = 'REMOVED';
          return new HttpResponse(null, { status: 204 });
        }),
      ),
    ];
  }
}
