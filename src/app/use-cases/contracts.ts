import { NEW_CONTRACT_STATE, stampTransition, type Contract, type ContractEventType, type ContractHistoryEntry, type EventMode } from '../../domain/contract/contract';
import { transition } from '../../domain/contract/contract-transitions';
import { blockedBeforeForCancellation, isDueForAutomaticCancellation, type OverduePolicy } from '../../domain/contract/overdue-policy';
import type { ContractFilter, Page, PageRequest } from '../../domain/ports/repositories';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { UseCaseDeps } from './deps';
import { applySvaPolicy, autoCreateExaUsers } from './sva-users';

export function makeCreateContract({ store, clock, ids }: UseCaseDeps) {
  return async (input: { customerId: string; description?: string | null; billingDay?: number | null }): Promise<Result<Contract>> => {
    if (!(await store.customers.findById(input.customerId))) {
      return fail('UNKNOWN_CUSTOMER', 'Customer not found.', [{ field: 'customerId', message: 'No customer has this id.' }]);
    }
    const now = clock.now();
    return ok(
      await store.contracts.create({
        id: ids.next(),
        customerId: input.customerId,
        description: input.description ?? null,
        billingDay: input.billingDay ?? null,
        ...NEW_CONTRACT_STATE,
        version: 0,
        activatedAt: null,
        blockedAt: null,
        endedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  };
}

export function makeGetContract({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Contract>> => {
    const contract = await store.contracts.findById(id);
    return contract ? ok(contract) : fail('CONTRACT_NOT_FOUND', 'Contract not found.');
  };
}

export function makeListContracts({ store }: UseCaseDeps) {
  return async (filter: ContractFilter, page: PageRequest): Promise<Result<Page<Contract>>> => ok(await store.contracts.list(filter, page));
}

export function makeUpdateContract({ store, clock }: UseCaseDeps) {
  return async (id: string, fields: { description?: string | null; billingDay?: number | null }): Promise<Result<Contract>> => {
    const contract = await store.contracts.updateDetails(id, fields, clock.now());
    return contract ? ok(contract) : fail('CONTRACT_NOT_FOUND', 'Contract not found.');
  };
}

export interface ContractEventInput {
  readonly contractId: string;
  readonly type: ContractEventType;
  readonly mode: EventMode;
  readonly reason: string | null;
  /** Who asked: the API key's name, or the system job's name. */
  readonly actor: string;
}

/**
 * A contract event: lock the contract, let the lifecycle table decide, then store the new state,
 * its history line, its SVA users' new statuses and their partner effects in one transaction. The row lock serialises concurrent events on
 * one contract; the version check is a second guard should a caller skip the lock.
 */
export function makeApplyContractEvent({ store, clock, ids, secrets, effectsQueued }: UseCaseDeps) {
  return async (input: ContractEventInput): Promise<Result<{ contract: Contract; event: ContractHistoryEntry }>> => {
    const result = await store.transaction(async (repos) => {
      const { contracts } = repos;
      const contract = await contracts.lockById(input.contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const next = transition(contract, input);
      if (!next.ok) return next;
      const now = clock.now();
      const saved = await contracts.saveState(contract.id, contract.version, { ...next.value, ...stampTransition(contract, next.value, now) }, now);
      if (!saved) return fail('CONTRACT_CHANGED_CONCURRENTLY', 'The contract changed while this event was applied; send it again.');
      const event: ContractHistoryEntry = {
        id: ids.next(),
        contractId: contract.id,
        type: input.type,
        mode: input.mode,
        reason: input.reason,
        actor: input.actor,
        before: { status: contract.status, accessStatus: contract.accessStatus },
        after: next.value,
        at: now,
      };
      await contracts.appendHistory(event);
      // The partner effects of the change go in with it, under the event's id as their cause.
      const tools = { ids, now, cause: event.id };
      let queued = await applySvaPolicy(repos, contract.id, input.type, tools);
      if (input.type === 'activate') queued += await autoCreateExaUsers(repos, saved, await repos.products.listSvaOnContract(contract.id), { secrets }, tools);
      return ok({ contract: saved, event, queued });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok({ contract: result.value.contract, event: result.value.event });
  };
}

export function makeListContractHistory({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<ContractHistoryEntry>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.contracts.listHistory(contractId, page));
  };
}

export const OVERDUE_POLICY_ACTOR = 'system:overdue-policy';

/**
 * Seed 002, automatic cancellation: cancels (mode automatic) every contract blocked for longer
 * than the policy allows. Returns how many were cancelled. Safe to run from several processes:
 * each cancellation locks its contract and re-checks it.
 */
export function makeCancelOverdueContracts(deps: UseCaseDeps, policy: OverduePolicy) {
  const applyEvent = makeApplyContractEvent(deps);
  return async (batchSize = 100): Promise<number> => {
    const now = deps.clock.now();
    const blockedBefore = blockedBeforeForCancellation(now, policy);
    if (blockedBefore === null) return 0;
    let cancelled = 0;
    for (const contract of await deps.store.contracts.listBlockedSince(blockedBefore, batchSize)) {
      if (!isDueForAutomaticCancellation(contract, now, policy)) continue;
      const result = await applyEvent({
        contractId: contract.id,
        type: 'cancel',
        mode: 'automatic',
        reason: `Blocked for more than ${policy.cancelAfterDaysBlocked} days`,
        actor: OVERDUE_POLICY_ACTOR,
      });
      if (result.ok) cancelled += 1;
    }
    return cancelled;
  };
}
