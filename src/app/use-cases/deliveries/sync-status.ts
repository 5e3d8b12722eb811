import type { SyncStatus } from '../../../domain/deliveries/delivery';

/** Each item with where its partner effects stand (see the repositories' syncStatuses). */
export const withSyncStatus = <T extends { readonly id: string }>(
  items: readonly T[],
  statuses: ReadonlyMap<string, SyncStatus>,
): (T & { readonly syncStatus: SyncStatus })[] =>
  items.map((item) => ({ ...item, syncStatus: statuses.get(item.id) ?? 'synced' }));
