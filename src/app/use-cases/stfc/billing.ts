import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Store } from '../../../domain/ports/store';
import type { StfcIntegrationRecord } from '../../../domain/stfc/ports';
import type { SummitPlatform } from '../../../domain/stfc/summit';
import type { IdGenerator } from '../../../domain/ports/ids';
import { PartnerError } from '../../../domain/ports/partner';
import { fail, ok, type Result } from '../../../domain/shared/result';
import {
  AWAITING_SUMMIT_RETRY_MS,
  billingItemEffect,
  dueDateOf,
  progressOf,
  type BillingBatch,
  type BillingEffect,
  type BillingItem,
  type BillingProgress,
  type CallRecord,
} from '../../../domain/stfc/billing';
import type { UseCaseDeps } from '../deps';
import { openChargeIn } from '../receivables/charges';
import { brokenRules } from '../../../domain/stfc/billable';
import { stfcModuleEnabled } from './stfc';

export type BatchView = BillingBatch & { readonly progress: BillingProgress };
export type BatchDetail = BatchView & { readonly items: readonly BillingItem[] };

/**
 * Gerar Cobrança (seed 001): one batch for the selected contracts. Each contract is checked
 * against seed 001's rules for the competence (the pure function, on facts read now): a billable
 * one gets an item processed in the background through the outbox (so it is retried, and resumed
 * after a crash); the others are skipped, naming the rules they break. Unknown contracts refuse
 * the whole request.
 */
export function makeCreateBillingBatch({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (input: {
    competence: string;
    contractIds: readonly string[];
    actor: string;
  }): Promise<Result<BatchDetail>> => {
    const result = await store.transaction(async (repos) => {
      const enabled = await stfcModuleEnabled(repos);
      if (!enabled.ok) return enabled;
      const contractIds = [...new Set(input.contractIds)];
      // Locked, so that no event or batch changes them while they are judged.
      await repos.contracts.lockMany(contractIds);
      const judged = await repos.stfc.billingFacts(input.competence, contractIds);
      const unknown = contractIds.filter((id) => !judged.has(id));
      if (unknown.length > 0) {
        return fail('VALIDATION_FAILED', `${unknown.length} of the contracts do not exist.`, [
          {
            field: 'contractIds',
            message: `Unknown: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? '…' : ''}.`,
          },
        ]);
      }
      const now = clock.now();
      const batch: BillingBatch = {
        id: ids.next(),
        competence: input.competence,
        total: contractIds.length,
        actor: input.actor,
        createdAt: now,
        finishedAt: null,
      };
      const items: BillingItem[] = [];
      const effects = [];
      for (const contractId of contractIds) {
        const { facts, integrationId } = judged.get(contractId)!;
        const broken = brokenRules(facts, input.competence);
        const skip =
          broken.length > 0 ? `Not billable for ${input.competence}; rules not met: ${broken.join(', ')}.` : null;
        const item: BillingItem = {
          id: ids.next(),
          batchId: batch.id,
          contractId,
          competence: input.competence,
          state: skip ? 'skipped' : 'pending',
          message: skip,
          chargeId: null,
          callsImported: 0,
          attempts: 0,
          createdAt: now,
          updatedAt: now,
        };
        items.push(item);
        // A billable contract has a live service, so an integration.
        if (!skip) effects.push({ id: ids.next(), cause: batch.id, effect: billingItemEffect(item, integrationId!) });
      }
      await repos.stfc.createBatch(effects.length === 0 ? { ...batch, finishedAt: now } : batch, items);
      await repos.outbox.enqueue(effects, now);
      return ok({
        detail: {
          ...batch,
          finishedAt: effects.length === 0 ? now : null,
          progress: progressOf(items.map((i) => i.state)),
          items,
        },
        queued: effects.length,
      });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok(result.value.detail);
  };
}

export function makeListBillingBatches({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<BatchView>>> => {
    const enabled = await stfcModuleEnabled(store);
    if (!enabled.ok) return enabled;
    return ok(await store.stfc.listBatches(page));
  };
}

export function makeGetBillingBatch({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<BatchDetail>> => {
    const enabled = await stfcModuleEnabled(store);
    if (!enabled.ok) return enabled;
    const batch = await store.stfc.findBatch(id);
    if (!batch) return fail('BILLING_BATCH_NOT_FOUND', 'Billing batch not found.');
    const items = await store.stfc.itemsOfBatch(id);
    return ok({ ...batch, progress: progressOf(items.map((i) => i.state)), items });
  };
}

export function makeListCallRecords({ store }: UseCaseDeps) {
  return async (
    contractId: string,
    competence: string | undefined,
    page: PageRequest,
  ): Promise<Result<Page<CallRecord>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.stfc.listCallRecords(contractId, competence, page));
  };
}

/**
 * Items whose month Summit had not closed are asked again once they have waited
 * AWAITING_SUMMIT_RETRY_MS: each becomes pending with a new delivery (under this run's cause), until
 * Summit closes the month. Answers how many were sent again.
 */
export function makeRetryAwaitingSummit({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (): Promise<number> => {
    const sent = await store.transaction(async (repos) => {
      const now = clock.now();
      const items = await repos.stfc.reopenAwaitingSummit(new Date(now.getTime() - AWAITING_SUMMIT_RETRY_MS), now);
      const cause = `summit-month:${ids.next()}`;
      await repos.outbox.enqueue(
        items.map((item) => ({ id: ids.next(), cause, effect: billingItemEffect(item, item.integrationId) })),
        now,
      );
      return items.length;
    });
    if (sent > 0) effectsQueued();
    return sent;
  };
}

/**
 * One contract of a batch, on Summit then here: the month's billing (a month Summit has not closed
 * is not an error: the item awaits Summit and is asked again later), its calls page by page (each call once, by
 * Summit's id, so a resumed or repeated import adds nothing twice), then, under the contract's
 * lock, the charge and the item done together — unless the contract was billed for the
 * competence meanwhile. Summit's refusals fail the item; other failures are retried.
 */
export function createBillingEffectHandler(deps: {
  store: Store;
  ids: IdGenerator;
  summitFor: (integration: StfcIntegrationRecord) => SummitPlatform;
  now: () => Date;
}): EffectHandler {
  const { store } = deps;
  async function bill(summit: SummitPlatform, { itemId, batchId, contractId, competence }: BillingEffect['item']) {
    const billing = await summit.getBilling(contractId, competence);
    if (!billing.closed) {
      const message = `Summit has not closed ${competence} yet: asked again every ${AWAITING_SUMMIT_RETRY_MS / 60_000} minutes until it has.`;
      await store.stfc.settleItem(
        itemId,
        { state: 'awaiting_summit', message, chargeId: null, callsImported: 0 },
        deps.now(),
      );
      return;
    }
    for await (const page of summit.callRecords(contractId, competence)) {
      const importedAt = deps.now();
      await store.stfc.importCalls(
        page.map((call): CallRecord => ({ ...call, id: deps.ids.next(), contractId, competence, batchId, importedAt })),
      );
    }
    await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      const item = await repos.stfc.lockItem(itemId);
      if (!contract || item?.state !== 'pending') return;
      const now = deps.now();
      const callsImported = await repos.stfc.countCalls(contractId, competence);
      if (await repos.stfc.alreadyBilled(contractId, competence)) {
        await repos.stfc.settleItem(
          itemId,
          {
            state: 'skipped',
            message: `The contract is already billed for ${competence}.`,
            chargeId: null,
            callsImported,
          },
          now,
        );
        return;
      }
      if (billing.totalCents <= 0) {
        await repos.stfc.settleItem(
          itemId,
          {
            state: 'done',
            message: `Nothing to charge: Summit's ${competence} is empty.`,
            chargeId: null,
            callsImported,
          },
          now,
        );
        return;
      }
      // The same charge, and the same notice to the customer, as a charge made by hand.
      const { charge } = await openChargeIn(
        repos,
        deps,
        {
          id: deps.ids.next(),
          contractId,
          amountCents: billing.totalCents,
          dueDate: dueDateOf(competence, contract.billingDay ?? 10),
          competence,
          description: `Telefonia fixa (STFC) ${competence}`,
        },
        now,
      );
      await repos.stfc.settleItem(itemId, { state: 'done', message: null, chargeId: charge.id, callsImported }, now);
    });
  }

  return {
    kind: 'stfc_billing',
    async apply(delivery: ClaimedDelivery) {
      const { item } = delivery.payload as BillingEffect;
      // Processed already (a repeat after a lost outcome): nothing to ask Summit again.
      if ((await store.stfc.findItem(item.itemId))?.state !== 'pending') return;
      const integration = delivery.integrationId ? await store.stfc.findIntegration(delivery.integrationId) : null;
      if (!integration) {
        await store.stfc.settleItem(
          item.itemId,
          { state: 'failed', message: 'The Summit integration no longer exists.', chargeId: null, callsImported: 0 },
          deps.now(),
        );
        return;
      }
      try {
        await bill(deps.summitFor(integration), item);
      } catch (error) {
        // A refusal will not change by retrying: the item says why; other failures are retried.
        if (!(error instanceof PartnerError) || error.kind !== 'rejected') throw error;
        await store.stfc.settleItem(
          item.itemId,
          {
            state: 'failed',
            message: error.message,
            chargeId: null,
            callsImported: await store.stfc.countCalls(item.contractId, item.competence),
          },
          deps.now(),
        );
      }
    },
    async credentialsRefused(delivery, message, now) {
      if (delivery.integrationId) await store.stfc.recordAuthError(delivery.integrationId, message, now);
    },
  };
}
