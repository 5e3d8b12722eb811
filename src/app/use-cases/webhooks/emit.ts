import type { Repositories } from '../../../domain/ports/store';
import type { EventType, NewEvent } from '../../../domain/webhooks/events';
import type { UseCaseDeps } from '../deps';

/** An event to record: what happened, to which resource, of which contract. */
export interface EventNote {
  readonly type: EventType;
  readonly resourceId: string;
  readonly contractId?: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Records events in the caller's transaction (docs/webhooks.md): written with the change, so a
 * change never misses its event and an event never announces a change that rolled back. Answers
 * how many deliveries they will make: the caller wakes the dispatcher once its transaction
 * commits, whose fan-out queues them.
 */
export async function recordEvents(
  repos: Pick<Repositories, 'events'>,
  deps: Pick<UseCaseDeps, 'ids'>,
  notes: readonly EventNote[],
  at: Date,
): Promise<number> {
  if (notes.length === 0) return 0;
  const events: NewEvent[] = notes.map((note) => ({
    id: deps.ids.next(),
    type: note.type,
    resourceId: note.resourceId,
    contractId: note.contractId ?? null,
    occurredAt: at,
    data: note.data,
  }));
  return repos.events.record(events);
}

/** Runs `change` and records its events in one transaction, then wakes the dispatcher to fan them out. */
export async function withEvents<T>(
  deps: Pick<UseCaseDeps, 'ids' | 'store' | 'effectsQueued'>,
  change: (
    repos: Repositories,
  ) => Promise<{ readonly result: T; readonly events: readonly EventNote[]; readonly at: Date }>,
): Promise<T> {
  const { result, queued } = await deps.store.transaction(async (repos) => {
    const changed = await change(repos);
    return { result: changed.result, queued: await recordEvents(repos, deps, changed.events, changed.at) };
  });
  if (queued > 0) deps.effectsQueued();
  return result;
}
