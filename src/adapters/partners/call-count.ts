import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * How many HTTP calls one piece of work made to its partner: a delivery may take more than one
 * (TeleCall's 202 followed by reads of the line), and the partner's rate counts calls, so each
 * integration's pacing learns how many a delivery takes (docs/operations.md, "Partner limits").
 */

const counters = new AsyncLocalStorage<{ calls: number }>();

/** Counts the partner calls `run` makes, read once it ends (failed or not). */
export function partnerCallCounter(): { run<T>(work: () => Promise<T>): Promise<T>; readonly calls: number } {
  const counter = { calls: 0 };
  return {
    run: (work) => counters.run(counter, work),
    get calls() {
      return counter.calls;
    },
  };
}

/** One call is on its way to a partner. */
export const notePartnerCall = () => {
  const counter = counters.getStore();
  if (counter) counter.calls += 1;
};
