/**
 * A value read from outside (a partner's answer, a body of unknown shape) as text: a string as it
 * is, a number or boolean written out, anything else (an object, an array, nothing) the fallback,
 * never "[object Object]".
 */
export function asText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return fallback;
}
