import { at, contract, ids, later, page } from '../example-story';

const stfcIntegration = {
  id: ids.summit,
  description: 'Summit — produção',
  url: 'https://summit.example.com.br/api',
  credentialsSet: true,
  authError: null,
  createdAt: at,
  updatedAt: at,
};

const stfcService = {
  id: ids.stfcService,
  contractId: ids.contract,
  contractItemId: ids.stfcItem,
  integrationId: ids.summit,
  number: '+551132221000',
  plan: 'STFC Ilimitado Local',
  status: 'active',
  provisionedAt: later,
  deleted: false,
  deletedAt: null,
  createdAt: at,
};

const oneOffValue = {
  id: ids.oneOffValue,
  contractId: ids.contract,
  stfcServiceId: ids.stfcService,
  competence: '2026-11',
  amountCents: 2500,
  description: 'Instalação de ramal adicional',
  actor: 'operador-ana',
  createdAt: later,
};

const zeroBillingEvent = {
  id: ids.zeroBilling,
  contractId: ids.contract,
  competence: '2026-11',
  reason: 'Cortesia: linha em manutenção no mês',
  actor: 'operador-ana',
  createdAt: later,
};

const billingItem = {
  id: ids.batchItem,
  contractId: ids.contract,
  state: 'done',
  message: null,
  chargeId: ids.charge,
  callsImported: 37,
  attempts: 1,
  updatedAt: later,
};

const billingBatch = {
  id: ids.batch,
  competence: '2026-10',
  total: 1,
  actor: 'operador-ana',
  createdAt: at,
  finishedAt: later,
  progress: { total: 1, done: 1, pending: 0, awaitingSummit: 0, failed: 0, skipped: 0 },
};

const callRecord = {
  id: ids.callRecord,
  contractId: ids.contract,
  competence: '2026-10',
  callId: 'SMT-2026-10-000193',
  startedAt: '2026-10-14T13:05:00.000Z',
  origin: '+551132221000',
  destination: '+551140028922',
  kind: 'local',
  durationSeconds: 187,
  billedSeconds: 192,
  amountCents: 32,
  batchId: ids.batch,
  importedAt: later,
};

/** An example per named schema of the stfc area, from the one story (src/app/http/example-story.ts). */
export const STFC_EXAMPLES: Readonly<Record<string, unknown>> = {
  CreateStfcIntegrationRequest: {
    description: 'Summit — produção',
    url: 'https://summit.example.com.br/api',
    token: 'smt_3f9a0c1e7b2d',
  },
  UpdateStfcIntegrationRequest: { token: 'smt_8b1d4e2a9c0f' },
  StfcIntegration: stfcIntegration,
  StfcIntegrationPage: page(stfcIntegration),
  StfcService: stfcService,
  StfcServiceList: { items: [stfcService] },
  StfcContract: {
    contract,
    customer: { id: ids.customer, name: 'Maria Souza', document: '52998224725' },
    service: stfcService,
  },
  StfcContractPage: page({
    contract,
    customer: { id: ids.customer, name: 'Maria Souza', document: '52998224725' },
    service: stfcService,
  }),
  CreateOneOffValueRequest: { competence: '2026-11', amountCents: 2500, description: 'Instalação de ramal adicional' },
  OneOffValue: oneOffValue,
  OneOffValuePage: page(oneOffValue),
  CreateZeroBillingEventRequest: { competence: '2026-11', reason: 'Cortesia: linha em manutenção no mês' },
  ZeroBillingEvent: zeroBillingEvent,
  ZeroBillingEventPage: page(zeroBillingEvent),
  CreateBillingBatchRequest: { competence: '2026-10', contractIds: [ids.contract] },
  BillingBatch: billingBatch,
  BillingBatchPage: page(billingBatch),
  BillingItem: billingItem,
  BillingBatchDetail: { ...billingBatch, items: [billingItem] },
  CallRecord: callRecord,
  CallRecordPage: page(callRecord),
  StfcIndicators: {
    competence: '2026-10',
    newSubscribers: { count: 12, list: '/v1/stfc/contracts?provisionedIn=2026-10' },
    integrationErrors: { count: 1, list: '/v1/stfc/contracts?integrationState=error&competence=2026-10' },
    notBilled: { count: 214, list: '/v1/stfc/billable-contracts?competence=2026-10' },
  },
};
