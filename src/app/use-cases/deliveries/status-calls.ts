import type { ContractEventType } from '../../../domain/contracts/contract';
import type { ContractEventOf } from '../../../domain/ports/repositories';
import type { UseCaseDeps } from '../deps';

/** What writing a contract event's effects needs: ids, the time, and the cause (per contract, for many). */
export interface EffectTools extends Pick<UseCaseDeps, 'ids'> {
  readonly now: Date;
  readonly cause: string | ReadonlyMap<string, string>;
}

/**
 * A target kind following contract events set-based: `move` moves the targets of the contracts
 * (each with its own event) by the cells of its policy table and queues their partner calls under
 * each contract's cause, with payloads the database builds. Returns how many were queued.
 */
export function followByPolicy(
  move: (events: readonly ContractEventOf[]) => Promise<number>,
  events: ReadonlyMap<string, ContractEventType>,
  { cause }: EffectTools,
): Promise<number> {
  const causeOf = (contractId: string) => (typeof cause === 'string' ? cause : cause.get(contractId)!);
  return move([...events].map(([contractId, event]) => ({ contractId, event, cause: causeOf(contractId) })));
}
