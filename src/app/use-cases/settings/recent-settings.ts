import type { Store } from '../../../domain/ports/store';
import type { IntegrationSettings } from '../../../domain/settings/integration-settings';
import type { UseCaseDeps } from '../deps';

/** Another process's change of the settings shows within this time; this process's at once. */
export const RECENT_MS = 2000;

const cache = new WeakMap<Store, { readonly at: number; readonly settings: IntegrationSettings }>();

/** Drops what is known of the settings (a change of them committed). */
export const forgetRecentSettings = (store: Store) => void cache.delete(store);

/**
 * The integration settings as read at most a couple of seconds ago, for the hottest paths
 * (reading a contract, a PBX's call events), and at once after a change made here.
 */
export async function recentSettings(store: Store): Promise<IntegrationSettings> {
  const known = cache.get(store);
  if (known && Date.now() - known.at < RECENT_MS) return known.settings;
  const { settings } = await store.settings.get();
  cache.set(store, { at: Date.now(), settings });
  return settings;
}

/** What contract answers offer besides their lifecycle: negativation only while credit analysis is on. */
export interface ContractOffers {
  readonly negativation: boolean;
}

export function makeContractOffers({ store }: UseCaseDeps) {
  return async (): Promise<ContractOffers> => ({ negativation: (await recentSettings(store)).creditAnalysis.enabled });
}
