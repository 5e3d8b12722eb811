import { PartnerError } from '../../../domain/ports/partner';
import type { SoftswitchLine, VoipPlatform } from '../../../domain/voip/ports';
import { isText, listPage } from '../paged-list';
import { partnerCall, rejection, type PartnerHttp, type PartnerResponse } from '../partner-http';

const STATUSES: readonly SoftswitchLine['status'][] = ['active', 'blocked', 'cancelled'];

function toLine(body: unknown): SoftswitchLine {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!isText(b.reference) || !isText(b.extension) || !isText(b.number) || !STATUSES.includes(b.status as never))
    throw new PartnerError('retryable', 'The softswitch answered with a line the adapter cannot read.');
  return {
    reference: b.reference,
    extension: b.extension,
    number: b.number,
    status: b.status as SoftswitchLine['status'],
  };
}

/**
 * The softswitch over HTTP (Bearer token): `POST /lines`, `GET /lines` (pages), `GET|PATCH|DELETE /lines/{reference}`,
 * `POST /lines/{reference}/block|unblock|cancel`. A create answered 409 for a line already there
 * with the same extension is the repeat of one that went through.
 */
export function createVoipPlatform({
  baseUrl,
  token,
  http,
}: {
  baseUrl: string;
  token: string;
  http: PartnerHttp;
}): VoipPlatform {
  const base = baseUrl.replace(/\/+$/, '');
  const call = (method: string, path: string, body?: unknown): Promise<PartnerResponse> =>
    partnerCall(http, {
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined ? { body } : {}),
    });
  const linePath = (reference: string) => `/lines/${encodeURIComponent(reference)}`;
  const command = async (reference: string, verb: 'block' | 'unblock' | 'cancel') => {
    const response = await call('POST', `${linePath(reference)}/${verb}`);
    if (response.status !== 200) throw rejection(response, `The softswitch did not ${verb} the line`);
  };
  return {
    async listLines(page) {
      const list = { partner: 'The softswitch', path: '/lines', items: 'lines', item: 'line' };
      const { items, next } = await listPage(call, list, page, toLine);
      return { lines: items, next };
    },
    async createLine(line) {
      const response = await call('POST', '/lines', {
        reference: line.reference,
        extension: line.extension,
        number: line.number,
        ...(line.password !== null ? { password: line.password } : {}),
      });
      if (response.status === 200 || response.status === 201) return;
      if (response.status === 409) {
        const existing = await call('GET', linePath(line.reference));
        if (existing.status === 200 && (existing.body as { extension?: unknown } | null)?.extension === line.extension)
          return;
      }
      throw rejection(response, 'The softswitch did not create the line');
    },
    blockLine: (reference) => command(reference, 'block'),
    unblockLine: (reference) => command(reference, 'unblock'),
    cancelLine: (reference) => command(reference, 'cancel'),
    async updateLine(reference, changes) {
      const response = await call(
        'PATCH',
        linePath(reference),
        changes.password !== null ? { password: changes.password } : {},
      );
      if (response.status !== 200) throw rejection(response, 'The softswitch did not update the line');
    },
    async deleteLine(reference) {
      const response = await call('DELETE', linePath(reference));
      if (response.status !== 204 && response.status !== 200 && response.status !== 404)
        throw rejection(response, 'The softswitch did not delete the line');
    },
  };
}
