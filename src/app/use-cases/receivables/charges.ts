import type { ChargeFilter } from '../../../domain/receivables/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { queueNotifications } from '../notifications/notify';
import {
  cancelCharge,
  openCharge,
  payCharge,
  type Charge,
  type ChargePayment,
  type NewCharge,
} from '../../../domain/receivables/charge';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { releaseIfDebtCleared } from '../overdue/overdue';
import { chargeData } from '../../../domain/webhooks/payloads';
import { recordEvents } from '../webhooks/emit';

export interface ChargeWithPayments {
  readonly charge: Charge;
  readonly payments: readonly ChargePayment[];
}

/**
 * Opens a charge inside the caller's transaction, and queues the customer's `charge_created`
 * notice as the notification settings say and its event for frontends: the one way every charge
 * is made. Answers the charge and how many deliveries were queued.
 */
export async function openChargeIn(
  repos: Repositories,
  deps: Pick<UseCaseDeps, 'ids'>,
  fields: NewCharge,
  now: Date,
): Promise<{ charge: Charge; notifications: number }> {
  const charge = await repos.charges.create(openCharge(fields, now));
  const told = await recordEvents(
    repos,
    deps,
    [{ type: 'charge.created', resourceId: charge.id, contractId: charge.contractId, data: chargeData(charge) }],
    now,
  );
  const notice = {
    id: charge.id,
    amountCents: charge.amountCents,
    dueDate: charge.dueDate,
    competence: charge.competence,
  };
  const notifications = await queueNotifications(
    repos,
    deps,
    [{ event: 'charge_created', contractId: charge.contractId, cause: charge.id, charge: notice }],
    now,
  );
  return { charge, notifications: notifications + told };
}

export function makeCreateCharge(deps: UseCaseDeps) {
  const { store, clock, ids, effectsQueued } = deps;
  return async (
    contractId: string,
    input: { amountCents: number; dueDate: string; competence: string; description?: string | null },
  ): Promise<Result<ChargeWithPayments>> =>
    store.transaction(async (repos) => {
      if (!(await repos.contracts.lockById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const now = clock.now();
      const { charge, notifications } = await openChargeIn(
        repos,
        deps,
        {
          id: ids.next(),
          contractId,
          amountCents: input.amountCents,
          dueDate: input.dueDate,
          competence: input.competence,
          description: input.description ?? null,
        },
        now,
      );
      if (notifications > 0) effectsQueued();
      return ok({ charge, payments: [] });
    });
}

export function makeGetCharge({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<ChargeWithPayments>> => {
    const charge = await store.charges.findById(id);
    return charge
      ? ok({ charge, payments: await store.charges.listPayments(id) })
      : fail('CHARGE_NOT_FOUND', 'Charge not found.');
  };
}

export function makeListContractCharges({ store }: UseCaseDeps) {
  return async (contractId: string, filter: ChargeFilter, page: PageRequest): Promise<Result<Page<Charge>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.charges.listByContract(contractId, filter, page));
  };
}

/** The charge locked, then its contract: the order every change of a charge takes its locks in. */
async function lockChargeAndContract(repos: Repositories, id: string) {
  const charge = await repos.charges.lockById(id);
  if (!charge) return null;
  await repos.contracts.lockById(charge.contractId);
  return charge;
}

/**
 * A payment: partial ones add up, the last settles the charge. When it leaves the contract with
 * no overdue charge, a contract the policy blocked (or showed late) is released at once, in the
 * same transaction — the customer who paid is not cut until the next run.
 */
export function makePayCharge(deps: UseCaseDeps) {
  const { store, clock, ids, effectsQueued } = deps;
  return async (
    id: string,
    input: { amountCents: number; paidAt?: string },
    actor: string,
  ): Promise<Result<ChargeWithPayments>> => {
    const result = await store.transaction(async (repos) => {
      const charge = await lockChargeAndContract(repos, id);
      if (!charge) return fail('CHARGE_NOT_FOUND', 'Charge not found.');
      const now = clock.now();
      const paidAt = input.paidAt ? new Date(input.paidAt) : now;
      const next = payCharge(charge, input.amountCents, paidAt);
      if (!next.ok) return next;
      const saved = await repos.charges.addPayment(
        { id: ids.next(), chargeId: id, amountCents: input.amountCents, paidAt, recordedAt: now, actor },
        next.value,
        now,
      );
      const released = await releaseIfDebtCleared(repos, deps, saved, `payment of charge ${id}`, now);
      const told =
        saved.status === 'paid' && charge.status !== 'paid'
          ? await recordEvents(
              repos,
              deps,
              [{ type: 'charge.paid', resourceId: saved.id, contractId: saved.contractId, data: chargeData(saved) }],
              now,
            )
          : 0;
      return ok({ charge: saved, payments: await repos.charges.listPayments(id), queued: released + told });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok({ charge: result.value.charge, payments: result.value.payments });
  };
}

/** Cancelling writes off what remains; like a payment, it may clear the contract's debt. Cancelling twice is harmless. */
export function makeCancelCharge(deps: UseCaseDeps) {
  const { store, clock, effectsQueued } = deps;
  return async (id: string): Promise<Result<ChargeWithPayments>> => {
    const result = await store.transaction(async (repos) => {
      const charge = await lockChargeAndContract(repos, id);
      if (!charge) return fail('CHARGE_NOT_FOUND', 'Charge not found.');
      const decision = cancelCharge(charge);
      if (!decision.ok) return decision;
      if (decision.value === null) return ok({ charge, payments: await repos.charges.listPayments(id), queued: 0 });
      const now = clock.now();
      const saved = await repos.charges.cancel(id, now);
      const queued = await releaseIfDebtCleared(repos, deps, saved, `cancellation of charge ${id}`, now);
      return ok({ charge: saved, payments: await repos.charges.listPayments(id), queued });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok({ charge: result.value.charge, payments: result.value.payments });
  };
}
