import { createHmac } from 'node:crypto';
import { partnerFetch, retryAfterMs, type PartnerHttp } from '../partners/partner-http';
import type { WebhookRequest, WebhookSender } from '../../domain/webhooks/ports';

/** How long an endpoint has to answer (the specification recommends 15 to 30 s). */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** How much of an answer the delivery log keeps. */
const HEAD_CHARS = 500;

const SECRET_PREFIX = 'whsec_';

/**
 * The Standard Webhooks symmetric signature: `v1,` and the base64 HMAC-SHA256, under the secret's
 * bytes (base64 after `whsec_`), of `id.timestamp.body`.
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Sends each message as one POST through the partners' guarded agent (docs/security.md). */
export function createWebhookSender(http: PartnerHttp): WebhookSender {
  return {
    async send({ url, id, body, secrets }: WebhookRequest) {
      // The time it leaves, which receivers hold against their own clock to refuse a replayed message.
      const seconds = Math.floor(Date.now() / 1000);
      const response = await partnerFetch(http, {
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Ponte-Webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(seconds),
          // Space-delimited: during a rotation, the new secret's and the old one's.
          'webhook-signature': secrets.map((secret) => signature(secret, id, seconds, body)).join(' '),
        },
        body,
        redirectsAnswered: true,
      });
      return {
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        head: response.text.replace(/\u0000/g, '').slice(0, HEAD_CHARS),
      };
    },
  };
}
