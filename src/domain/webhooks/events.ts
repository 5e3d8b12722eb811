import { maskedCall, maskedCustomer, type CallData, type CustomerData } from './payloads';

/*
 * What Ponte tells frontends (docs/webhooks.md): each change worth knowing is an event, written in
 * the same transaction as the change, kept 30 days, and sent to every webhook endpoint that wants
 * its type. A type always has the same payload shape (its OpenAPI schema).
 */

/** Each event type, the kind of resource it is about, and what it announces. */
export const EVENT_TYPES = {
  'customer.created': { resource: 'customer', description: 'A customer was registered.' },
  'customer.updated': { resource: 'customer', description: "A customer's record changed (name, contacts, address)." },
  'contract.created': { resource: 'contract', description: 'A contract was created (status pre_contract).' },
  'contract.updated': {
    resource: 'contract',
    description: "A contract's details changed: description, billing day or validity, or its approval.",
  },
  'contract.status_changed': {
    resource: 'contract',
    description:
      'A contract event (activate, block, unblock, cancel, negativate…) moved its status or access status; says which event, who asked and the states before and after.',
  },
  'billing_batch.finished': {
    resource: 'billing_batch',
    description:
      'An STFC billing batch has no item left pending or awaiting Summit: how many were done, failed or skipped.',
  },
  'charge.created': {
    resource: 'charge',
    description: 'A charge was opened on a contract (by hand or by STFC billing).',
  },
  'charge.paid': {
    resource: 'charge',
    description: 'A charge was settled: its payments add up to its amount (a contract blocked for it may be released).',
  },
  'charge.overdue': {
    resource: 'charge',
    description:
      'The overdue policy’s run found a charge overdue for the first time (open past its due date): what is still due.',
  },
  'overdue_run.finished': {
    resource: 'overdue_run',
    description: 'A run of the overdue policy ended: how many contracts it reported late, blocked and cancelled.',
  },
  'credit_consultation.completed': {
    resource: 'credit_consultation',
    description:
      'A credit consult was answered by its bureau: which, when, for what and by whom (what it found is read with GET /v1/credit-consultations/{id}, under the credit scope).',
  },
  'negativation.created': {
    resource: 'negativation',
    description: "A contract's overdue charge was sent to a credit bureau to be negativated (state pending).",
  },
  'negativation.registered': { resource: 'negativation', description: 'The bureau registered the debt.' },
  'negativation.failed': {
    resource: 'negativation',
    description: 'The bureau refused the debt (its message says why); the contract is back to cancelled.',
  },
  'negativation.removed': {
    resource: 'negativation',
    description: 'The negativation was taken off (payment, or a mistake); the removal goes to the bureau.',
  },
  'negativation.removal_confirmed': { resource: 'negativation', description: 'The bureau confirmed the removal.' },
  'notification.failed': {
    resource: 'notification',
    description:
      'Opa! Suite refused a customer notification for good (a template or a phone it does not take): its words.',
  },
  'sva_user.created': {
    resource: 'sva_user',
    description: 'An SVA user (Saber+, EXA) was made for a contract: by hand, or automatically on activation.',
  },
  'sva_user.status_changed': {
    resource: 'sva_user',
    description:
      "An SVA user's status moved (active, blocked, deactivated): by its contract's event, or by an operator on the user.",
  },
  'sva_user.failed': {
    resource: 'sva_user',
    description: "A call to an SVA user's platform gave up: the user is out of step until an operator retries it.",
  },
  'line.status_changed': {
    resource: 'line',
    description: "A phone line's status moved with its contract: a SIP line (`kind: sip`) or a TeleCall line (`mvno`).",
  },
  'delivery.dead': {
    resource: 'delivery',
    description:
      'A call to a partner platform gave up after its last try: an integration error an operator must look at (POST /v1/integration-deliveries/{id}/retry).',
  },
  'call.started': {
    resource: 'call',
    description: "A PBX call began (ringing): inbound or outbound, its numbers, the agent's extension.",
  },
  'call.answered': { resource: 'call', description: 'A PBX call was answered.' },
  'call.ended': { resource: 'call', description: 'A PBX call ended: its duration, or that it went unanswered.' },
  'reconciliation.drift_found': {
    resource: 'reconciliation',
    description:
      'A reconciliation run (a nightly plan, or one asked for) found partner platforms differing from Ponte: its counts by kind; the findings are at GET /v1/reconciliations/{id}/findings.',
  },
  'webhook_endpoint.disabled': {
    resource: 'webhook_endpoint',
    description:
      'A webhook endpoint was disabled: it answered 410 Gone, or every delivery to it failed for five days. Sent to the other endpoints.',
  },
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type NegativationEventType = Extract<EventType, `negativation.${string}`>;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
export type ResourceKind = (typeof EVENT_TYPES)[EventType]['resource'];

/** An event as it is written with its change. */
export interface NewEvent {
  readonly id: string;
  readonly type: EventType;
  readonly resourceId: string;
  /** The contract it concerns, when it concerns one: events of one contract reach an endpoint in order. */
  readonly contractId: string | null;
  readonly occurredAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface StoredEvent extends NewEvent {
  readonly resourceKind: string;
}

/** How long events are kept and can be listed or replayed. */
export const EVENT_RETENTION_DAYS = 30;
export const EVENT_RETENTION_MS = EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000;

export const resourceKindOf = (type: EventType): ResourceKind => EVENT_TYPES[type].resource;

/** What an endpoint receives: the Standard Webhooks payload shape (`type`, `timestamp`, `data`), with the event's id. */
export interface WebhookMessage {
  readonly id: string;
  readonly type: EventType;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The message of an event for a reader that may or may not see customers' personal data: the
 * `customer` of a payload, and a call's phone numbers, come masked to one that may not, as the API
 * masks them (docs/security.md).
 */
export function messageOf(event: StoredEvent, seesPersonalData: boolean): WebhookMessage {
  const { customer, call } = event.data as { customer?: CustomerData; call?: CallData };
  const data = seesPersonalData
    ? event.data
    : {
        ...event.data,
        ...(customer ? { customer: maskedCustomer(customer) } : {}),
        ...(call ? { call: maskedCall(call) } : {}),
      };
  return { id: event.id, type: event.type, timestamp: event.occurredAt.toISOString(), data };
}
