/*
 * What PostgreSQL can keep. Its text and jsonb reject the NUL character, and jsonb rejects an
 * unpaired UTF-16 surrogate (which has no UTF-8 form); its timestamps have no year 0 and end
 * far before JavaScript's. Input that carries either is refused where it enters (a request's
 * body, a partner's answer), so it never reaches a statement as a 500 or a rolled-back effect.
 */

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a NUL or an unpaired surrogate. */
export const isUnstorableText = (value: string): boolean => UNSTORABLE.test(value);

const pointer = (path: string, key: string) => `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Where in a parsed JSON value the first unstorable string is (a key or a value), as a JSON
 * pointer (`/events/0/phone`; the root is ''), or null when every string can be stored. Walked
 * without recursion, so that a deeply nested body cannot exhaust the stack.
 */
export function unstorableTextAt(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (isUnstorableText(item)) return path;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const children: [unknown, string][] = [];
    if (Array.isArray(item)) {
      item.forEach((child, i) => children.push([child, pointer(path, String(i))]));
    } else {
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        const at = pointer(path, key);
        if (isUnstorableText(key)) return at;
        children.push([child, at]);
      }
    }
    // Reversed onto the stack, so that children are looked at in their order.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return null;
}

/** The years an instant from outside may fall in (the API's own date fields accept the same). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/** Whether an instant is a real one within the years Ponte accepts. */
export const isPlausibleInstant = (at: Date): boolean => {
  const time = at.getTime();
  if (Number.isNaN(time)) return false;
  const year = at.getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
