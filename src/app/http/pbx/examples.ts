import { at, ids, later, page } from '../example-story';

const pbxId = '0193a4fe-4e05-7071-9c83-9d0e1f2a3b4c';

const eventConnection = { state: 'connected', lastError: null, since: later, holder: 'ponte-api-1:4127:9f3c2a1b' };

const pbx = {
  id: pbxId,
  type: 'asterisk',
  description: 'Asterisk da sede',
  address: null,
  port: null,
  account: null,
  route: null,
  easyCallRecord: null,
  ariUrl: 'http://pbx.provedor.local:8088/ari',
  username: 'ponte',
  active: true,
  commands: ['hangup', 'transfer', 'hold', 'resume'],
  eventsUrl: `/v1/pbx/${pbxId}/events`,
  eventConnection,
  createdAt: at,
  updatedAt: at,
};

const agent = {
  id: '0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d',
  name: 'Ana (vendas)',
  pbxId,
  extension: '4021',
  passwordSet: true,
  createdAt: at,
  updatedAt: at,
};

const trafficSource = {
  id: '0193a4fe-6a07-7293-9ea5-1f2a3b4c5d6e',
  name: 'Anúncio no jornal',
  ddr: '+555121010001',
  createdAt: at,
};

const callSummary = {
  id: '0193a4fe-7b08-73a4-8fb6-2a3b4c5d6e7f',
  pbxId,
  externalId: '1732632000.42',
  agentId: agent.id,
  direction: 'inbound',
  from: '+5511987654321',
  to: '4021',
  did: '+555121010001',
  extension: '4021',
  state: 'ended',
  startedAt: at,
  answeredAt: '2026-11-23T14:30:06.000Z',
  endedAt: '2026-11-23T14:33:06.000Z',
  durationSeconds: 180,
  unanswered: false,
  transfers: [],
  customerId: ids.customer,
  customerName: 'Maria Souza',
  contactId: null,
  createdAt: at,
};

const contact = {
  id: '0193a4fe-8c09-74b5-9ac7-3b4c5d6e7f80',
  callId: callSummary.id,
  customerId: ids.customer,
  subject: 'Interesse em fibra 500 Mb',
  text: 'Cliente viu o anúncio no jornal.',
  trafficSourceId: trafficSource.id,
  trafficSourceFixed: true,
  actor: 'ana-vendas',
  createdAt: later,
  updatedAt: later,
};

/** An example per named schema of the pbx area, from the one story (src/app/http/example-story.ts). */
export const PBX_EXAMPLES: Readonly<Record<string, unknown>> = {
  CreatePbxRequest: {
    type: 'asterisk',
    description: 'Asterisk da sede',
    ariUrl: 'http://pbx.provedor.local:8088/ari',
    username: 'ponte',
    password: 'ari-S3cret',
  },
  UpdatePbxRequest: { active: false },
  Pbx: pbx,
  PbxEventConnection: eventConnection,
  CreatedPbx: { ...pbx, eventSecret: 'pbx_4Lk9Qw2Zr7Xt1Vb6Nm3Hc8Jd' },
  PbxPage: page(pbx),
  PbxTestResult: { ok: true },
  CreateAgentRequest: { name: 'Ana (vendas)', pbxId, extension: '4021', password: 'r4mal-4021' },
  UpdateAgentRequest: { extension: '4022' },
  Agent: agent,
  AgentPage: page(agent),
  ExtensionStatus: { agentId: agent.id, extension: '4021', status: 'idle' },
  CreateTrafficSourceRequest: { name: 'Anúncio no jornal', ddr: '(51) 2101-0001' },
  TrafficSource: trafficSource,
  TrafficSourcePage: page(trafficSource),
  ClickToCallRequest: { agentId: agent.id, customerId: ids.customer, phone: 'mobile' },
  TransferCallRequest: { to: '4022' },
  AttachCallCustomerRequest: { customerId: ids.customer, phoneField: 'phones/-' },
  CallSummary: callSummary,
  CallSummaryPage: page(callSummary),
  Call: {
    ...callSummary,
    matches: [{ customerId: ids.customer, name: 'Maria Souza', phoneField: 'mobilePhone' }],
    customerDraft: null,
  },
  CreateContactRequest: { subject: 'Interesse em fibra 500 Mb', text: 'Cliente viu o anúncio no jornal.' },
  UpdateContactRequest: { text: 'Retornar na segunda-feira.' },
  Contact: contact,
  PbxEventNotification: {
    event: 'ringing',
    callId: 'pf-20261123-0042',
    direction: 'inbound',
    phone: '(11) 98765-4321',
    extension: '4021',
    did: '(51) 2101-0001',
    at,
  },
  PbxEventReceipt: { callIds: [callSummary.id] },
  PlayRecordingRequest: { to: '4021' },
  RecordingPlayback: { playbackCallId: '1732632400.57' },
};
