import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import { PartnerError } from '../../../domain/ports/partner';
import { afterAttempt, sealedSecretsAt, type AttemptVerdict } from '../../../domain/webhooks/endpoint';
import { messageOf } from '../../../domain/webhooks/events';
import { endpointDisabledData } from '../../../domain/webhooks/payloads';
import type { WebhookAnswer } from '../../../domain/webhooks/ports';
import type { UseCaseDeps } from '../deps';
import { recordEvents } from './emit';

/** Statuses that mean the endpoint is busy: the integration (the endpoint) waits as the partner limits say. */
const THROTTLING = new Set([429, 502, 503, 504]);

/**
 * Delivers an event to one endpoint (docs/webhooks.md): the Standard Webhooks message, signed
 * with the endpoint's secrets in force, POSTed with a 15 s budget. Every attempt is kept with
 * what the endpoint answered. 2xx is done; 410 Gone disables the endpoint; 429, 502, 503 and 504
 * honour Retry-After; anything else is tried again on the specification's schedule.
 */
export function createWebhookEffectHandler(deps: UseCaseDeps): EffectHandler {
  const { store, clock, ids, secrets, webhookSender } = deps;

  async function keep(
    claim: ClaimedDelivery,
    eventId: string,
    verdict: AttemptVerdict,
    tried: { at: Date; durationMs: number; answer: WebhookAnswer | null; error: string | null },
  ) {
    const queued = await store.transaction(async (repos) => {
      const endpoint = await repos.webhookEndpoints.lockById(claim.integrationId!);
      if (!endpoint) return 0;
      const change = afterAttempt(endpoint, verdict, tried.at);
      const disabled = await repos.webhookEndpoints.recordAttempt(
        {
          id: ids.next(),
          endpointId: endpoint.id,
          deliveryId: claim.id,
          eventId,
          attempt: claim.attempts,
          at: tried.at,
          statusCode: tried.answer?.status ?? null,
          durationMs: tried.durationMs,
          responseHead: tried.answer?.head ?? null,
          error: tried.error,
          succeeded: verdict === 'succeeded',
        },
        change,
      );
      if (!disabled) return 0;
      return recordEvents(
        repos,
        deps,
        [
          {
            type: 'webhook_endpoint.disabled',
            resourceId: endpoint.id,
            data: endpointDisabledData(endpoint.id, change.disable!),
          },
        ],
        tried.at,
      );
    });
    if (queued > 0) deps.effectsQueued();
  }

  return {
    kind: 'webhook',
    retrySchedule: deps.webhookRetryScheduleMs,
    async apply(claim) {
      const { eventId } = claim.payload as { eventId: string };
      const endpoint = claim.integrationId ? await store.webhookEndpoints.findById(claim.integrationId) : null;
      if (!endpoint) throw new PartnerError('rejected', 'The webhook endpoint no longer exists.');
      if (!endpoint.enabled) throw new PartnerError('rejected', 'The webhook endpoint is disabled.');
      const event = await store.events.findById(eventId);
      if (!event) throw new PartnerError('rejected', 'The event is no longer kept (30 days).');
      const at = clock.now();
      const body = JSON.stringify(messageOf(event, endpoint.seesPersonalData));
      const started = performance.now();
      let answer: WebhookAnswer;
      try {
        answer = await webhookSender.send({
          url: endpoint.url,
          id: event.id,
          body,
          secrets: sealedSecretsAt(endpoint, at).map((sealed) => secrets.open(sealed)),
        });
      } catch (error) {
        if (!(error instanceof PartnerError)) throw error;
        const durationMs = Math.round(performance.now() - started);
        await keep(claim, eventId, 'failed', { at, durationMs, answer: null, error: error.message });
        throw error;
      }
      const durationMs = Math.round(performance.now() - started);
      const { status } = answer;
      const verdict: AttemptVerdict = status >= 200 && status < 300 ? 'succeeded' : status === 410 ? 'gone' : 'failed';
      const error = verdict === 'succeeded' ? null : `The endpoint answered ${status}.`;
      await keep(claim, eventId, verdict, { at, durationMs, answer, error });
      if (verdict === 'succeeded') return;
      if (verdict === 'gone') throw new PartnerError('rejected', 'The endpoint answered 410 Gone: it is disabled.');
      throw new PartnerError(
        'retryable',
        `The endpoint answered ${status}.`,
        answer.retryAfterMs,
        // Busy: the endpoint's other deliveries wait too, until its Retry-After.
        THROTTLING.has(status) && answer.retryAfterMs !== undefined,
      );
    },
  };
}
