import type { Store } from '../../../domain/ports/repositories';
import type { UseCaseDeps } from '../deps';

/** What contract answers offer besides their lifecycle: negativation only while credit analysis is on. */
export interface ContractOffers {
  readonly negativation: boolean;
}

/** Another process's change of the settings shows within this time; this process's at once. */
const FRESH_MS = 2000;

const cache = new WeakMap<Store, { readonly at: number; readonly offers: ContractOffers }>();

/** Drops what is known of the settings (a change of them committed). */
export const forgetContractOffers = (store: Store) => void cache.delete(store);

/**
 * Reading a contract is the API's hottest path: what it offers is read from the settings at most
 * every couple of seconds, and at once after a change made here.
 */
export function makeContractOffers({ store }: UseCaseDeps) {
  return async (): Promise<ContractOffers> => {
    const known = cache.get(store);
    if (known && Date.now() - known.at < FRESH_MS) return known.offers;
    const { settings } = await store.settings.get();
    const offers = { negativation: settings.creditAnalysis.enabled };
    cache.set(store, { at: Date.now(), offers });
    return offers;
  };
}

