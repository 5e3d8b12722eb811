import type { Page, PageRequest } from '../ports/page';
import type { DeliveryStatus } from '../deliveries/delivery';
import type { WebhookEndpointRecord } from './endpoint';
import type { EventType, NewEvent, StoredEvent } from './events';

export interface EventFilter {
  readonly types?: readonly EventType[];
  readonly resourceId?: string;
  readonly contractId?: string;
  /** Events before this are past their keeping and not listed. */
  readonly since: Date;
}

/** The events Ponte keeps, and the deliveries that carry them to webhook endpoints. */
export interface EventRepository {
  /**
   * Stores events in the caller's transaction, in the order given. Answers how many deliveries
   * they will make (to the enabled endpoints that want them): fanOut queues them.
   */
  record(events: readonly NewEvent[]): Promise<number>;
  /**
   * Queues the deliveries of up to `limit` events not fanned out yet, oldest first, to every
   * enabled endpoint that wants each. Null when another process is at it.
   */
  fanOut(limit: number): Promise<{ readonly events: number; readonly deliveries: number } | null>;
  findById(id: string): Promise<StoredEvent | null>;
  /** Oldest first: a reader keeps the last cursor and asks again for what came since. */
  list(filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>>;
  /**
   * Queues every kept event of a time window that the endpoint wants (and of `types`, when given)
   * for it again, oldest first, as new deliveries under the same event ids. Answers how many.
   */
  replay(
    endpoint: WebhookEndpointRecord,
    window: { readonly from: Date; readonly to: Date; readonly types: readonly EventType[] | null },
    replayId: string,
    now: Date,
  ): Promise<number>;
  /** Forgets up to `limit` events older than `before`, and delivery attempts as old; answers how many events. */
  forgetBefore(before: Date, limit: number): Promise<number>;
}

/** One try at delivering an event, as the endpoint's delivery log shows it. */
export interface WebhookAttempt {
  readonly id: string;
  readonly endpointId: string;
  readonly deliveryId: string;
  readonly eventId: string;
  readonly attempt: number;
  readonly at: Date;
  /** The endpoint's HTTP status; null when none came (refused connection, timeout). */
  readonly statusCode: number | null;
  readonly durationMs: number;
  /** The first bytes of the endpoint's answer. */
  readonly responseHead: string | null;
  /** Why it failed, when it did. */
  readonly error: string | null;
  readonly succeeded: boolean;
}

/** An event's delivery to one endpoint, with every attempt. */
export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly nextAttemptAt: Date | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly attempts: readonly WebhookAttempt[];
}

export interface EndpointChanges {
  readonly url?: string;
  readonly description?: string | null;
  readonly allEvents?: boolean;
  readonly eventTypes?: readonly EventType[];
  readonly enabled?: boolean;
}

export interface WebhookEndpointRepository {
  create(endpoint: WebhookEndpointRecord): Promise<WebhookEndpointRecord>;
  findById(id: string): Promise<WebhookEndpointRecord | null>;
  /** Reads and locks it for the caller's transaction. */
  lockById(id: string): Promise<WebhookEndpointRecord | null>;
  list(page: PageRequest): Promise<Page<WebhookEndpointRecord>>;
  /** Re-enabling clears its failing streak and why it was disabled. */
  update(id: string, changes: EndpointChanges, now: Date): Promise<WebhookEndpointRecord>;
  /** A new secret in force; the one it replaces signs too until `previousUntil`. */
  rotateSecret(id: string, sealed: string, previousUntil: Date, now: Date): Promise<WebhookEndpointRecord>;
  /** Its pending deliveries are left to fail (the endpoint is gone); its attempts go with it. */
  delete(id: string): Promise<boolean>;
  /**
   * Keeps an attempt, and what it changes on the endpoint (its failing streak; disabled and why,
   * which ends its deliveries still waiting). Answers whether this attempt disabled it.
   */
  recordAttempt(
    attempt: WebhookAttempt,
    endpoint: { readonly failingSince: Date | null; readonly disable: string | null },
  ): Promise<boolean>;
  /** Oldest first. */
  deliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
  findDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery | null>;
  /** Endpoints by health: enabled and answering, enabled but failing, disabled. */
  health(): Promise<Readonly<Record<'healthy' | 'failing' | 'disabled', number>>>;
}

/** One webhook message to send: stamped with the time it leaves and signed with every secret given (Standard Webhooks). */
export interface WebhookRequest {
  readonly url: string;
  /** The event's id: the same on every attempt, so a receiver can tell a repeat. */
  readonly id: string;
  readonly body: string;
  /** `whsec_…` secrets: each adds a signature. */
  readonly secrets: readonly string[];
}

/** What the endpoint answered. */
export interface WebhookAnswer {
  readonly status: number;
  /** From Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** The first bytes of its body. */
  readonly head: string;
}

/**
 * Sends webhook messages over HTTP. A failure to reach the endpoint (refused, reset, timed out)
 * throws a retryable PartnerError; an address partner calls may not go to, an auth one. Any
 * status comes back; a redirect is not followed.
 */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookAnswer>;
}
