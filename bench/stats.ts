/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seconds since `start` (process.hrtime.bigint()). */
export const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Runs two sides `rounds` times each, alternately, the side that goes first changing every round,
 * so that a slow spell of a shared machine falls on both.
 */
export async function alternate<A, B>(
  rounds: number,
  a: (round: number) => Promise<A>,
  b: (round: number) => Promise<B>,
): Promise<{ a: A[]; b: B[] }> {
  const results = { a: [] as A[], b: [] as B[] };
  for (let round = 1; round <= rounds; round += 1) {
    if (round % 2 === 1) {
      results.a.push(await a(round));
      results.b.push(await b(round));
    } else {
      results.b.push(await b(round));
      results.a.push(await a(round));
    }
  }
  return results;
}
