import type { TargetKind } from '../../../domain/deliveries/delivery';
import type { ContractEventType } from '../../../domain/contracts/contract';
import type { ContractEventOf, MovedTarget, Repositories } from '../../../domain/ports/repositories';
import type { UseCaseDeps } from '../deps';

/** What writing a contract event's effects needs: ids, the time, and the cause (per contract, for many). */
export interface EffectTools extends Pick<UseCaseDeps, 'ids'> {
  readonly now: Date;
  readonly cause: string | ReadonlyMap<string, string>;
}

/**
 * A target kind following contract events set-based: `move` moves the targets of the contracts
 * (each with its own event) by the cells of its policy table, and their partner calls are queued
 * with payloads the database builds. Returns how many were queued.
 */
export async function followByPolicy<A extends string>(
  repos: Repositories,
  kind: TargetKind,
  move: (events: readonly ContractEventOf[]) => Promise<readonly MovedTarget<A>[]>,
  events: ReadonlyMap<string, ContractEventType>,
  { ids, now, cause }: EffectTools,
): Promise<number> {
  const moved = await move([...events].map(([contractId, event]) => ({ contractId, event })));
  const causeOf = (contractId: string) => (typeof cause === 'string' ? cause : cause.get(contractId)!);
  await repos.outbox.enqueueStatusCalls(kind, moved.map((m) => ({ id: ids.next(), cause: causeOf(m.contractId), targetId: m.id, action: m.action })), now);
  return moved.length;
}
