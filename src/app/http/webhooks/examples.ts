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
  Event: event('contract.status_changed', statusChanged),
  EventPage: page(event('contract.status_changed', statusChanged)),
};
