import { http, HttpResponse, type HttpHandler } from 'msw';
import { Webhook } from 'standardwebhooks';

/*
 * A frontend's webhook endpoint, to try Ponte's webhooks without one (docs/sandbox.md): each
 * receiver, by its name under /sandbox/webhooks/, keeps what it received and checks each message
 * with the Standard Webhooks library (not Ponte's code) once told the endpoint's secret. It can be
 * told to fail: answer 500 or 410, a share of the time, or slowly.
 */

/** What a receiver does with what comes. */
export interface ReceiverSettings {
  /** `whsec_…`: what it verifies signatures with; null: it keeps messages unverified. */
  readonly secret: string | null;
  /** The status it answers instead of 204 (500, 410…); null: 204. */
  readonly failWith: number | null;
  /** The share of messages it fails (0 to 1) when failWith is set. */
  readonly failRate: number;
  /** How long it takes to answer. */
  readonly delayMs: number;
}

export interface ReceivedMessage {
  readonly receivedAt: string;
  readonly id: string | null;
  readonly timestamp: string | null;
  readonly signature: string | null;
  /** true: a signature matched the secret; false: none did (or the timestamp is off); null: no secret to check with. */
  readonly verified: boolean | null;
  readonly verifyError: string | null;
  readonly answered: number;
  readonly body: unknown;
}

const DEFAULTS: ReceiverSettings = { secret: null, failWith: null, failRate: 1, delayMs: 0 };
/** A receiver keeps this many messages, the newest. */
const KEPT = 1_000;
const MAX_DELAY_MS = 60_000;
const NAME = /^[a-z0-9-]{1,40}$/;

function readSettings(body: unknown, current: ReceiverSettings): ReceiverSettings | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'A JSON object is expected.';
  const b = body as Record<string, unknown>;
  const next = { ...current };
  if ('secret' in b) {
    const secret = b.secret;
    if (secret !== null && (typeof secret !== 'string' || !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)))
      return 'secret: a whsec_… secret, or null.';
    next.secret = secret;
  }
  if ('failWith' in b) {
    if (
      b.failWith !== null &&
      (!Number.isInteger(b.failWith) || (b.failWith as number) < 300 || (b.failWith as number) > 599)
    )
      return 'failWith: a status from 300 to 599, or null.';
    next.failWith = b.failWith as number | null;
  }
  if ('failRate' in b) {
    if (typeof b.failRate !== 'number' || b.failRate < 0 || b.failRate > 1) return 'failRate: from 0 to 1.';
    next.failRate = b.failRate;
  }
  if ('delayMs' in b) {
    if (!Number.isInteger(b.delayMs) || (b.delayMs as number) < 0 || (b.delayMs as number) > MAX_DELAY_MS)
      return `delayMs: a whole number of milliseconds up to ${MAX_DELAY_MS}.`;
    next.delayMs = b.delayMs as number;
  }
  return next;
}

export class WebhookReceivers {
  private readonly receivers = new Map<string, { settings: ReceiverSettings; received: ReceivedMessage[] }>();

  constructor(private readonly random: () => number = Math.random) {}

  private of(name: string) {
    let receiver = this.receivers.get(name);
    if (!receiver) {
      receiver = { settings: DEFAULTS, received: [] };
      this.receivers.set(name, receiver);
    }
    return receiver;
  }

  received(name: string): readonly ReceivedMessage[] {
    return this.receivers.get(name)?.received ?? [];
  }

  settings(name: string): ReceiverSettings {
    return this.receivers.get(name)?.settings ?? DEFAULTS;
  }

  configure(name: string, settings: Partial<ReceiverSettings>) {
    this.of(name).settings = { ...this.of(name).settings, ...settings };
  }

  private async receive(name: string, request: Request): Promise<Response> {
    const receiver = this.of(name);
    const { settings } = receiver;
    const text = await request.text();
    const headers = {
      'webhook-id': request.headers.get('webhook-id') ?? '',
      'webhook-timestamp': request.headers.get('webhook-timestamp') ?? '',
      'webhook-signature': request.headers.get('webhook-signature') ?? '',
    };
    let verified: boolean | null = null;
    let verifyError: string | null = null;
    if (settings.secret) {
      try {
        new Webhook(settings.secret).verify(text, headers);
        verified = true;
      } catch (error) {
        verified = false;
        verifyError = (error as Error).message;
      }
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as the text it is.
    }
    const answered = settings.failWith !== null && this.random() < settings.failRate ? settings.failWith : 204;
    receiver.received.push({
      receivedAt: new Date().toISOString(),
      id: headers['webhook-id'] || null,
      timestamp: headers['webhook-timestamp'] || null,
      signature: headers['webhook-signature'] || null,
      verified,
      verifyError,
      answered,
      body,
    });
    if (receiver.received.length > KEPT) receiver.received.splice(0, receiver.received.length - KEPT);
    if (settings.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
    return answered === 204
      ? new HttpResponse(null, { status: 204 })
      : HttpResponse.json({ message: `The sandbox receiver was told to answer ${answered}.` }, { status: answered });
  }

  /**
   * `POST <base>/<name>`: receives a message. `GET <base>/<name>/_sandbox/received`: what came,
   * oldest first. `PUT <base>/<name>/_sandbox/settings`: its secret, failures and delay.
   * `DELETE <base>/<name>/_sandbox/received`: forgets what came.
   */
  handlers(base: string): HttpHandler[] {
    const named = (params: Record<string, unknown>) => {
      const name = String(params.name);
      return NAME.test(name) ? name : null;
    };
    const unnamed = () =>
      HttpResponse.json({ message: 'A receiver is named by 1 to 40 of a-z, 0-9 and -.' }, { status: 404 });
    return [
      http.get(`${base}/:name/_sandbox/received`, ({ params }) => {
        const name = named(params);
        return name ? HttpResponse.json({ settings: this.view(name), received: this.received(name) }) : unnamed();
      }),
      http.delete(`${base}/:name/_sandbox/received`, ({ params }) => {
        const name = named(params);
        if (!name) return unnamed();
        this.of(name).received = [];
        return new HttpResponse(null, { status: 204 });
      }),
      http.put(`${base}/:name/_sandbox/settings`, async ({ params, request }) => {
        const name = named(params);
        if (!name) return unnamed();
        const settings = readSettings(await request.json().catch(() => null), this.settings(name));
        if (typeof settings === 'string') return HttpResponse.json({ message: settings }, { status: 400 });
        this.of(name).settings = settings;
        return HttpResponse.json(this.view(name));
      }),
      http.post(`${base}/:name`, ({ params, request }) => {
        const name = named(params);
        return name ? this.receive(name, request) : unnamed();
      }),
    ];
  }

  /** The settings as shown: whether a secret is set, never the secret. */
  private view(name: string) {
    const { secret, ...rest } = this.settings(name);
    return { ...rest, secretSet: secret !== null };
  }
}
