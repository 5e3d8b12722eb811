import { PartnerError } from '../../../domain/ports/partner';
import type { TelecallLine, TelecallLineState, TelecallPlatform } from '../../../domain/mvno/ports';
import { isText, listPage } from '../paged-list';
import { partnerCall, rejection, type PartnerHttp, type PartnerResponse } from '../partner-http';

const STATES: readonly TelecallLineState[] = ['pending', 'active', 'blocked_partial', 'blocked_total', 'cancelled'];

function toLine(body: unknown): TelecallLine {
  const b = (body ?? {}) as Record<string, unknown>;
  if (
    !isText(b.reference) ||
    !isText(b.msisdn) ||
    !isText(b.iccid) ||
    !isText(b.plan) ||
    !STATES.includes(b.status as TelecallLineState)
  )
    throw new PartnerError('retryable', 'TeleCall answered with a line the adapter cannot read.');
  return {
    reference: b.reference,
    msisdn: b.msisdn,
    iccid: b.iccid,
    plan: b.plan,
    status: b.status as TelecallLineState,
  };
}

export interface TelecallOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly http: PartnerHttp;
  /** How often and how many times an operation answered 202 is checked with getLine. */
  readonly poll?: { readonly intervalMs: number; readonly attempts: number };
}

/**
 * TeleCall over HTTP (Bearer token): `POST /lines` activates, `POST /lines/{msisdn}/block`
 * (`{mode}`), `/unblock`, `/cancel`, `GET /lines/{msisdn}`. An operation answered 202 finishes
 * later: the adapter polls getLine until the line shows the state asked for, a bounded number of
 * times, then leaves the rest to the dispatcher's retry (retryable). Already in the state is
 * success; blocking a cancelled line is a rejection.
 */
export function createTelecallPlatform({
  baseUrl,
  token,
  http,
  poll = { intervalMs: 200, attempts: 10 },
}: TelecallOptions): TelecallPlatform {
  const base = baseUrl.replace(/\/+$/, '');
  const call = (method: string, path: string, body?: unknown): Promise<PartnerResponse> =>
    partnerCall(http, {
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined ? { body } : {}),
    });
  const linePath = (msisdn: string) => `/lines/${encodeURIComponent(msisdn)}`;

  const platform: TelecallPlatform = {
    async getLine(msisdn) {
      const response = await call('GET', linePath(msisdn));
      if (response.status === 404) return null;
      if (response.status !== 200) throw rejection(response, 'TeleCall did not show the line');
      const state = (response.body as { status?: unknown } | null)?.status;
      if (!STATES.includes(state as TelecallLineState))
        throw new PartnerError('retryable', 'TeleCall answered with a line state the adapter cannot read.');
      return state as TelecallLineState;
    },
    async listLines(page) {
      const list = { partner: 'TeleCall', path: '/lines', items: 'lines', item: 'line' };
      const { items, next } = await listPage(call, list, page, toLine);
      return { lines: items, next };
    },
    async activateLine(line) {
      const response = await call('POST', '/lines', {
        reference: line.reference,
        msisdn: line.msisdn,
        iccid: line.iccid,
        plan: line.plan,
      });
      if (response.status === 409 && (await platform.getLine(line.msisdn)) !== null)
        return settle(line.msisdn, ['active', 'blocked_partial', 'blocked_total'], 'activate');
      return finish(response, line.msisdn, ['active', 'blocked_partial', 'blocked_total'], 'activate');
    },
    blockLine: async (msisdn, mode) =>
      finish(
        await call('POST', `${linePath(msisdn)}/block`, { mode }),
        msisdn,
        [mode === 'total' ? 'blocked_total' : 'blocked_partial'],
        `block (${mode})`,
      ),
    unblockLine: async (msisdn) =>
      finish(await call('POST', `${linePath(msisdn)}/unblock`), msisdn, ['active'], 'unblock'),
    cancelLine: async (msisdn) =>
      finish(await call('POST', `${linePath(msisdn)}/cancel`), msisdn, ['cancelled'], 'cancel'),
  };

  async function finish(response: PartnerResponse, msisdn: string, wanted: readonly TelecallLineState[], what: string) {
    if (response.status === 200 || response.status === 201) return;
    if (response.status === 202) return settle(msisdn, wanted, what);
    throw rejection(response, `TeleCall did not ${what} the line`);
  }

  async function settle(msisdn: string, wanted: readonly TelecallLineState[], what: string) {
    for (let attempt = 0; attempt < poll.attempts; attempt += 1) {
      const state = await platform.getLine(msisdn);
      if (state !== null && wanted.includes(state)) return;
      await new Promise((resolve) => setTimeout(resolve, poll.intervalMs));
    }
    throw new PartnerError('retryable', `TeleCall accepted the ${what} but has not finished it yet.`);
  }

  return platform;
}
