import { PartnerError } from '../../domain/ports/partner';
import { rejection, type PartnerResponse } from './partner-http';

/** A non-empty string, as the partners' answers must carry their ids and names. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * One page of a partner's list (our contract, docs/partners.md): `GET {path}?cursor=&limit=` →
 * `{<items>: [...], next}`, `next` the cursor of the following page or null after the last. Each
 * item is read by `read`, which throws on one it cannot; an answer of another shape is retryable.
 */
export async function listPage<T>(
  call: (method: string, path: string) => Promise<PartnerResponse>,
  list: { readonly partner: string; readonly path: string; readonly items: string; readonly item: string },
  page: { readonly cursor: string | null; readonly limit: number },
  read: (item: unknown) => T,
): Promise<{ readonly items: T[]; readonly next: string | null }> {
  const query = new URLSearchParams({
    limit: String(page.limit),
    ...(page.cursor !== null ? { cursor: page.cursor } : {}),
  });
  const response = await call('GET', `${list.path}?${query.toString()}`);
  if (response.status !== 200) throw rejection(response, `${list.partner} did not list its ${list.items}`);
  const body = (response.body ?? {}) as Record<string, unknown>;
  const items = body[list.items];
  if (!Array.isArray(items) || (body.next !== null && !isText(body.next)))
    throw new PartnerError('retryable', `${list.partner} answered with a ${list.item} list the adapter cannot read.`);
  return { items: items.map(read), next: body.next };
}
