import { Type, type TSchema } from 'typebox';
import { CONTRACT_EVENT_TYPES, EVENT_MODES } from '../../../domain/contracts/contract';
import { DELIVERY_STATUSES } from '../../../domain/deliveries/delivery';
import type { WebhookEndpointRecord } from '../../../domain/webhooks/endpoint';
import { EVENT_TYPE_NAMES, EVENT_TYPES, type WebhookMessage } from '../../../domain/webhooks/events';
import type { WebhookAttempt, WebhookDelivery } from '../../../domain/webhooks/ports';
import type { EndpointWithSecret } from '../../use-cases/webhooks/endpoints';
import { FreeText, Id, Nullable, PageQuery, RequestTimestamp, StringEnum, Timestamp } from '../common';

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

export const EventTypeSchema = StringEnum(EVENT_TYPE_NAMES, {
  description: 'An event type (docs/webhooks.md lists what each announces).',
});

const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 500,
  description:
    'Where Ponte POSTs the events: https, and not an internal address (loopback, private, link-local, metadata), outside embedded and sandbox mode. Redirects are not followed.',
});
const EventTypes = Type.Array(EventTypeSchema, {
  minItems: 1,
  maxItems: EVENT_TYPE_NAMES.length,
  description: 'The event types it receives; left out (or null), every type, present and future.',
});

export const CreateWebhookEndpointBody = Type.Object(
  {
    url: Url,
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    eventTypes: Type.Optional(Nullable(EventTypes)),
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { title: 'CreateWebhookEndpointRequest', additionalProperties: false },
);

export const UpdateWebhookEndpointBody = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    eventTypes: Type.Optional(Nullable(EventTypes)),
    enabled: Type.Optional(
      Type.Boolean({
        description:
          'false ends its deliveries still waiting; true clears why it was disabled and its failing streak (replay the window it missed).',
      }),
    ),
  },
  { title: 'UpdateWebhookEndpointRequest', additionalProperties: false, minProperties: 1 },
);

const endpointProperties = {
  id: Id,
  url: Type.String(),
  description: Nullable(Type.String()),
  eventTypes: Nullable(Type.Array(EventTypeSchema, { description: 'Null: every event type.' })),
  enabled: Type.Boolean(),
  disabledReason: Nullable(
    Type.String({ description: 'Why it is disabled: an operator, a 410 Gone, or five days of failures.' }),
  ),
  disabledAt: Nullable(Timestamp),
  failingSince: Nullable(
    Type.String({
      format: 'date-time',
      description: 'Since when every attempt has failed (null after a success); five days of it disable it.',
    }),
  ),
  previousSecretUntil: Nullable(
    Type.String({
      format: 'date-time',
      description: 'Until when the secret a rotation replaced still signs too (a second signature).',
    }),
  ),
  personalData: Type.Boolean({
    description:
      'Whether payloads carry customers’ personal data unmasked: the key that registered it held `customers:read`.',
  }),
  createdBy: Type.String({ description: 'The API key that registered it.' }),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const WebhookEndpointView = Type.Object(endpointProperties, {
  title: 'WebhookEndpoint',
  description: 'Where a frontend receives Ponte’s events, signed per the Standard Webhooks specification.',
});

const Secret = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
  description:
    'The signing secret (`whsec_` and 32 random bytes in base64), as any Standard Webhooks library takes it. Shown in this answer only; a replay of the request shows null.',
});

export const CreatedWebhookEndpointView = Type.Object(
  { ...endpointProperties, secret: Nullable(Secret) },
  { title: 'CreatedWebhookEndpoint', description: 'A webhook endpoint with its signing secret, shown once.' },
);

export const webhookEndpointView = (e: WebhookEndpointRecord) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.allEvents ? null : [...e.eventTypes],
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  disabledAt: e.disabledAt?.toISOString() ?? null,
  failingSince: e.failingSince?.toISOString() ?? null,
  previousSecretUntil: e.previousSecretUntil?.toISOString() ?? null,
  personalData: e.seesPersonalData,
  createdBy: e.createdBy,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export const createdWebhookEndpointView = ({ endpoint, secret }: EndpointWithSecret) => ({
  ...webhookEndpointView(endpoint),
  secret,
});

const WebhookAttemptView = Type.Object(
  {
    attempt: Type.Integer({ minimum: 1 }),
    at: Timestamp,
    statusCode: Nullable(Type.Integer({ description: 'Null when no answer came (refused, reset, timed out).' })),
    durationMs: Type.Integer({ minimum: 0 }),
    responseHead: Nullable(Type.String({ description: 'The first 500 characters of the answer.' })),
    error: Nullable(Type.String()),
    succeeded: Type.Boolean(),
  },
  { title: 'WebhookAttempt', description: 'One try at delivering an event, and what the endpoint answered.' },
);

export const WebhookDeliveryView = Type.Object(
  {
    id: Id,
    endpointId: Id,
    eventId: Id,
    eventType: Type.String(),
    status: StringEnum(DELIVERY_STATUSES, {
      description:
        'pending: waiting for its next try; succeeded: answered 2xx; dead: gave up after its last try (retry it, or replay its window).',
    }),
    nextAttemptAt: Nullable(Timestamp),
    lastError: Nullable(Type.String()),
    createdAt: Timestamp,
    attempts: Type.Array(WebhookAttemptView),
  },
  { title: 'WebhookDelivery', description: 'An event’s delivery to one endpoint, with every attempt.' },
);

const attemptView = (a: WebhookAttempt) => ({
  attempt: a.attempt,
  at: a.at.toISOString(),
  statusCode: a.statusCode,
  durationMs: a.durationMs,
  responseHead: a.responseHead,
  error: a.error,
  succeeded: a.succeeded,
});

export const webhookDeliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  attempts: d.attempts.map(attemptView),
});

export const ReplayBody = Type.Object(
  {
    from: RequestTimestamp('The window’s start (included).'),
    to: RequestTimestamp('The window’s end (excluded).'),
    types: Type.Optional(Type.Array(EventTypeSchema, { minItems: 1, maxItems: EVENT_TYPE_NAMES.length })),
  },
  { title: 'ReplayWebhookEventsRequest', additionalProperties: false },
);

export const ReplayView = Type.Object(
  {
    replayId: Id,
    queued: Type.Integer({ minimum: 0, description: 'The events queued for the endpoint again.' }),
  },
  { title: 'WebhookReplay' },
);

export const DeliveryParams = Type.Object({ id: Id, deliveryId: Id });

export const EventsQuery = Type.Object(
  {
    ...PageQuery,
    type: Type.Optional(EventTypeSchema),
    resourceId: Type.Optional(Id),
    contractId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/* Each event type's payload: one named schema per type, the same in GET /v1/events and in a webhook's body. */

const ContractState = Type.Object({
  status: Type.String({ description: 'pre_contract, active, inactive, negativated or withdrawn.' }),
  accessStatus: Type.String({
    description: 'active, disabled, manual_block, automatic_block, late_payment or awaiting_signature.',
  }),
});

const CustomerData = Type.Object(
  {
    customer: Type.Object({
      id: Id,
      name: Type.String(),
      document: Type.String(),
      documentType: Type.String(),
      email: Nullable(Type.String()),
      mobilePhone: Nullable(Type.String()),
    }),
  },
  {
    title: 'CustomerEventData',
    description: 'Masked (name, document, e-mail, phone) unless the reader sees personal data (`customers:read`).',
  },
);

const ContractData = Type.Object(
  {
    contract: Type.Object({
      id: Id,
      customerId: Id,
      status: Type.String(),
      accessStatus: Type.String(),
      description: Nullable(Type.String()),
      billingDay: Nullable(Type.Integer()),
      approved: Type.Boolean(),
      billingStart: Nullable(Type.String({ format: 'date' })),
      billingEnd: Nullable(Type.String({ format: 'date' })),
    }),
  },
  { title: 'ContractEventData' },
);

const ContractStatusChangedData = Type.Object(
  {
    contract: Type.Object({ id: Id, customerId: Id, status: Type.String(), accessStatus: Type.String() }),
    change: Type.Object({
      historyId: Type.String({ description: 'Its line in GET /v1/contracts/{id}/history.' }),
      event: StringEnum(CONTRACT_EVENT_TYPES),
      mode: StringEnum(EVENT_MODES),
      reason: Nullable(Type.String()),
      actor: Type.String({ description: 'The API key that asked, or `system:<job>`.' }),
      before: ContractState,
      after: ContractState,
    }),
  },
  { title: 'ContractStatusChangedData' },
);

const Cause = Type.Object(
  {
    historyId: Nullable(
      Type.String({
        description: 'The contract event that moved it (its history line); null when an operator acted on it.',
      }),
    ),
    action: Type.String({ description: 'The partner call that follows (block_user, unblock_line…).' }),
  },
  { description: 'Why it moved.' },
);

const SvaUserStatusChangedData = Type.Object(
  {
    svaUser: Type.Object({
      id: Id,
      contractId: Nullable(Id),
      platform: Type.String({ description: 'saber_plus or exa.' }),
      integrationId: Id,
      packageCode: Type.String(),
      status: Type.String({ description: 'active, blocked or deactivated.' }),
      previousStatus: Nullable(Type.String()),
    }),
    cause: Cause,
  },
  { title: 'SvaUserStatusChangedData' },
);

const LineStatusChangedData = Type.Object(
  {
    line: Type.Object({
      id: Id,
      kind: StringEnum(['sip', 'mvno'] as const, { description: 'A SIP line on the softswitch, or a TeleCall line.' }),
      contractId: Nullable(Id),
      number: Nullable(Type.String({ description: 'Its phone number (E.164), when it has one.' })),
      status: Type.String(),
      previousStatus: Nullable(Type.String()),
    }),
    cause: Cause,
  },
  { title: 'LineStatusChangedData' },
);

const FailedDelivery = Type.Object(
  {
    id: Id,
    targetKind: Type.String(),
    targetId: Id,
    platform: Type.String(),
    integrationId: Nullable(Id),
    contractId: Nullable(Id),
    action: Type.String(),
    attempts: Type.Integer(),
    lastError: Nullable(Type.Object({ kind: Type.String(), message: Type.String() })),
  },
  { description: 'The delivery that gave up, as GET /v1/integration-deliveries/{id} shows it.' },
);

const DeliveryDeadData = Type.Object({ delivery: FailedDelivery }, { title: 'DeliveryDeadData' });

const SvaUserFailedData = Type.Object(
  {
    svaUser: Type.Object({ id: Id, contractId: Nullable(Id), platform: Type.String(), integrationId: Nullable(Id) }),
    delivery: FailedDelivery,
  },
  { title: 'SvaUserFailedData' },
);

const SvaUserCreatedData = Type.Object(
  {
    svaUser: Type.Object({
      id: Id,
      contractId: Id,
      platform: Type.String(),
      integrationId: Id,
      productId: Id,
      packageCode: Type.String(),
      status: Type.String(),
    }),
  },
  { title: 'SvaUserCreatedData' },
);

const ChargeData = Type.Object(
  {
    charge: Type.Object({
      id: Id,
      contractId: Id,
      amountCents: Type.Integer({ description: 'BRL cents.' }),
      paidCents: Type.Integer(),
      dueDate: Type.String({ format: 'date' }),
      competence: Type.String({ description: 'YYYY-MM.' }),
      status: Type.String({ description: 'open, paid or cancelled.' }),
      paidAt: Nullable(Timestamp),
    }),
  },
  { title: 'ChargeEventData' },
);

const CreditConsultationData = Type.Object(
  {
    creditConsultation: Type.Object({
      id: Id,
      integrationId: Nullable(Id),
      bureau: Type.String(),
      status: Type.String(),
      purpose: Type.String(),
      actor: Type.String(),
      confirmed: Type.Boolean(),
      consultedAt: Timestamp,
    }),
  },
  { title: 'CreditConsultationEventData' },
);

const ChargeOverdueData = Type.Object(
  {
    charge: Type.Object({
      id: Id,
      contractId: Id,
      dueCents: Type.Integer({ description: 'What is still due of it, in BRL cents.' }),
      dueDate: Type.String({ format: 'date' }),
      competence: Type.String(),
    }),
  },
  { title: 'ChargeOverdueData' },
);

const OverdueRunData = Type.Object(
  {
    overdueRun: Type.Object({
      id: Id,
      asOf: Type.String({ format: 'date' }),
      trigger: Type.String({ description: 'schedule or api.' }),
      actor: Type.String(),
      startedAt: Timestamp,
      finishedAt: Timestamp,
      latePaymentsReported: Type.Integer(),
      blocked: Type.Integer(),
      cancelled: Type.Integer(),
      rejected: Type.Integer(),
    }),
  },
  { title: 'OverdueRunEventData' },
);

const NotificationFailedData = Type.Object(
  {
    notification: Type.Object({
      id: Id,
      contractId: Id,
      chargeId: Nullable(Id),
      event: Type.String({ description: 'What the customer was being told of (block, charge_created…).' }),
      integrationId: Nullable(Id),
      templateId: Nullable(Type.String()),
      error: Type.String(),
    }),
  },
  { title: 'NotificationFailedData' },
);

const BillingBatchData = Type.Object(
  {
    billingBatch: Type.Object({
      id: Id,
      competence: Type.String({ description: 'YYYY-MM.' }),
      total: Type.Integer({ description: 'Contracts in the batch.' }),
      actor: Type.String(),
      finishedAt: Timestamp,
      items: Type.Object({ done: Type.Integer(), failed: Type.Integer(), skipped: Type.Integer() }),
    }),
  },
  { title: 'BillingBatchEventData' },
);

const NegativationData = Type.Object(
  {
    negativation: Type.Object({
      id: Id,
      contractId: Id,
      chargeId: Id,
      integrationId: Id,
      bureau: Type.String({ description: 'serasa, spc…' }),
      state: Type.String({ description: 'pending, registered, failed or removed.' }),
      amountCents: Type.Integer(),
      dueDate: Type.String({ format: 'date' }),
      message: Nullable(Type.String({ description: "The bureau's words when it refused the debt." })),
      registeredAt: Nullable(Timestamp),
      removedAt: Nullable(Timestamp),
      removalConfirmedAt: Nullable(Timestamp),
    }),
  },
  { title: 'NegativationEventData' },
);

const CallData = Type.Object(
  {
    call: Type.Object({
      id: Id,
      pbxId: Id,
      agentId: Nullable(Id),
      direction: Type.String({ description: 'inbound or outbound.' }),
      from: Nullable(Type.String({ description: 'A phone number (masked without `customers:read`) or an extension.' })),
      to: Nullable(Type.String()),
      did: Nullable(Type.String({ description: 'The number dialled in (DDR).' })),
      extension: Nullable(Type.String()),
      state: Type.String({ description: 'ringing, answered or ended.' }),
      startedAt: Timestamp,
      answeredAt: Nullable(Timestamp),
      endedAt: Nullable(Timestamp),
      durationSeconds: Type.Integer(),
      unanswered: Type.Boolean(),
      customerId: Nullable(Id),
    }),
  },
  { title: 'CallEventData' },
);

const WebhookEndpointDisabledData = Type.Object(
  { webhookEndpoint: Type.Object({ id: Id, reason: Type.String() }) },
  { title: 'WebhookEndpointDisabledData' },
);

const FindingCountsOf = Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
  description: 'Findings by target kind (sva_user, mvno_line), then kind (missing, extra, status, attribute, unknown).',
});

const ReconciliationDriftData = Type.Object(
  {
    reconciliation: Type.Object({
      id: Id,
      mode: Type.String({ description: 'plan or repair.' }),
      trigger: Type.String({ description: 'schedule (the nightly plan) or api.' }),
      targetKind: Nullable(Type.String()),
      integrationId: Nullable(Type.String()),
      findings: Type.Integer(),
      byKind: FindingCountsOf,
      repaired: Type.Integer({ description: 'Findings whose repair was queued (repair runs).' }),
      finishedAt: Timestamp,
    }),
  },
  { title: 'ReconciliationDriftData' },
);

const DATA_OF: Record<(typeof EVENT_TYPE_NAMES)[number], TSchema> = {
  'customer.created': CustomerData,
  'customer.updated': CustomerData,
  'contract.created': ContractData,
  'contract.updated': ContractData,
  'contract.status_changed': ContractStatusChangedData,
  'billing_batch.finished': BillingBatchData,
  'charge.created': ChargeData,
  'charge.paid': ChargeData,
  'charge.overdue': ChargeOverdueData,
  'overdue_run.finished': OverdueRunData,
  'credit_consultation.completed': CreditConsultationData,
  'negativation.created': NegativationData,
  'negativation.registered': NegativationData,
  'negativation.failed': NegativationData,
  'negativation.removed': NegativationData,
  'negativation.removal_confirmed': NegativationData,
  'notification.failed': NotificationFailedData,
  'sva_user.created': SvaUserCreatedData,
  'sva_user.status_changed': SvaUserStatusChangedData,
  'sva_user.failed': SvaUserFailedData,
  'line.status_changed': LineStatusChangedData,
  'delivery.dead': DeliveryDeadData,
  'call.started': CallData,
  'call.answered': CallData,
  'call.ended': CallData,
  'reconciliation.drift_found': ReconciliationDriftData,
  'webhook_endpoint.disabled': WebhookEndpointDisabledData,
};

/** `contract.status_changed` → `ContractStatusChangedEvent`. */
const titleOf = (type: string) =>
  `${type
    .split(/[._]/)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}Event`;

export const EVENT_SCHEMAS = EVENT_TYPE_NAMES.map((type) =>
  Type.Object(
    {
      id: Type.String({ description: 'The event’s id: also the `webhook-id` header, the same on every attempt.' }),
      type: Type.Literal(type),
      timestamp: Type.String({ format: 'date-time', description: 'When it happened.' }),
      data: DATA_OF[type],
    },
    { title: titleOf(type), description: EVENT_TYPES[type].description },
  ),
);

export const EventView = Type.Union(EVENT_SCHEMAS, {
  title: 'Event',
  description:
    'Something that changed in Ponte, as GET /v1/events lists it and as a webhook endpoint receives it (the body of the POST).',
});

export const eventView = (m: WebhookMessage) => ({ id: m.id, type: m.type, timestamp: m.timestamp, data: m.data });
