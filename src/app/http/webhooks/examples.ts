import { at, contract, ids, later, page } from '../example-story';

const endpointId = '0193a500-1357-7d99-8a44-0b1c2d3e4f50';
const eventId = '0193a500-2468-7eaa-9b55-1c2d3e4f5061';

const endpoint = {
  id: endpointId,
  url: 'https://erp.provedor.com.br/ponte/webhooks',
  description: 'ERP do provedor',
  eventTypes: ['contract.status_changed', 'customer.updated'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  previousSecretUntil: null,
  personalData: true,
  createdBy: 'erp-integration',
  version: 0,
  createdAt: at,
  updatedAt: at,
};

const customer = {
  customer: {
    id: ids.customer,
    name: 'Maria Souza',
    document: '52998224725',
    documentType: 'cpf',
    email: 'maria.souza@example.com',
    mobilePhone: '+5511987654321',
  },
};

const contractData = {
  contract: {
    id: contract.id,
    customerId: contract.customerId,
    status: contract.status,
    accessStatus: contract.accessStatus,
    description: contract.description,
    billingDay: contract.billingDay,
    approved: contract.approved,
    billingStart: contract.billingStart,
    billingEnd: contract.billingEnd,
  },
};

const statusChanged = {
  contract: { id: contract.id, customerId: contract.customerId, status: 'active', accessStatus: 'manual_block' },
  change: {
    historyId: ids.event,
    event: 'block',
    mode: 'manual',
    reason: 'Pedido do cliente',
    actor: 'ops-console',
    before: { status: 'active', accessStatus: 'active' },
    after: { status: 'active', accessStatus: 'manual_block' },
  },
};

const svaUserMoved = {
  svaUser: {
    id: ids.svaUser,
    contractId: contract.id,
    platform: 'exa',
    integrationId: ids.exa,
    packageCode: 'EXA-SEG-BASICO',
    status: 'blocked',
    previousStatus: 'active',
  },
  cause: { historyId: ids.event, action: 'block_user' },
};

const lineMoved = {
  line: {
    id: ids.sipLine,
    kind: 'sip',
    contractId: contract.id,
    number: '+551130001234',
    status: 'blocked',
    previousStatus: 'active',
  },
  cause: { historyId: ids.event, action: 'block_line' },
};

const deadDelivery = {
  id: ids.delivery,
  targetKind: 'sva_user',
  targetId: ids.svaUser,
  platform: 'exa',
  integrationId: ids.exa,
  contractId: contract.id,
  action: 'block_user',
  attempts: 1,
  lastError: { kind: 'rejected', message: 'EXA did not block the user: Pacote inexistente.' },
};

const svaUserCreated = {
  svaUser: {
    id: ids.svaUser,
    contractId: contract.id,
    platform: 'exa',
    integrationId: ids.exa,
    productId: ids.exaProduct,
    packageCode: 'EXA-SEG-BASICO',
    status: 'active',
  },
};

const svaUserFailed = {
  svaUser: { id: ids.svaUser, contractId: contract.id, platform: 'exa', integrationId: ids.exa },
  delivery: deadDelivery,
};

const charge = {
  charge: {
    id: ids.charge,
    contractId: contract.id,
    amountCents: 9990,
    paidCents: 9990,
    dueDate: '2026-12-10',
    competence: '2026-12',
    status: 'paid',
    paidAt: later,
  },
};

const negativation = {
  negativation: {
    id: '0193a501-4680-7acc-9d77-3e4f50617283',
    contractId: contract.id,
    chargeId: ids.charge,
    integrationId: '0193a501-5791-7bdd-8e88-4f5061728394',
    bureau: 'serasa',
    state: 'registered',
    amountCents: 9990,
    dueDate: '2026-10-10',
    message: null,
    registeredAt: later,
    removedAt: null,
    removalConfirmedAt: null,
  },
};
const negativationIn = (state: string, extra: Record<string, unknown> = {}) => ({
  negativation: { ...negativation.negativation, state, ...extra },
});

const consultation = {
  creditConsultation: {
    id: '0193a501-68a2-7cee-9f99-5061728394a5',
    integrationId: '0193a501-5791-7bdd-8e88-4f5061728394',
    bureau: 'serasa',
    status: 'completed',
    purpose: 'Novo contrato de fibra',
    actor: 'vendas',
    confirmed: false,
    consultedAt: later,
  },
};

const batch = {
  billingBatch: {
    id: ids.batch,
    competence: '2026-11',
    total: 120,
    actor: 'faturamento',
    finishedAt: later,
    items: { done: 117, failed: 1, skipped: 2 },
  },
};

const chargeOverdue = {
  charge: { id: ids.charge, contractId: contract.id, dueCents: 9990, dueDate: '2026-11-10', competence: '2026-11' },
};

const overdueRun = {
  overdueRun: {
    id: ids.overdueRun,
    asOf: '2026-11-23',
    trigger: 'schedule',
    actor: 'system:overdue-policy',
    startedAt: at,
    finishedAt: later,
    latePaymentsReported: 12,
    blocked: 4,
    cancelled: 1,
    rejected: 0,
  },
};

const notificationFailed = {
  notification: {
    id: '0193a4fd-3d04-7f60-8b72-8c9d0e1f2a3b',
    contractId: contract.id,
    chargeId: null,
    event: 'block',
    integrationId: '0193a4fd-2c03-7e5f-9a61-7b8c9d0e1f2a',
    templateId: '64b0c0ffee00000000000a02',
    error: 'The platform refused the call (422): template not approved.',
  },
};

const call = {
  call: {
    id: '0193a502-79b3-7dff-8aaa-61728394a5b6',
    pbxId: '0193a502-8ac4-7e00-9bbb-728394a5b6c7',
    agentId: '0193a502-9bd5-7f11-8ccc-8394a5b6c7d8',
    direction: 'inbound',
    from: '+5511987654321',
    to: '4021',
    did: '5121010001',
    extension: '4021',
    state: 'ended',
    startedAt: at,
    answeredAt: at,
    endedAt: later,
    durationSeconds: 65,
    unanswered: false,
    customerId: ids.customer,
  },
};
const callWhile = (state: string, extra: Record<string, unknown>) => ({ call: { ...call.call, state, ...extra } });

const disabled = { webhookEndpoint: { id: endpointId, reason: 'The endpoint answered 410 Gone.' } };

const event = (type: string, data: unknown) => ({ id: eventId, type, timestamp: later, data });

const delivery = {
  id: ids.delivery,
  endpointId,
  eventId,
  eventType: 'contract.status_changed',
  status: 'succeeded',
  nextAttemptAt: null,
  lastError: null,
  createdAt: later,
  attempts: [] as unknown[],
};

const attempt = {
  attempt: 1,
  at: later,
  statusCode: 204,
  durationMs: 87,
  responseHead: '',
  error: null,
  succeeded: true,
};

/** An example per named schema of the webhooks area, from the one story (src/app/http/example-story.ts). */
const drift = {
  reconciliation: {
    id: '0193a500-4680-7acc-9d77-3e4f50617283',
    mode: 'plan',
    trigger: 'schedule',
    targetKind: null,
    integrationId: null,
    findings: 3,
    byKind: { sva_user: { status: 1, missing: 1 }, mvno_line: { extra: 1 } },
    repaired: 0,
    finishedAt: '2026-11-24T06:31:12.000Z',
  },
};

export const WEBHOOKS_EXAMPLES: Readonly<Record<string, unknown>> = {
  CreateWebhookEndpointRequest: {
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
  },
  UpdateWebhookEndpointRequest: { enabled: true },
  WebhookEndpoint: endpoint,
  WebhookEndpointPage: page(endpoint),
  CreatedWebhookEndpoint: { ...endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4jX5TxtLeLg=' },
  WebhookAttempt: attempt,
  WebhookDelivery: { ...delivery, attempts: [attempt] },
  WebhookDeliveryPage: page({ ...delivery, attempts: [attempt] }),
  ReplayWebhookEventsRequest: { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
  WebhookReplay: { replayId: '0193a500-3579-7fbb-8c66-2d3e4f506172', queued: 42 },
  CustomerEventData: customer,
  ContractEventData: contractData,
  ContractStatusChangedData: statusChanged,
  WebhookEndpointDisabledData: disabled,
  ChargeOverdueData: chargeOverdue,
  ChargeOverdueEvent: event('charge.overdue', chargeOverdue),
  OverdueRunEventData: overdueRun,
  OverdueRunFinishedEvent: event('overdue_run.finished', overdueRun),
  NotificationFailedData: notificationFailed,
  NotificationFailedEvent: event('notification.failed', notificationFailed),
  BillingBatchEventData: batch,
  BillingBatchFinishedEvent: event('billing_batch.finished', batch),
  ChargeEventData: charge,
  ChargeCreatedEvent: event('charge.created', {
    charge: { ...charge.charge, paidCents: 0, status: 'open', paidAt: null },
  }),
  ChargePaidEvent: event('charge.paid', charge),
  CreditConsultationEventData: consultation,
  CreditConsultationCompletedEvent: event('credit_consultation.completed', consultation),
  NegativationEventData: negativation,
  NegativationCreatedEvent: event('negativation.created', negativationIn('pending', { registeredAt: null })),
  NegativationRegisteredEvent: event('negativation.registered', negativation),
  NegativationFailedEvent: event(
    'negativation.failed',
    negativationIn('failed', { registeredAt: null, message: 'Documento do devedor inválido.' }),
  ),
  NegativationRemovedEvent: event('negativation.removed', negativationIn('removed', { removedAt: later })),
  NegativationRemovalConfirmedEvent: event(
    'negativation.removal_confirmed',
    negativationIn('removed', { removedAt: later, removalConfirmedAt: later }),
  ),
  SvaUserCreatedData: svaUserCreated,
  SvaUserStatusChangedData: svaUserMoved,
  SvaUserFailedData: svaUserFailed,
  LineStatusChangedData: lineMoved,
  DeliveryDeadData: { delivery: deadDelivery },
  SvaUserCreatedEvent: event('sva_user.created', svaUserCreated),
  SvaUserStatusChangedEvent: event('sva_user.status_changed', svaUserMoved),
  SvaUserFailedEvent: event('sva_user.failed', svaUserFailed),
  LineStatusChangedEvent: event('line.status_changed', lineMoved),
  DeliveryDeadEvent: event('delivery.dead', { delivery: deadDelivery }),
  CustomerCreatedEvent: event('customer.created', customer),
  CustomerUpdatedEvent: event('customer.updated', customer),
  ContractCreatedEvent: event('contract.created', {
    contract: { ...contractData.contract, status: 'pre_contract', accessStatus: 'awaiting_signature', approved: false },
  }),
  ContractUpdatedEvent: event('contract.updated', contractData),
  ContractStatusChangedEvent: event('contract.status_changed', statusChanged),
  WebhookEndpointDisabledEvent: event('webhook_endpoint.disabled', disabled),
  ReconciliationDriftData: drift,
  ReconciliationDriftFoundEvent: event('reconciliation.drift_found', drift),
  CallEventData: call,
  CallStartedEvent: event(
    'call.started',
    callWhile('ringing', { answeredAt: null, endedAt: null, durationSeconds: 0 }),
  ),
  CallAnsweredEvent: event('call.answered', callWhile('answered', { endedAt: null, durationSeconds: 0 })),
  CallEndedEvent: event('call.ended', call),
  Event: event('contract.status_changed', statusChanged),
  EventPage: page(event('contract.status_changed', statusChanged)),
};
