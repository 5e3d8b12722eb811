import { createContextKey, type Context } from '@opentelemetry/api';
import { activeContext } from '../telemetry/trace-context';

/*
 * How many HTTP calls one piece of work made to its partner: a delivery may take more than one
 * (TeleCall's 202 followed by reads of the line), and the partner's rate counts calls, so each
 * integration's pacing learns how many a delivery takes (docs/operations.md, "Partner limits").
 * The count rides in the work's trace context, which every partner call already reads.
 */

const CALLS = createContextKey('ponte.partner-calls');

/** `at` with a counter of the partner calls made within it, read once the work ends (failed or not). */
export function countingPartnerCalls(at: Context): { readonly context: Context; readonly calls: number } {
  const counter = { calls: 0 };
  return {
    context: at.setValue(CALLS, counter),
    get calls() {
      return counter.calls;
    },
  };
}

/** One call is on its way to a partner. */
export const notePartnerCall = () => {
  const counter = activeContext().getValue(CALLS) as { calls: number } | undefined;
  if (counter) counter.calls += 1;
};
