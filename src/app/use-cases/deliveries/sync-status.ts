import type { SvaSyncStatus } from '../../../domain/sva/ports';

/** Each item with where its partner effects stand (see the repositories' syncStatuses). */
export const withSyncStatus = <T extends { readonly id: string }>(
  items: readonly T[],
  statuses: ReadonlyMap<string, SvaSyncStatus>,
): (T & { readonly syncStatus: SvaSyncStatus })[] =>
  items.map((item) => ({ ...item, syncStatus: statuses.get(item.id) ?? 'synced' }));
