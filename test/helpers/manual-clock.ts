import type { Clock } from '../../src/domain/ports/clock';

/** A clock that only moves when the test says so. */
export function manualClock(start = new Date('2026-11-02T12:00:00.000Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    advanceDays(days: number) {
      current += days * 86_400_000;
    },
  } satisfies Clock & Record<string, unknown>;
}
