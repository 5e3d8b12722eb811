import type { SummitBilling, SummitCallRecord, SummitLine, SummitPlatform } from '../../../domain/stfc/summit';
import { PartnerError } from '../../../domain/ports/partner';
import { isText, listPage } from '../paged-list';
import { partnerCall, rejection, type PartnerHttp, type PartnerResponse } from '../partner-http';

/**
 * An amount as Summit writes it, in cents: a number of reais (12.34) or a string with a decimal
 * comma or point ("12,34", "1.234,56", "0.35"). Parsed from its digits, never through a float.
 * Null when it is not an amount.
 */
export function summitAmountCents(value: unknown): number | null {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? value.toFixed(2)
      : typeof value === 'string'
        ? value.trim()
        : null;
  if (text === null) return null;
  const match =
    /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(text) ??
    /^(-)?(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole!.replace(/[.,]/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? (sign ? -cents : cents) : null;
}

const malformed = (what: string) => new PartnerError('retryable', `Summit's ${what} could not be read.`);

function toCall(raw: unknown): SummitCallRecord {
  const r = (raw ?? {}) as Record<string, unknown>;
  const text = (name: string) =>
    typeof r[name] === 'string' ? r[name] : typeof r[name] === 'number' ? String(r[name]) : null;
  const seconds = (name: string) =>
    Number.isSafeInteger(r[name]) && (r[name] as number) >= 0 ? (r[name] as number) : null;
  const [callId, origin, destination, kind] = [text('callId'), text('origin'), text('destination'), text('kind')];
  const startedAt = typeof r.startedAt === 'string' ? new Date(r.startedAt) : null;
  const [durationSeconds, billedSeconds, amountCents] = [
    seconds('durationSeconds'),
    seconds('billedSeconds'),
    summitAmountCents(r.amount),
  ];
  if (
    !callId ||
    origin === null ||
    destination === null ||
    !kind ||
    !startedAt ||
    Number.isNaN(startedAt.getTime()) ||
    durationSeconds === null ||
    billedSeconds === null ||
    amountCents === null
  ) {
    throw malformed('call record');
  }
  return { callId, startedAt, origin, destination, kind, durationSeconds, billedSeconds, amountCents };
}

/** A page of call records can be large (a PABX line's month): read up to this much of it. */
export const CALL_PAGE_LIMIT_BYTES = 16 * 1024 * 1024;

function toSummitLine(body: unknown): SummitLine {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!isText(b.contractRef) || !isText(b.number) || !isText(b.plan) || !Number.isInteger(b.closingDay))
    throw new PartnerError('retryable', 'Summit answered with a line the adapter cannot read.');
  return { contractRef: b.contractRef, number: b.number, plan: b.plan, closingDay: b.closingDay as number };
}

/**
 * Summit over HTTP (Bearer token): `POST /lines`, `GET /lines` (pages), `PATCH /lines/{ref}`, `GET /contracts/{ref}/billing?competence=`,
 * `GET /contracts/{ref}/calls?competence=&page=` (pages until `nextPage` is null). A create
 * answered 409 for the same contract and number is the repeat of one that went through.
 */
export function createSummitPlatform({
  baseUrl,
  token,
  http,
}: {
  baseUrl: string;
  token: string;
  http: PartnerHttp;
}): SummitPlatform {
  const base = baseUrl.replace(/\/+$/, '');
  const call = (method: string, path: string, body?: unknown, maxBytes?: number): Promise<PartnerResponse> =>
    partnerCall(http, {
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined ? { body } : {}),
      ...(maxBytes !== undefined ? { maxBytes } : {}),
    });
  const contractPath = (ref: string) => `/contracts/${encodeURIComponent(ref)}`;
  const unknownContract = (response: PartnerResponse) =>
    response.status === 404 &&
    new PartnerError('rejected', 'Summit does not know this contract (its line was never provisioned there).');

  return {
    async provisionLine(line) {
      const response = await call('POST', '/lines', line);
      if (response.status === 200 || response.status === 201) return;
      if (response.status === 409) {
        const existing = (response.body as { line?: { contractRef?: unknown; number?: unknown } } | null)?.line;
        if (existing?.contractRef === line.contractRef && existing.number === line.number) return;
      }
      throw rejection(response, 'Summit did not provision the line');
    },
    async updateLine(contractRef, changes) {
      const response = await call('PATCH', `/lines/${encodeURIComponent(contractRef)}`, changes);
      if (response.status !== 200) throw rejection(response, 'Summit did not update the line');
    },
    async listLines(page) {
      const list = { partner: 'Summit', path: '/lines', items: 'lines', item: 'line' };
      const { items, next } = await listPage(call, list, page, toSummitLine);
      return { lines: items, next };
    },
    async getBilling(contractRef, competence) {
      const response = await call(
        'GET',
        `${contractPath(contractRef)}/billing?competence=${encodeURIComponent(competence)}`,
      );
      if (response.status !== 200)
        throw unknownContract(response) || rejection(response, 'Summit did not give the billing');
      const body = (response.body ?? {}) as { closed?: unknown; total?: unknown; items?: unknown };
      const totalCents = summitAmountCents(body.total ?? 0);
      if (
        typeof body.closed !== 'boolean' ||
        totalCents === null ||
        (body.items !== undefined && !Array.isArray(body.items))
      )
        throw malformed('billing');
      const items = ((body.items as unknown[] | undefined) ?? []).map((item) => {
        const i = (item ?? {}) as { description?: unknown; amount?: unknown };
        const amountCents = summitAmountCents(i.amount);
        if (typeof i.description !== 'string' || amountCents === null) throw malformed('billing item');
        return { description: i.description, amountCents };
      });
      return { closed: body.closed, totalCents, items } satisfies SummitBilling;
    },
    async *callRecords(contractRef, competence) {
      let page: number | null = 1;
      while (page !== null) {
        const response = await call(
          'GET',
          `${contractPath(contractRef)}/calls?competence=${encodeURIComponent(competence)}&page=${page}`,
          undefined,
          CALL_PAGE_LIMIT_BYTES,
        );
        if (response.status !== 200)
          throw unknownContract(response) || rejection(response, 'Summit did not give the call records');
        const body = (response.body ?? {}) as { calls?: unknown; nextPage?: unknown };
        if (
          !Array.isArray(body.calls) ||
          !(
            body.nextPage === null ||
            body.nextPage === undefined ||
            (Number.isSafeInteger(body.nextPage) && (body.nextPage as number) > page)
          )
        ) {
          throw malformed('call records page');
        }
        yield body.calls.map(toCall);
        page = (body.nextPage as number | null | undefined) ?? null;
      }
    },
  };
}
