import { createHash } from 'node:crypto';
import type { BureauLogin, CreditRestriction } from '../../../domain/credit/credit';
import type { CreditBureau, DebtNews } from '../../../domain/credit/ports';
import { PartnerError } from '../../../domain/ports/partner';
import { partnerCall, partnerMessage, rejection, type PartnerHttp, type PartnerResponse } from '../partner-http';

/** Access tokens by login, shared by every Serasa client of the process (a login costs a call). */
export type SerasaTokenCache = Map<string, { readonly token: string; readonly expiresAt: number }>;

const LOGIN = '/security/iam/v1/client-identities/login';
const REPORT = '/credit-services/person-information-report/v1/creditreport';
const DEBTS = '/credit-services/pefin/v1/debts';
/** Serasa's report with registration, negative data and score. */
export const SERASA_REPORT_NAME = 'RELATORIO_BASICO_PF_PME';
/** A token is dropped this long before Serasa says it expires. */
const EXPIRY_MARGIN_MS = 30_000;

const malformed = (what: string) => new PartnerError('retryable', `Serasa's ${what} could not be read.`);

/** Reais (a number, or a string with a decimal point) in cents; null when it is none. */
function cents(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+(\.\d{1,2})?$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The negative data of a report (pefin, refin, notary, check), each occurrence one restriction. */
function restrictionsOf(negativeData: unknown): CreditRestriction[] {
  const data = (negativeData ?? {}) as Record<string, { response?: unknown } | undefined>;
  return ['pefin', 'refin', 'notary', 'check'].flatMap((kind) => {
    const items = data[kind]?.response;
    if (items === undefined) return [];
    if (!Array.isArray(items)) throw malformed('negative data');
    return items.map((item: Record<string, unknown>) => ({
      kind,
      creditor: text(item.creditorName),
      amountCents: cents(item.amount),
      date: text(item.occurrenceDate)?.slice(0, 10) ?? null,
    }));
  });
}

/**
 * Serasa Experian (docs/partners.md): a login with Basic `id:secret` gives a Bearer token (kept until
 * shortly before it expires; a 401 on a call drops it and logs in once more); the person report
 * answers registration, negative data and score; PEFIN debts are registered asynchronously (a
 * `transactionId` now, the result later by webhook, whose `uuid` is that id), one debt per request,
 * with the negativation login when the integration has one.
 */
export function createSerasaBureau({
  baseUrl,
  consult,
  negativation,
  http,
  tokens,
}: {
  baseUrl: string;
  consult: BureauLogin;
  negativation: BureauLogin | null;
  http: PartnerHttp;
  tokens: SerasaTokenCache;
}): CreditBureau {
  const base = baseUrl.replace(/\/+$/, '');
  const keyOf = (login: BureauLogin) =>
    createHash('sha256').update(`${base}\u0000${login.username}\u0000${login.password}`).digest('hex');

  async function login(login: BureauLogin): Promise<string> {
    const cached = tokens.get(keyOf(login));
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const response = await partnerCall(http, {
      method: 'POST',
      url: `${base}${LOGIN}`,
      headers: { authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` },
    });
    const body = (response.body ?? {}) as { accessToken?: unknown; expiresIn?: unknown };
    if (response.status !== 200 && response.status !== 201) throw rejection(response, 'Serasa did not log in');
    if (typeof body.accessToken !== 'string' || body.accessToken === '') throw malformed('login answer');
    const seconds = Number.isFinite(Number(body.expiresIn)) ? Number(body.expiresIn) : 3600;
    tokens.set(keyOf(login), { token: body.accessToken, expiresAt: Date.now() + seconds * 1000 - EXPIRY_MARGIN_MS });
    return body.accessToken;
  }

  /** A call with a token; an expired token (401) is renewed once. */
  async function call(as: BureauLogin, method: string, path: string, body?: unknown): Promise<PartnerResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await login(as);
      try {
        return await partnerCall(http, {
          method,
          url: `${base}${path}`,
          headers: { authorization: `Bearer ${token}` },
          ...(body !== undefined ? { body } : {}),
        });
      } catch (error) {
        const expired = error instanceof PartnerError && error.kind === 'auth' && error.message.includes('(401)');
        if (!expired || attempt > 1) throw error;
        tokens.delete(keyOf(as));
      }
    }
  }

  const negativationLogin = negativation ?? consult;

  return {
    async consult(document) {
      const response = await call(consult, 'POST', REPORT, {
        documentNumber: document.number,
        reportName: SERASA_REPORT_NAME,
      });
      if (response.status !== 200) throw rejection(response, 'Serasa did not give the report');
      const report = ((response.body as { reports?: unknown[] } | null)?.reports ?? [])[0] as
        Record<string, unknown> | undefined;
      if (!report) throw malformed('report');
      const registration = (report.registration ?? {}) as Record<string, unknown>;
      const score = (report.score ?? {}) as Record<string, unknown>;
      return {
        name: text(registration.consumerName) ?? text(registration.companyName),
        registrationStatus: text(registration.statusRegistration),
        score: Number.isSafeInteger(score.score) ? (score.score as number) : null,
        restrictions: restrictionsOf(report.negativeData),
        raw: response.body,
      };
    },
    async registerDebt(debt) {
      const response = await call(negativationLogin, 'POST', DEBTS, {
        debtor: { documentNumber: debt.debtor.document, name: debt.debtor.name },
        contractNumber: debt.contractNumber,
        amount: (debt.amountCents / 100).toFixed(2),
        dueDate: debt.dueDate,
      });
      const transactionId = text((response.body as { transactionId?: unknown } | null)?.transactionId);
      // One debt per contract number: a repeat (a retry after a lost answer) names the one Serasa holds.
      if (
        (response.status === 200 || response.status === 201 || response.status === 202 || response.status === 409) &&
        transactionId
      )
        return { requestId: transactionId, state: 'pending' };
      if (response.status === 200 || response.status === 201 || response.status === 202)
        throw malformed('PEFIN answer');
      throw rejection(response, 'Serasa refused the debt');
    },
    async removeDebt(requestId) {
      const response = await call(negativationLogin, 'DELETE', `${DEBTS}/${encodeURIComponent(requestId)}`);
      if (response.status === 200 || response.status === 204 || response.status === 404) return;
      throw rejection(response, 'Serasa did not remove the debt');
    },
    readWebhook(payload): DebtNews | null {
      const body = (payload ?? {}) as Record<string, unknown>;
      const requestId = text(body.uuid);
      const status = text(body.status)?.toUpperCase();
      if (!requestId || !status) return null;
      const state =
        status === 'SUCCESS' || status === 'REGISTERED'
          ? 'registered'
          : status === 'ERROR' || status === 'REJECTED'
            ? 'failed'
            : status === 'REMOVED'
              ? 'removed'
              : null;
      return state
        ? { requestId, state, message: state === 'failed' ? partnerMessage(body, 'Serasa refused the debt.') : null }
        : null;
    },
  };
}
