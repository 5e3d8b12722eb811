import { createPartnerAgent } from '../../adapters/partners/partner-http';
import { createWebhookSender, WEBHOOK_TIMEOUT_MS } from '../../adapters/webhooks/sender';
import { EVENT_RETENTION_MS } from '../../domain/webhooks/events';
import { WEBHOOKS_EXAMPLES } from '../http/webhooks/examples';
import { webhooksRoutes } from '../http/webhooks/routes';
import { webhooksUseCases } from '../use-cases/webhooks';
import { createWebhookEffectHandler } from '../use-cases/webhooks/effects';
import { defineArea } from './area';

/** How many events one fan-out statement turns into deliveries. */
const FAN_OUT_BATCH = 1_000;

/** How often events past their 30 days are forgotten, and how many at a time. */
const FORGET_EVERY_MS = 10 * 60_000;
const FORGET_BATCH = 5_000;

/** Telling frontends (docs/webhooks.md): the events Ponte keeps, and the endpoints it signs and sends them to. */
export const webhooksArea = defineArea({
  name: 'webhooks',
  useCases: webhooksUseCases,
  tags: [
    {
      name: 'Webhooks',
      description:
        'Endpoints that receive Ponte’s events, signed per the Standard Webhooks specification, in order per contract and retried for about three days; their delivery log, retries and replays.',
    },
    { name: 'Events', description: 'What changed in Ponte, kept 30 days: the same payloads webhooks carry.' },
  ],
  examples: WEBHOOKS_EXAMPLES,
  partners: ({ config, http }) => {
    // The partners' guard on addresses (docs/security.md), with the specification's 15 s to answer.
    const timeouts = { connectMs: http.timeouts.connectMs, responseMs: WEBHOOK_TIMEOUT_MS };
    return {
      webhookSender: createWebhookSender({
        agent: createPartnerAgent(timeouts, config.partnerAddresses),
        timeouts,
        addresses: config.partnerAddresses,
      }),
    };
  },
  routes: (http, { useCases }) => webhooksRoutes(http, useCases),
  gauges: ({ store }) => [
    {
      name: 'ponte_webhook_endpoints',
      help: 'Webhook endpoints by health: healthy (enabled, answering), failing (enabled, every attempt failing since failingSince), disabled.',
      labelNames: ['state'],
      async read() {
        const health = await store.webhookEndpoints.health();
        return (['healthy', 'failing', 'disabled'] as const).map((state) => ({
          labels: { state },
          value: health[state],
        }));
      },
    },
  ],
  effectHandlers: ({ deps }) => [createWebhookEffectHandler(deps)],
  // Events are written with their changes; their deliveries are queued here, by any dispatcher.
  deliveryFeed:
    ({ store }) =>
    async () => {
      let queued = 0;
      for (;;) {
        const fanned = await store.events.fanOut(FAN_OUT_BATCH);
        if (fanned === null) return queued;
        queued += fanned.deliveries;
        if (fanned.events < FAN_OUT_BATCH) return queued;
      }
    },
  background: (deps, log) => {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    const forget = async () => {
      const before = new Date(deps.clock.now().getTime() - EVENT_RETENTION_MS);
      let forgotten = 0;
      for (let n = FORGET_BATCH; n === FORGET_BATCH; forgotten += n)
        n = await deps.store.events.forgetBefore(before, FORGET_BATCH);
      if (forgotten > 0) log.info({ events: forgotten }, 'forgot events past their 30 days');
    };
    return {
      name: 'event-retention',
      start() {
        timer = setInterval(() => {
          running = forget().catch((error: unknown) => log.warn({ err: error }, 'could not forget old events'));
        }, FORGET_EVERY_MS);
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        timer = null;
        await running;
      },
    };
  },
});
