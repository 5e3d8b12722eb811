import type { Page, PageRequest } from '../../domain/ports/page';
import { fail, ok, type Result } from '../../domain/shared/result';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Cursors are opaque to clients: the last id of the page, base64url-encoded. Ids are UUIDs but for
 * lists that say otherwise (`ids`).
 */
export function readPage(query: { limit?: number; cursor?: string }, ids: RegExp = UUID): Result<PageRequest> {
  const limit = query.limit ?? 50;
  if (query.cursor === undefined) return ok({ limit });
  const after = Buffer.from(query.cursor, 'base64url').toString('utf8');
  return ids.test(after)
    ? ok({ limit, after })
    : fail('INVALID_CURSOR', 'The cursor is not one this API returned.', [
        { field: 'cursor', message: 'Unknown cursor.' },
      ]);
}

export function pageView<T, V>(page: Page<T>, view: (item: T) => V) {
  return {
    items: page.items.map(view),
    nextCursor: page.last === null ? null : Buffer.from(page.last, 'utf8').toString('base64url'),
  };
}
