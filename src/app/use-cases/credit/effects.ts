import type { NegativationEffect } from '../../../domain/credit/credit';
import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import { PartnerError } from '../../../domain/ports/partner';
import type { UseCaseDeps } from '../deps';
import { settleNegativation } from './negativations';

/**
 * Negativations at their bureau. Registering: the bureau's id of the debt is kept; a bureau that
 * answers at once (SPC) registers it now, Serasa later by webhook. A bureau's business refusal
 * (bad check digit, debtor under 18) fails the negativation, and its contract goes back to
 * cancelled, before the delivery shows the refusal. Removing: a debt that never reached the
 * bureau has nothing to remove. The integration is read at each call, so new credentials apply at once.
 */
export function createNegativationEffectHandler(deps: UseCaseDeps): EffectHandler {
  const { store, clock, effectsQueued } = deps;
  return {
    kind: 'negativation',
    async apply(delivery: ClaimedDelivery) {
      const integration = delivery.integrationId ? await store.credit.findIntegration(delivery.integrationId) : null;
      if (!integration) throw new PartnerError('rejected', 'The credit-analysis integration no longer exists.');
      const bureau = deps.creditBureauFor(integration);
      if (!bureau)
        throw new PartnerError('rejected', `Ponte does not speak to ${integration.bureau} for negativations.`);
      const effect = delivery.payload as NegativationEffect;
      const negativation = await store.credit.findNegativation(effect.negativationId);
      if (!negativation) throw new PartnerError('rejected', 'The negativation no longer exists.');
      const settle = (
        news: { state: 'pending' | 'registered' | 'failed' | 'removed'; message: string | null },
        requestId?: string,
      ) =>
        store.transaction(async (repos) => {
          const current = (await repos.credit.lockNegativation(negativation.id))!;
          const kept =
            requestId === undefined
              ? current
              : await repos.credit.updateNegativation(current.id, { requestId }, clock.now());
          const { queued } = await settleNegativation(repos, deps, kept, news);
          if (queued > 0) effectsQueued();
        });
      switch (effect.action) {
        case 'register_debt': {
          // At the bureau already (a repeated delivery), removed before its turn came, or refused: nothing to send.
          if (negativation.state !== 'pending' || negativation.requestId !== null) return;
          let answer: Awaited<ReturnType<typeof bureau.registerDebt>>;
          try {
            answer = await bureau.registerDebt(effect.debt);
          } catch (error) {
            if (error instanceof PartnerError && error.kind === 'rejected')
              await settle({ state: 'failed', message: error.message });
            throw error;
          }
          await settle({ state: answer.state, message: null }, answer.requestId);
          return;
        }
        case 'remove_debt': {
          if (negativation.requestId === null) return;
          await bureau.removeDebt(negativation.requestId);
          await settle({ state: 'removed', message: null });
          return;
        }
      }
    },
    async credentialsRefused(delivery, message, now) {
      if (delivery.integrationId) await store.credit.recordAuthError(delivery.integrationId, message, now);
    },
  };
}
