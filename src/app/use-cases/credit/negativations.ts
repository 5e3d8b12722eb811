import { negativationEffect, type Negativation } from '../../../domain/credit/credit';
import type { DebtNews, NegativationFilter } from '../../../domain/credit/ports';
import type { Contract } from '../../../domain/contracts/contract';
import { parseDocument } from '../../../domain/customers/document';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { calendarDate } from '../../../domain/shared/calendar';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { applyEventToLocked } from '../contracts/contracts';
import type { UseCaseDeps } from '../deps';
import { negativationData } from '../../../domain/webhooks/payloads';
import type { NegativationEventType } from '../../../domain/webhooks/events';
import { recordEvents } from '../webhooks/emit';
import { bureauNotSupported, creditAnalysisOn, usableIntegration } from './consultations';
import { sameSecret } from '../same-secret';

export interface NegativationInput {
  readonly contractId: string;
  readonly chargeId: string;
  /** Which bureau; optional while a single integration is active. */
  readonly integrationId?: string;
}

/** The integration a negativation goes through: the one named, or the only active one. */
async function integrationFor(repos: Repositories, id: string | undefined) {
  if (id !== undefined) return usableIntegration(repos, id, 'integrationId');
  const active = await repos.credit.activeIntegrations();
  if (active.length !== 1) {
    return fail('VALIDATION_FAILED', 'Several credit-analysis integrations are active: name the one to use.', [
      { field: 'integrationId', message: 'Required while several integrations are active.' },
    ]);
  }
  return usableIntegration(repos, active[0]!.id, 'integrationId');
}

/**
 * When the contract's last live negativation ended (removed, or refused by the bureau), the
 * contract is back to cancelled (`remove_negativation`), in the caller's transaction. Answers how
 * many partner effects that queued.
 */
async function followEndOfNegativation(
  repos: Repositories,
  deps: UseCaseDeps,
  contractId: string,
  mode: 'manual' | 'automatic',
  actor: string,
  reason: string | null,
): Promise<number> {
  const contract = await repos.contracts.lockById(contractId);
  if (contract?.status !== 'negativated' || (await repos.credit.countLiveNegativations(contractId)) > 0) return 0;
  const applied = await applyEventToLocked(repos, deps, contract, { type: 'remove_negativation', mode, reason, actor });
  if (!applied.ok)
    throw new Error(`A negativated contract refused the removal of its negativation: ${applied.error.message}`);
  return applied.value.queued;
}

/**
 * Negativates an overdue charge of a contract (seed 000; docs/business-rules.md): the debt goes to the bureau
 * through the outbox, and the contract moves as the lifecycle says (`negativate`, also from a
 * cancelled contract). The negativation is written first, so that a charge negativated already
 * writes nothing.
 */
/** A negativation's step, told to frontends in the transaction that takes it (docs/webhooks.md). */
const tell = (
  repos: Repositories,
  deps: Pick<UseCaseDeps, 'ids'>,
  type: NegativationEventType,
  negativation: Negativation,
  now: Date,
) =>
  recordEvents(
    repos,
    deps,
    [{ type, resourceId: negativation.id, contractId: negativation.contractId, data: negativationData(negativation) }],
    now,
  );

export function makeCreateNegativation(deps: UseCaseDeps) {
  const { store, clock, ids, effectsQueued } = deps;
  return async (
    input: NegativationInput,
    actor: string,
  ): Promise<Result<{ negativation: Negativation; contract: Contract }>> => {
    const result = await store.transaction(
      async (repos): Promise<Result<{ negativation: Negativation; contract: Contract; queued: number }>> => {
        const on = await creditAnalysisOn(repos);
        if (!on.ok) return on;
        const contract = await repos.contracts.lockById(input.contractId);
        if (!contract)
          return fail('CONTRACT_NOT_FOUND', 'Contract not found.', [
            { field: 'contractId', message: 'No contract has this id.' },
          ]);
        const charge = await repos.charges.lockById(input.chargeId);
        if (!charge)
          return fail('CHARGE_NOT_FOUND', 'Charge not found.', [
            { field: 'chargeId', message: 'No charge has this id.' },
          ]);
        if (charge.contractId !== contract.id)
          return fail('CHARGE_NOT_ON_CONTRACT', 'The charge belongs to another contract.', [
            { field: 'chargeId', message: 'Not a charge of this contract.' },
          ]);
        if (charge.status !== 'open')
          return fail('CHARGE_NOT_OPEN', `A ${charge.status} charge cannot be negativated.`);
        const today = calendarDate(clock.now(), deps.timeZone);
        if (charge.dueDate >= today)
          return fail('CHARGE_NOT_OVERDUE', `The charge falls due on ${charge.dueDate}: it is not overdue yet.`);
        const integration = await integrationFor(repos, input.integrationId);
        if (!integration.ok) return integration;
        if (!deps.creditBureauFor(integration.value)) return bureauNotSupported(integration.value);
        const customer = await repos.customers.findById(contract.customerId);
        const document = customer ? parseDocument(customer.document) : null;
        if (!customer || !document?.ok) throw new Error("A contract's customer has no valid document.");

        const now = clock.now();
        const created = await repos.credit.createNegativation({
          id: ids.next(),
          contractId: contract.id,
          chargeId: charge.id,
          integrationId: integration.value.id,
          bureau: integration.value.bureau,
          state: 'pending',
          requestId: null,
          message: null,
          amountCents: charge.amountCents - charge.paidCents,
          dueDate: charge.dueDate,
          actor,
          registeredAt: null,
          failedAt: null,
          removedAt: null,
          removalConfirmedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        if (!created.ok) return created;
        const negativation = created.value;
        const told = await tell(repos, deps, 'negativation.created', negativation, now);
        // A contract negativated already (for another charge) stays as it is.
        let moved = { contract, queued: 0 };
        if (contract.status !== 'negativated') {
          const applied = await applyEventToLocked(repos, deps, contract, {
            type: 'negativate',
            mode: 'manual',
            reason: `Charge ${charge.id} negativated at ${integration.value.bureau}.`,
            actor,
          });
          if (!applied.ok) return applied;
          moved = applied.value;
        }
        await repos.outbox.enqueue(
          [
            {
              id: ids.next(),
              cause: negativation.id,
              effect: negativationEffect(negativation, {
                action: 'register_debt',
                negativationId: negativation.id,
                debt: {
                  debtor: { document: document.value.value, documentType: document.value.type, name: customer.name },
                  contractNumber: negativation.id,
                  amountCents: negativation.amountCents,
                  dueDate: negativation.dueDate,
                },
              }),
            },
          ],
          now,
        );
        return ok({ negativation, contract: moved.contract, queued: moved.queued + 1 + told });
      },
    );
    if (!result.ok) return result;
    effectsQueued();
    return ok({ negativation: result.value.negativation, contract: result.value.contract });
  };
}

/**
 * Takes a negativation off the bureau (after payment, or a mistake): removed here at once, the
 * removal carried to the bureau through the outbox (after the registration, in order). The
 * contract's last live negativation removed, it is back to cancelled. Removing twice changes nothing.
 */
export function makeRemoveNegativation(deps: UseCaseDeps) {
  const { store, clock, ids, effectsQueued } = deps;
  return async (id: string, actor: string): Promise<Result<Negativation>> => {
    const result = await store.transaction(
      async (repos): Promise<Result<{ negativation: Negativation; queued: number }>> => {
        const current = await repos.credit.lockNegativation(id);
        if (!current) return fail('NEGATIVATION_NOT_FOUND', 'Negativation not found.');
        if (current.state === 'removed') return ok({ negativation: current, queued: 0 });
        if (current.state === 'failed')
          return fail(
            'NEGATIVATION_NOT_REMOVABLE',
            'The bureau refused this negativation: there is nothing to remove.',
          );
        const now = clock.now();
        const negativation = await repos.credit.updateNegativation(id, { state: 'removed', removedAt: now }, now);
        const told = await tell(repos, deps, 'negativation.removed', negativation, now);
        await repos.outbox.enqueue(
          [
            {
              id: ids.next(),
              cause: `${negativation.id}:removal`,
              effect: negativationEffect(negativation, { action: 'remove_debt', negativationId: negativation.id }),
            },
          ],
          now,
        );
        const queued = await followEndOfNegativation(
          repos,
          deps,
          negativation.contractId,
          'manual',
          actor,
          `Negativation ${negativation.id} removed.`,
        );
        return ok({ negativation, queued: queued + 1 + told });
      },
    );
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok(result.value.negativation);
  };
}

export function makeGetNegativation({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Negativation>> => {
    const found = await store.credit.findNegativation(id);
    return found ? ok(found) : fail('NEGATIVATION_NOT_FOUND', 'Negativation not found.');
  };
}

export function makeListNegativations({ store }: UseCaseDeps) {
  return async (filter: NegativationFilter, page: PageRequest): Promise<Result<Page<Negativation>>> =>
    ok(await store.credit.listNegativations(filter, page));
}

/**
 * What became of a negativation at its bureau, applied to it (locked by the caller, in the
 * caller's transaction): a pending one becomes registered, or failed (and its contract, with no
 * other live negativation, is back to cancelled); a removal is confirmed. Anything else (a
 * repeated or late notification) changes nothing.
 */
export async function settleNegativation(
  repos: Repositories,
  deps: UseCaseDeps,
  current: Negativation,
  news: { readonly state: DebtNews['state'] | 'pending'; readonly message: string | null },
): Promise<{ negativation: Negativation; queued: number }> {
  const now = deps.clock.now();
  if (current.state === 'pending' && news.state === 'registered') {
    const negativation = await repos.credit.updateNegativation(
      current.id,
      { state: 'registered', registeredAt: now },
      now,
    );
    return { negativation, queued: await tell(repos, deps, 'negativation.registered', negativation, now) };
  }
  if (current.state === 'pending' && news.state === 'failed') {
    const negativation = await repos.credit.updateNegativation(
      current.id,
      { state: 'failed', failedAt: now, message: news.message },
      now,
    );
    const told = await tell(repos, deps, 'negativation.failed', negativation, now);
    const queued = await followEndOfNegativation(
      repos,
      deps,
      current.contractId,
      'automatic',
      `bureau:${current.bureau}`,
      `The bureau refused negativation ${current.id}: ${news.message ?? 'no reason given'}`,
    );
    return { negativation, queued: queued + told };
  }
  if (current.state === 'removed' && news.state === 'removed' && current.removalConfirmedAt === null) {
    const negativation = await repos.credit.updateNegativation(current.id, { removalConfirmedAt: now }, now);
    return { negativation, queued: await tell(repos, deps, 'negativation.removal_confirmed', negativation, now) };
  }
  return { negativation: current, queued: 0 };
}

/**
 * `POST /v1/webhooks/credit/{integrationId}`: a bureau tells the fate of a debt. The call is
 * authenticated by the integration's webhook secret; a repeated call is harmless.
 */
export function makeReceiveCreditWebhook(deps: UseCaseDeps) {
  const { store, secrets, effectsQueued } = deps;
  return async (
    integrationId: string,
    presentedSecret: string | null,
    payload: unknown,
  ): Promise<Result<Negativation>> => {
    const integration = await store.credit.findIntegration(integrationId);
    if (!integration) return fail('CREDIT_INTEGRATION_NOT_FOUND', 'Credit-analysis integration not found.');
    if (presentedSecret === null || !sameSecret(presentedSecret, secrets.open(integration.sealedWebhookSecret))) {
      return fail('UNAUTHENTICATED', "Present the integration's webhook secret as Authorization: Bearer <secret>.");
    }
    const bureau = deps.creditBureauFor(integration);
    const news = bureau?.readWebhook(payload) ?? null;
    if (!news)
      return fail('VALIDATION_FAILED', `Not a debt notification ${integration.bureau} sends.`, [
        { field: '', message: 'Unknown notification shape.' },
      ]);
    const result = await store.transaction(async (repos) => {
      const current = await repos.credit.lockNegativationByRequest(integration.id, news.requestId);
      return current
        ? ok(await settleNegativation(repos, deps, current, news))
        : fail('NEGATIVATION_NOT_FOUND', 'No negativation of this integration has this bureau request id.');
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok(result.value.negativation);
  };
}
