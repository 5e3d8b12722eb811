import {
  isContractClosed,
  NEW_CONTRACT_STATE,
  stampTransition,
  type Contract,
  type ContractEventType,
  type ContractHistoryEntry,
  type ContractState,
  type EventMode,
} from '../../../domain/contracts/contract';
import { checkRequestable, transition } from '../../../domain/contracts/contract-transitions';
import { checkTrustRelease } from '../../../domain/overdue/overdue-policy';
import { calendarDate } from '../../../domain/shared/calendar';
import type { ContractFilter, DecidedEvent } from '../../../domain/contracts/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { Notice } from '../../../domain/shared/notice';
import { contractData } from '../../../domain/webhooks/payloads';
import type { UseCaseDeps } from '../deps';
import { withEvents } from '../webhooks/emit';

/**
 * A contract change in one transaction with its event (docs/webhooks.md): `change` answers the
 * contract created or changed, or why not; a contract it left as it was (`same`) tells nothing.
 */
const withContractEvent = (
  deps: UseCaseDeps,
  type: 'contract.created' | 'contract.updated',
  change: (repos: Repositories) => Promise<Result<Contract> | { readonly same: Contract }>,
): Promise<Result<Contract>> =>
  withEvents<Result<Contract>>(deps, async (repos) => {
    const changed = await change(repos);
    if ('same' in changed) return { result: ok(changed.same), events: [], at: deps.clock.now() };
    if (!changed.ok) return { result: changed, events: [], at: deps.clock.now() };
    const contract = changed.value;
    return {
      result: changed,
      events: [{ type, resourceId: contract.id, contractId: contract.id, data: contractData(contract) }],
      at: contract.updatedAt,
    };
  });

/** Billing validity: its end is not before its start. */
function checkBillingValidity(billingStart: string | null, billingEnd: string | null): Result<void> {
  if (billingStart !== null && billingEnd !== null && billingEnd < billingStart) {
    return fail('VALIDATION_FAILED', 'The billing validity ends before it starts.', [
      { field: 'billingEnd', message: `Not before billingStart (${billingStart}).` },
    ]);
  }
  return ok(undefined);
}

export interface ContractFields {
  readonly description?: string | null;
  readonly billingDay?: number | null;
  readonly billingStart?: string | null;
  readonly billingEnd?: string | null;
}

export function makeCreateContract(deps: UseCaseDeps) {
  const { clock, ids } = deps;
  return async (input: ContractFields & { customerId: string }): Promise<Result<Contract>> => {
    const validity = checkBillingValidity(input.billingStart ?? null, input.billingEnd ?? null);
    if (!validity.ok) return validity;
    return withContractEvent(deps, 'contract.created', async (repos) => {
      // The customer cannot be deleted while its contract is being written.
      if (!(await repos.customers.lockForReference(input.customerId))) {
        return fail('UNKNOWN_CUSTOMER', 'Customer not found.', [
          { field: 'customerId', message: 'No customer has this id.' },
        ]);
      }
      const now = clock.now();
      return ok(
        await repos.contracts.create({
          id: ids.next(),
          customerId: input.customerId,
          description: input.description ?? null,
          billingDay: input.billingDay ?? null,
          ...NEW_CONTRACT_STATE,
          version: 0,
          activatedAt: null,
          blockedAt: null,
          endedAt: null,
          trustReleaseEndsOn: null,
          trustReleasedAt: null,
          approved: false,
          approvedAt: null,
          billingStart: input.billingStart ?? null,
          billingEnd: input.billingEnd ?? null,
          createdAt: now,
          updatedAt: now,
        }),
      );
    });
  };
}

export function makeGetContract({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Contract>> => {
    const contract = await store.contracts.findById(id);
    return contract ? ok(contract) : fail('CONTRACT_NOT_FOUND', 'Contract not found.');
  };
}

export function makeListContracts({ store }: UseCaseDeps) {
  return async (filter: ContractFilter, page: PageRequest): Promise<Result<Page<Contract>>> =>
    ok(await store.contracts.list(filter, page));
}

export function makeUpdateContract(deps: UseCaseDeps) {
  return async (id: string, fields: ContractFields): Promise<Result<Contract>> =>
    withContractEvent(deps, 'contract.updated', async (repos) => {
      const current = await repos.contracts.lockById(id);
      if (!current) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const validity = checkBillingValidity(
        fields.billingStart !== undefined ? fields.billingStart : current.billingStart,
        fields.billingEnd !== undefined ? fields.billingEnd : current.billingEnd,
      );
      if (!validity.ok) return validity;
      const contract = await repos.contracts.updateDetails(id, fields, deps.clock.now());
      return contract ? ok(contract) : fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    });
}

/** Seed 001: approval makes a contract billable; approving twice changes nothing. */
export function makeApproveContract(deps: UseCaseDeps) {
  return async (id: string): Promise<Result<Contract>> =>
    withContractEvent(deps, 'contract.updated', async (repos) => {
      const contract = await repos.contracts.lockById(id);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (contract.approved) return { same: contract };
      if (isContractClosed(contract))
        return fail('CONTRACT_CLOSED', `A contract with status '${contract.status}' cannot be approved.`);
      return ok((await repos.contracts.approve(id, deps.clock.now()))!);
    });
}

export interface ContractEventInput {
  readonly contractId: string;
  readonly type: ContractEventType;
  readonly mode: EventMode;
  readonly reason: string | null;
  /** Who asked: the API key's name, or the system job's name. */
  readonly actor: string;
  /** For a trust release: how many days the contract stays released. */
  readonly days?: number;
}

const historyEntry = (
  id: string,
  contract: Contract,
  after: ContractState,
  input: Omit<ContractEventInput, 'contractId'>,
  at: Date,
): ContractHistoryEntry => ({
  id,
  contractId: contract.id,
  type: input.type,
  mode: input.mode,
  reason: input.reason,
  actor: input.actor,
  before: { status: contract.status, accessStatus: contract.accessStatus },
  after: { status: after.status, accessStatus: after.accessStatus },
  notices: [],
  at,
});

/**
 * Stores decided events and what follows them, as the areas register it (deps.contractEventFollowers):
 * the contracts' new states, their history lines and every area's targets moved by its policy
 * table in one statement (the partner calls under each event's id as their cause), then what
 * else each area makes follow (the customer told, the EXA users created on activation). A history
 * line keeps the notices of what its event left undone. Nothing follows a contract that was not
 * at the version it was decided on.
 */
async function writeEventsAndEffects(
  repos: Repositories,
  deps: UseCaseDeps,
  changed: readonly DecidedEvent[],
  now: Date,
) {
  const { settings } = await repos.settings.get();
  const followers = deps.contractEventFollowers;
  const policies = followers.flatMap((follower) => (follower.targetPolicy ? [follower.targetPolicy(settings)] : []));
  // Frontends are told of each change in the same statement, before the targets it moves (docs/webhooks.md).
  const recorded = await repos.contracts.recordEvents(changed, policies, now);
  const { saved } = recorded;
  // Contracts are locked before they are decided: only a caller that skipped the lock can miss some.
  if (saved !== changed.length) return { saved, queued: 0, events: [] };
  let queued = recorded.moved + recorded.told;
  const notices = new Map<string, Notice[]>();
  for (const follower of followers) {
    if (!follower.afterEvents) continue;
    const followed = await follower.afterEvents(repos, deps, changed, now, settings);
    queued += followed.queued;
    for (const [eventId, left] of followed.notices ?? [])
      notices.set(eventId, [...(notices.get(eventId) ?? []), ...left]);
  }
  const events: ContractHistoryEntry[] = changed.map(({ event }) =>
    notices.has(event.id) ? { ...event, notices: notices.get(event.id)! } : event,
  );
  await repos.contracts.setNotices(events.filter((event) => event.notices.length > 0));
  return { saved, queued, events };
}

/**
 * A trust release needs its days, within the policy's limit, once per overdue cycle; it is stored
 * on the (locked) contract before its new state. Any other event takes no days.
 */
async function trustReleaseOf(
  repos: Repositories,
  deps: UseCaseDeps,
  contract: Contract,
  input: ContractEventInput,
  now: Date,
): Promise<Result<null>> {
  if (input.type !== 'trust_release') {
    return input.days === undefined
      ? ok(null)
      : fail('VALIDATION_FAILED', 'Only a trust release takes days.', [
          { field: 'days', message: `Not allowed with '${input.type}'.` },
        ]);
  }
  if (input.days === undefined)
    return fail('VALIDATION_FAILED', 'A trust release needs its days.', [
      { field: 'days', message: 'Required with trust_release.' },
    ]);
  const today = calendarDate(now, deps.timeZone);
  const { settings: policy } = await repos.overduePolicy.get();
  const granted = checkTrustRelease(
    input.days,
    policy,
    contract,
    await repos.charges.oldestOverdue(contract.id, today),
    today,
  );
  if (!granted.ok) return granted;
  await repos.contracts.setTrustRelease(contract.id, granted.value.endsOn, now);
  return ok(null);
}

/**
 * One event on a contract the caller has locked, inside the caller's transaction: the lifecycle
 * table decides, then the new state, its history line, its targets' new statuses and their partner
 * effects are stored. The time is read once the lock is held, so history is in order. Answers how
 * many partner effects were queued (the caller wakes the dispatcher after commit).
 */
export async function applyEventToLocked(
  repos: Repositories,
  deps: UseCaseDeps,
  contract: Contract,
  input: Omit<ContractEventInput, 'contractId'>,
): Promise<Result<{ contract: Contract; event: ContractHistoryEntry; queued: number }>> {
  const next = transition(contract, input);
  if (!next.ok) return next;
  const now = deps.clock.now();
  const trust = await trustReleaseOf(repos, deps, contract, { ...input, contractId: contract.id }, now);
  if (!trust.ok) return trust;
  const decided = {
    contract: { ...contract, ...next.value, ...stampTransition(contract, next.value, now) },
    event: historyEntry(deps.ids.next(), contract, next.value, input, now),
  };
  const { saved, queued, events } = await writeEventsAndEffects(repos, deps, [decided], now);
  if (saved === 0)
    return fail('CONTRACT_CHANGED_CONCURRENTLY', 'The contract changed while this event was applied; send it again.');
  return ok({ contract: (await repos.contracts.findById(contract.id))!, event: events[0]!, queued });
}

/**
 * A contract event asked for on the events route: lock the contract, then apply it
 * (applyEventToLocked) in one transaction. The row lock serialises concurrent events on one
 * contract; the version check is a second guard should a caller skip the lock. Negativation and its
 * removal are refused: they happen at a bureau.
 */
export function makeApplyContractEvent(deps: UseCaseDeps) {
  const { store, effectsQueued } = deps;
  return async (input: ContractEventInput): Promise<Result<{ contract: Contract; event: ContractHistoryEntry }>> => {
    const result = await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(input.contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const requestable = checkRequestable(input.type);
      if (!requestable.ok) return requestable;
      return applyEventToLocked(repos, deps, contract, input);
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok({ contract: result.value.contract, event: result.value.event });
  };
}

export interface BulkEventOutcome {
  readonly applied: readonly string[];
  readonly rejected: readonly { readonly contractId: string; readonly code: string; readonly message: string }[];
  readonly notices: readonly (Notice & { readonly contractId: string })[];
}

/** One contract's event in a batch. */
export interface ContractEventItem {
  readonly contractId: string;
  readonly type: Exclude<ContractEventType, 'trust_release'>;
  readonly reason: string | null;
}

/**
 * Events for many contracts inside the caller's transaction, one per contract (not necessarily
 * the same one): the contracts are locked, the lifecycle table decides each, and states, history
 * and partner effects are written set-based. The time is read once the locks are held, so history
 * is in order.
 */
export async function applyEventsToMany(
  repos: Repositories,
  deps: UseCaseDeps,
  input: { readonly events: readonly ContractEventItem[]; readonly mode: EventMode; readonly actor: string },
): Promise<BulkEventOutcome & { queued: number }> {
  const byContract = new Map(input.events.map((e) => [e.contractId, e]));
  const contracts = await repos.contracts.lockMany([...byContract.keys()]);
  const now = deps.clock.now();
  const found = new Set(contracts.map((c) => c.id));
  const rejected: BulkEventOutcome['rejected'][number][] = [...byContract.keys()]
    .filter((id) => !found.has(id))
    .map((contractId) => ({ contractId, code: 'CONTRACT_NOT_FOUND', message: 'Contract not found.' }));
  const changed: DecidedEvent[] = [];
  for (const contract of contracts) {
    const { type, reason } = byContract.get(contract.id)!;
    const next = transition(contract, { type, mode: input.mode });
    if (!next.ok) {
      rejected.push({ contractId: contract.id, code: next.error.code, message: next.error.message });
      continue;
    }
    changed.push({
      contract: { ...contract, ...next.value, ...stampTransition(contract, next.value, now) },
      event: historyEntry(
        deps.ids.next(),
        contract,
        next.value,
        { type, mode: input.mode, reason, actor: input.actor },
        now,
      ),
    });
  }
  const { saved, queued, events } = await writeEventsAndEffects(repos, deps, changed, now);
  if (saved !== changed.length) throw new Error('Locked contracts changed while their events were written.');
  const notices = events.flatMap((event) =>
    event.notices.map((notice) => ({ contractId: event.contractId, ...notice })),
  );
  return { applied: changed.map(({ contract }) => contract.id), rejected, notices, queued };
}

/**
 * One event for many contracts at once (an operator blocking a list of contracts): the same
 * table decides each one, in one transaction. Contracts the event does not fit are listed, not
 * failed; negativation and its removal are refused as on one contract.
 */
export function makeApplyContractEventToMany(deps: UseCaseDeps) {
  const { store, effectsQueued } = deps;
  return async (
    input: Omit<ContractEventItem, 'contractId'> & {
      readonly mode: EventMode;
      readonly actor: string;
      readonly contractIds: readonly string[];
    },
  ): Promise<Result<BulkEventOutcome>> => {
    const requestable = checkRequestable(input.type);
    if (!requestable.ok) return requestable;
    const events = input.contractIds.map((contractId) => ({ contractId, type: input.type, reason: input.reason }));
    const outcome = await store.transaction((repos) =>
      applyEventsToMany(repos, deps, { events, mode: input.mode, actor: input.actor }),
    );
    if (outcome.queued > 0) effectsQueued();
    return ok({ applied: outcome.applied, rejected: outcome.rejected, notices: outcome.notices });
  };
}

export function makeListContractHistory({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<ContractHistoryEntry>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.contracts.listHistory(contractId, page));
  };
}
