import type { UseCaseDeps } from '../deps';

/** What writing a contract event's effects needs: ids, the time, and the cause (per contract, for many). */
export interface EffectTools extends Pick<UseCaseDeps, 'ids'> {
  readonly now: Date;
  readonly cause: string | ReadonlyMap<string, string>;
}
