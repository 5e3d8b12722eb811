/*
 * How the simulated platforms list what they hold (`GET …?cursor=&limit=`, docs/partners.md): in
 * key order, the keys after `cursor`, at most `limit` of them (1 to 1,000, 100 by default), with the
 * cursor of the next page or null after the last.
 */

export const LIST_PAGE = { default: 100, max: 1_000 } as const;

/** One page of `sortedKeys` as the request asks for it, or what is wrong with its `limit`. */
export function pageOfKeys(
  sortedKeys: readonly string[],
  request: Request,
): { readonly keys: readonly string[]; readonly next: string | null } | string {
  const query = new URL(request.url).searchParams;
  const limit = Number(query.get('limit') ?? LIST_PAGE.default);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_PAGE.max) return `limit: de 1 a ${LIST_PAGE.max}`;
  const cursor = query.get('cursor');
  const from = cursor === null ? 0 : firstAfter(sortedKeys, cursor);
  const keys = sortedKeys.slice(from, from + limit);
  return { keys, next: from + limit < sortedKeys.length ? keys[keys.length - 1]! : null };
}

/** The index of the first key after `cursor` (binary search). */
function firstAfter(sortedKeys: readonly string[], cursor: string): number {
  let [low, high] = [0, sortedKeys.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedKeys[middle]! <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}
