import {
  limitsInForce,
  limitsOfPlatform,
  pausedAt,
  type IntegrationLimits,
  type LimitChange,
  type LimitOverrides,
} from '../../../domain/deliveries/limits';
import type { StoredLimits } from '../../../domain/deliveries/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

/* Each integration's limits, as operators read and change them (docs/operations.md, "Partner limits"). */

/** What is stored, with the defaults and what is in force now. */
export function limitsView(stored: StoredLimits, now: Date): IntegrationLimits {
  const inForce = limitsInForce(stored.platform, stored.overrides);
  return {
    ...stored,
    pausedUntil: pausedAt(stored, now) ? stored.pausedUntil : null,
    defaults: limitsOfPlatform(stored.platform),
    inForce,
    effectiveRatePerSecond: Math.min(inForce.ratePerSecond, stored.throttledRate ?? Infinity),
  };
}

const notFound = () =>
  fail(
    'INTEGRATION_NOT_FOUND',
    'No integration has this id: send an integration id, or telecall or voip for the ones Ponte has only one of.',
  );

export function makeListIntegrationLimits({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<IntegrationLimits>>> => {
    const found = await store.integrationLimits.list(page);
    const now = new Date();
    return ok({ ...found, items: found.items.map((item) => limitsView(item, now)) });
  };
}

export function makeGetIntegrationLimits({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<IntegrationLimits>> => {
    const stored = await store.integrationLimits.find(id);
    return stored ? ok(limitsView(stored, new Date())) : notFound();
  };
}

/** Fields left out stay; null goes back to the platform's default. The same values change nothing. */
export function makeUpdateIntegrationLimits({ store, ids, clock, effectsQueued }: UseCaseDeps) {
  return async (id: string, patch: Partial<LimitOverrides>, actor: string): Promise<Result<IntegrationLimits>> =>
    store.transaction(async (repos) => {
      const stored = await repos.integrationLimits.find(id);
      if (!stored) return notFound();
      const overrides: LimitOverrides = {
        concurrency: patch.concurrency === undefined ? stored.overrides.concurrency : patch.concurrency,
        ratePerSecond: patch.ratePerSecond === undefined ? stored.overrides.ratePerSecond : patch.ratePerSecond,
      };
      if (
        overrides.concurrency === stored.overrides.concurrency &&
        overrides.ratePerSecond === stored.overrides.ratePerSecond
      )
        return ok(limitsView(stored, new Date()));
      const changed = await repos.integrationLimits.setOverrides(stored, overrides, {
        id: ids.next(),
        at: clock.now(),
        actor,
      });
      // Waiting deliveries may fit now: dispatchers look again.
      effectsQueued();
      return ok(limitsView(changed, new Date()));
    });
}

/** An operator knows the partner is back: the pause and a lowered rate end now. */
export function makeResumeIntegration({ store, effectsQueued }: UseCaseDeps) {
  return async (id: string): Promise<Result<IntegrationLimits>> => {
    const stored = await store.integrationLimits.find(id);
    if (!stored) return notFound();
    const resumed = await store.integrationLimits.resume(stored);
    effectsQueued();
    return ok(limitsView(resumed, new Date()));
  };
}

export function makeListIntegrationLimitHistory({ store }: UseCaseDeps) {
  return async (id: string, page: PageRequest): Promise<Result<Page<LimitChange>>> => {
    if (!(await store.integrationLimits.find(id))) return notFound();
    return ok(await store.integrationLimits.history(id, page));
  };
}
