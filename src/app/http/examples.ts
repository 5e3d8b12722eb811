/*
 * One example per named schema of the OpenAPI document, told as one story: Maria Souza (a valid
 * CPF, a São Paulo mobile) signs a fibre contract with Saber+ and EXA on top. Ids are UUID v7 as
 * Ponte makes them; money is in BRL cents. A test validates each example against its schema.
 */

const ids = {
  customer: '0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81',
  contract: '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c92',
  fibre: '0193a4f1-1a00-7e01-9b33-4f6a7b8c9da3',
  exaProduct: '0193a4f1-2b11-7f12-8c44-5a7b8c9daeb4',
  item: '0193a4f2-8e13-7d22-9d55-6b8c9daebfc5',
  exa: '0193a4f0-9f24-7a33-8e66-7c9daebfc0d6',
  saber: '0193a4f0-a035-7b44-9f77-8daebfc0d1e7',
  svaUser: '0193a4f2-9f24-7e33-8a88-9ebfc0d1e2f8',
  event: '0193a4f3-0135-7f44-9b99-afc0d1e2f309',
  delivery: '0193a4f3-1246-7a55-8caa-b0d1e2f3041a',
  apiKey: '0193a4ef-2357-7b66-9dbb-c1e2f304152b',
  voipProduct: '0193a4f1-3c22-7a23-8d66-6b8c9daebfc7',
  settingsChange: '0193a4f4-2357-7b66-9dcc-d2f304152b3c',
  sipLine: '0193a4f5-3468-7c77-8edd-e304152b3c4d',
  mvnoLine: '0193a4f6-4579-7d88-9fee-f4152b3c4d5e',
  charge: '0193a4f7-568a-7e99-8aff-052b3c4d5e6f',
  payment: '0193a4f7-679b-7faa-9b00-163c4d5e6f70',
  policyChange: '0193a4f8-78ac-7abb-8c11-274d5e6f7081',
  overdueRun: '0193a4f9-89bd-7bcc-9d22-385e6f708192',
  summit: '0193a4fa-9ace-7cdd-8e33-496f708192a3',
  stfcService: '0193a4fb-abdf-7dee-9f44-5a708192a3b4',
  stfcItem: '0193a4fb-bce0-7eff-8a55-6b8192a3b4c5',
  oneOffValue: '0193a4fc-cdf1-7a00-9b66-7c92a3b4c5d6',
  zeroBilling: '0193a4fd-de02-7b11-8c77-8da3b4c5d6e7',
  batch: '0193a4fe-ef13-7c22-9d88-9eb4c5d6e7f8',
  batchItem: '0193a4fe-f024-7d33-8e99-afc5d6e7f809',
  callRecord: '0193a4ff-0135-7e44-9faa-b0d6e7f8091a',
} as const;

const at = '2026-11-23T14:30:00.000Z';
const later = '2026-11-23T14:31:05.000Z';

const address = {
  street: 'Avenida Paulista',
  number: '1578',
  complement: 'Apto 42',
  district: 'Bela Vista',
  city: 'São Paulo',
  state: 'SP',
  postalCode: '01310-200',
};

const customer = {
  id: ids.customer,
  name: 'Maria Souza',
  document: '52998224725',
  documentType: 'cpf',
  email: 'maria.souza@example.com.br',
  mobilePhone: '+5511912345678',
  phones: ['+551132221000'],
  address,
  createdAt: at,
  updatedAt: at,
};

const contract = {
  id: ids.contract,
  customerId: ids.customer,
  description: 'Fibra 500 Mega — Av. Paulista, 1578',
  billingDay: 10,
  status: 'active',
  accessStatus: 'active',
  allowedEvents: ['report_late_payment', 'block', 'cancel', 'negativate', 'withdraw'],
  version: 2,
  activatedAt: later,
  blockedAt: null,
  endedAt: null,
  trustReleaseEndsOn: null,
  trustReleasedAt: null,
  approved: true,
  approvedAt: later,
  billingStart: '2026-11-01',
  billingEnd: null,
  createdAt: at,
  updatedAt: later,
};

const stfcIntegration = { id: ids.summit, description: 'Summit — produção', url: 'https://summit.example.com.br/api', credentialsSet: true, authError: null, createdAt: at, updatedAt: at };

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

const oneOffValue = { id: ids.oneOffValue, contractId: ids.contract, stfcServiceId: ids.stfcService, competence: '2026-11', amountCents: 2500, description: 'Instalação de ramal adicional', actor: 'operador-ana', createdAt: later };

const zeroBillingEvent = { id: ids.zeroBilling, contractId: ids.contract, competence: '2026-11', reason: 'Cortesia: linha em manutenção no mês', actor: 'operador-ana', createdAt: later };

const billingItem = { id: ids.batchItem, contractId: ids.contract, state: 'done', message: null, chargeId: ids.charge, callsImported: 37, attempts: 1, updatedAt: later };
const billingBatch = { id: ids.batch, competence: '2026-10', total: 1, actor: 'operador-ana', createdAt: at, finishedAt: later, progress: { total: 1, done: 1, pending: 0, failed: 0, skipped: 0 } };
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

const exaProduct = {
  id: ids.exaProduct,
  name: 'EXA Segurança',
  type: 'sva',
  priceCents: 990,
  svaIntegrationId: ids.exa,
  svaPackage: 'EXA-SEG-BASICO',
  createdAt: at,
  updatedAt: at,
};

const notice = {
  code: 'SVA_AUTO_CREATE_SKIPPED',
  message: 'No EXA user was created for this product: the customer record lacks an e-mail.',
  productId: ids.exaProduct,
  reason: 'SVA_USER_MISSING_DATA',
  missingFields: ['customer/email'],
};

const contractEvent = {
  id: ids.event,
  contractId: ids.contract,
  type: 'activate',
  mode: 'manual',
  reason: 'Instalação concluída',
  actor: 'erp-integration',
  at: later,
  before: { status: 'pre_contract', accessStatus: 'awaiting_signature' },
  after: { status: 'active', accessStatus: 'active' },
  notices: [],
};

const svaIntegration = {
  id: ids.exa,
  platform: 'exa',
  description: 'EXA — segurança digital',
  url: 'https://api.exa.example.com.br/v1',
  autoCreateUsers: true,
  credentialsSet: true,
  authError: null,
  createdAt: at,
  updatedAt: at,
};

const svaUser = {
  id: ids.svaUser,
  contractId: ids.contract,
  integrationId: ids.exa,
  platform: 'exa',
  productId: ids.exaProduct,
  packageCode: 'EXA-SEG-BASICO',
  document: '52998224725',
  documentType: 'cpf',
  username: 'maria.souza@example.com.br',
  email: 'maria.souza@example.com.br',
  name: 'Maria Souza',
  mobilePhone: '+5511912345678',
  status: 'active',
  passwordSet: false,
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

const delivery = {
  id: ids.delivery,
  targetKind: 'sva_user',
  targetId: ids.svaUser,
  platform: 'exa',
  integrationId: ids.exa,
  contractId: ids.contract,
  svaUserId: ids.svaUser,
  action: 'block_user',
  status: 'dead',
  attempts: 1,
  nextAttemptAt: later,
  lastError: { kind: 'rejected', message: 'The platform refused the call (422): Pacote inexistente.', at: later },
  createdAt: later,
  completedAt: later,
};

const contractItem = { id: ids.item, contractId: ids.contract, product: exaProduct, priceCents: 990, createdAt: later };

const apiKey = { id: ids.apiKey, name: 'erp-integration', prefix: 'ponte_Xq3vT0', scopes: ['customers:write', 'contracts:write', 'products:read'], createdAt: at };

const page = (item: unknown) => ({ items: [item], nextCursor: null });

const opaSuiteIntegration = {
  id: '0193a4fd-2c03-7e5f-9a61-7b8c9d0e1f2a',
  description: 'Opa! Suite — atendimento',
  url: 'https://atendimento.provedor.com.br/api/v1',
  channelId: '64b0c0ffee00000000000c01',
  credentialsSet: true,
  authError: null,
  createdAt: at,
  updatedAt: at,
};
const notificationTemplate = { event: 'block', templateId: '64b0c0ffee00000000000a02', variables: ['customer.firstName', 'contract.id'] };
const notification = {
  id: '0193a4fd-3d04-7f60-8b72-8c9d0e1f2a3b',
  contractId: ids.contract,
  chargeId: null,
  event: 'block',
  integrationId: opaSuiteIntegration.id,
  templateId: '64b0c0ffee00000000000a02',
  phone: '+5511987654321',
  variables: ['Maria', ids.contract],
  status: 'sent',
  messageId: '65f1a2b3c4d5e6f708192a3b',
  error: null,
  createdAt: at,
  sentAt: later,
};

const creditIntegrationId = '0193a4fb-7e10-7a2b-8c3d-4e5f6a7b8c9d';
const creditIntegration = {
  id: creditIntegrationId,
  bureau: 'serasa',
  description: 'Serasa Experian — PEFIN',
  url: 'https://api.serasaexperian.com.br',
  active: true,
  credentialsSet: true,
  webhookUrl: `/v1/webhooks/credit/${creditIntegrationId}`,
  authError: null,
  createdAt: at,
  updatedAt: at,
};
const restriction = { kind: 'pefin', creditor: 'Loja Exemplo Ltda', amountCents: 15990, date: '2026-03-12' };
const creditConsultation = {
  id: '0193a4fb-8a01-7c3d-9e4f-5a6b7c8d9e0f',
  integrationId: creditIntegrationId,
  bureau: 'serasa',
  document: '52998224725',
  documentType: 'cpf',
  purpose: 'Novo contrato de fibra 500 Mb',
  actor: 'comercial-loja-centro',
  status: 'completed',
  name: 'Maria Souza',
  registrationStatus: 'REGULAR',
  score: 712,
  restrictions: [restriction],
  raw: { reports: [{ reportName: 'RELATORIO_BASICO_PF_PME', score: { score: 712 } }] },
  rawExpiresAt: '2027-02-21T14:30:00.000Z',
  error: null,
  confirmed: false,
  consultedAt: at,
};
const negativation = {
  id: '0193a4fc-1b02-7d4e-8f50-6a7b8c9d0e1f',
  contractId: ids.contract,
  chargeId: '0193a4fa-0c01-7a2b-9c3d-4e5f6a7b8c90',
  integrationId: creditIntegrationId,
  bureau: 'serasa',
  state: 'registered',
  requestId: '5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  message: null,
  amountCents: 9990,
  dueDate: '2026-09-10',
  actor: 'cobranca',
  registeredAt: later,
  failedAt: null,
  removedAt: null,
  removalConfirmedAt: null,
  createdAt: at,
  updatedAt: later,
};

const sipLine = {
  id: ids.sipLine,
  contractId: ids.contract,
  extension: '4021',
  number: '+551132221000',
  status: 'active',
  passwordSet: true,
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

const mvnoLine = {
  id: ids.mvnoLine,
  contractId: ids.contract,
  msisdn: '+5511987654321',
  iccid: '8955101000000000005',
  plan: 'TELECALL-10GB',
  status: 'active',
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

const settingsBefore = {
  voip: { defaultProductId: null, sipPasswordRequired: false, blockLinesWithContract: true },
  mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
  creditAnalysis: { enabled: false, reconsultIntervalDays: null },
  communicationChannel: { defaultOpaSuiteIntegrationId: null },
};
const settings = {
  ...settingsBefore,
  voip: { defaultProductId: ids.voipProduct, sipPasswordRequired: true, blockLinesWithContract: true },
  creditAnalysis: { enabled: false, reconsultIntervalDays: 30 },
};
const settingsChange = {
  id: ids.settingsChange,
  at,
  actor: 'erp-integration',
  changed: ['voip.defaultProductId', 'voip.sipPasswordRequired', 'creditAnalysis.reconsultIntervalDays'],
  before: settingsBefore,
  after: settings,
};

const payment = { id: ids.payment, amountCents: 5000, paidAt: '2026-11-12T10:15:00.000Z', recordedAt: '2026-11-12T10:16:02.000Z', actor: 'erp-integration' };

const charge = {
  id: ids.charge,
  contractId: ids.contract,
  amountCents: 9990,
  paidCents: 5000,
  remainingCents: 4990,
  dueDate: '2026-11-10',
  competence: '2026-11',
  description: 'Fibra 500 Mega — novembro/2026',
  status: 'open',
  overdue: true,
  paidAt: null,
  cancelledAt: null,
  payments: [payment],
  createdAt: at,
  updatedAt: later,
};

const overduePolicy = { preset: 'anatel_rgc_632_2014', reportLatePaymentAfterDays: 16, blockAfterDays: 46, cancelAfterDays: 76, trustReleaseMaxDays: 5 };

const overdueChange = {
  contractId: ids.contract,
  stage: 'block',
  event: 'block',
  from: { status: 'active', accessStatus: 'late_payment' },
  to: { status: 'active', accessStatus: 'automatic_block' },
  daysOverdue: 46,
  chargeId: ids.charge,
  dueDate: '2026-10-10',
  reason: `Overdue policy, block stage (46 days): charge ${ids.charge} due 2026-10-10 is 46 days overdue.`,
};

const overdueRun = {
  id: ids.overdueRun,
  asOf: '2026-11-25',
  trigger: 'schedule',
  actor: 'system:overdue-policy',
  startedAt: at,
  finishedAt: later,
  policy: overduePolicy,
  latePaymentsReported: 12,
  blocked: 1,
  cancelled: 0,
  rejected: 0,
};

const policyChange = {
  id: ids.policyChange,
  at,
  actor: 'erp-integration',
  changed: ['preset', 'reportLatePaymentAfterDays', 'blockAfterDays', 'cancelAfterDays', 'trustReleaseMaxDays'],
  before: { preset: null, reportLatePaymentAfterDays: null, blockAfterDays: null, cancelAfterDays: null, trustReleaseMaxDays: null },
  after: overduePolicy,
};

const rgcPreset = {
  id: 'anatel_rgc_632_2014',
  title: 'Anatel RGC (Resolução nº 632/2014)',
  source: 'https://informacoes.anatel.gov.br/legislacao/resolucoes/2014/750-resolucao-632',
  startsAfterDays: 1,
  start: 'The notice of the overdue debt is taken as received the day after the due date.',
  steps: [{ stage: 'report_late_payment', daysAfterPrevious: 15, article: 'Art. 90', rule: 'Partial suspension no sooner than 15 days after the notice of the overdue debt.' }],
  stageDays: { reportLatePaymentAfterDays: 16, blockAfterDays: 46, cancelAfterDays: 76 },
};

export const EXAMPLES: Readonly<Record<string, unknown>> = {
  Charge: charge,
  ChargePage: page({ ...charge, payments: [] }),
  ChargePayment: payment,
  CreateChargeRequest: { amountCents: 9990, dueDate: '2026-11-10', competence: '2026-11', description: 'Fibra 500 Mega — novembro/2026' },
  ChargePaymentRequest: { amountCents: 5000, paidAt: '2026-11-12T10:15:00.000Z' },
  OverduePolicy: { ...overduePolicy, version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  OverduePolicyRequest: { preset: 'anatel_rgc_632_2014', trustReleaseMaxDays: 5 },
  OverduePolicySettings: overduePolicy,
  OverduePolicyChange: policyChange,
  OverduePolicyChangePage: page(policyChange),
  OverduePreset: rgcPreset,
  OverduePresetStep: rgcPreset.steps[0],
  OverduePresetList: { items: [rgcPreset] },
  OverdueChange: overdueChange,
  OverduePreview: { date: '2026-11-25', policy: overduePolicy, counts: { latePaymentsReported: 12, blocked: 1, cancelled: 0 }, changes: [overdueChange] },
  OverdueRun: overdueRun,
  OverdueRunPage: page(overdueRun),
  OverdueRunResult: { run: overdueRun, changes: [overdueChange], rejected: [] },
  Address: address,
  Customer: customer,
  CustomerPage: page(customer),
  CreateCustomerRequest: { name: 'Maria Souza', document: '529.982.247-25', email: 'maria.souza@example.com.br', mobilePhone: '(11) 91234-5678', phones: ['(11) 3222-1000'], address },
  UpdateCustomerRequest: { email: 'maria@example.com.br', mobilePhone: '(11) 98765-4321' },
  Product: exaProduct,
  ProductPage: page(exaProduct),
  CreateProductRequest: { name: 'EXA Segurança', type: 'sva', priceCents: 990, svaIntegrationId: ids.exa, svaPackage: 'EXA-SEG-BASICO' },
  UpdateProductRequest: { name: 'EXA Segurança Família', priceCents: 1490 },
  AddContractProductRequest: { productId: ids.exaProduct, priceCents: 990 },
  ContractItem: contractItem,
  ContractItemList: { items: [contractItem] },
  AddedContractItem: { ...contractItem, notices: [] },
  Contract: contract,
  ContractPage: page(contract),
  ContractState: { status: 'active', accessStatus: 'automatic_block' },
  CreateContractRequest: { customerId: ids.customer, description: 'Fibra 500 Mega — Av. Paulista, 1578', billingDay: 10, billingStart: '2026-11-01' },
  UpdateContractRequest: { billingDay: 15 },
  ContractEventRequest: { type: 'block', mode: 'automatic', reason: '15 dias em atraso' },
  ContractEvent: contractEvent,
  ContractEventPage: page(contractEvent),
  ContractEventResult: { event: contractEvent, contract, notices: [] },
  BulkContractEventRequest: { type: 'block', mode: 'automatic', reason: 'Régua de cobrança: 15 dias em atraso', contractIds: [ids.contract] },
  BulkContractEventResult: {
    applied: [ids.contract],
    rejected: [{ contractId: '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c93', code: 'CONTRACT_TRANSITION_NOT_ALLOWED', message: "Event 'block' is not allowed for a contract with status 'inactive' and access status 'disabled'." }],
    notices: [],
  },
  Health: { status: 'ready' },
  Notice: notice,
  Problem: {
    type: '/problems/customer-document-taken',
    title: 'Conflict',
    status: 409,
    detail: `Customer ${ids.customer} already has this document.`,
    code: 'CUSTOMER_DOCUMENT_TAKEN',
    errors: [{ field: 'document', message: 'Already in use.' }],
    existingId: ids.customer,
  },
  SvaIntegration: svaIntegration,
  SvaIntegrationPage: page(svaIntegration),
  CreateSvaIntegrationRequest: { platform: 'exa', description: 'EXA — segurança digital', url: 'https://api.exa.example.com.br/v1', prefix: 'meu-provedor', autoCreateUsers: true },
  UpdateSvaIntegrationRequest: { prefix: 'meu-provedor-sp' },
  SvaPackages: { items: [{ code: 'SABER-FAMILIA', name: 'Saber+ Família' }] },
  SvaUser: svaUser,
  SvaUserPage: page(svaUser),
  CreateSvaUserRequest: { productId: ids.exaProduct, useCustomerData: true },
  UpdateSvaUserRequest: { mobilePhone: '(11) 98765-4321' },
  IntegrationDelivery: delivery,
  IntegrationDeliveryPage: page(delivery),
  DeliveryAttempt: { attempt: 1, at: later, outcome: 'rejected', message: 'The platform refused the call (422): Pacote inexistente.' },
  IntegrationDeliveryDetail: {
    ...delivery,
    attemptHistory: [{ attempt: 1, at: later, outcome: 'rejected', message: 'The platform refused the call (422): Pacote inexistente.' }],
  },
  IntegrationSettings: { ...settings, version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  IntegrationSettingsRequest: settings,
  IntegrationSettingsSnapshot: settings,
  IntegrationSettingsPatch: { voip: { blockLinesWithContract: false } },
  VoipSettings: settings.voip,
  VoipSettingsPatch: { blockLinesWithContract: false },
  MvnoSettings: settings.mvno,
  MvnoSettingsPatch: { partialBlockFollowsContract: false },
  CreditAnalysisSettings: settings.creditAnalysis,
  CreditAnalysisSettingsPatch: { reconsultIntervalDays: 30 },
  CommunicationChannelSettings: settings.communicationChannel,
  CommunicationChannelSettingsPatch: { defaultOpaSuiteIntegrationId: null },
  IntegrationSettingsChange: settingsChange,
  IntegrationSettingsChangePage: page(settingsChange),
  SipLine: sipLine,
  SipLinePage: page(sipLine),
  CreateSipLineRequest: { extension: '4021', number: '(11) 3222-1000', password: 'S3nh4-Ramal' },
  UpdateSipLineRequest: { status: 'blocked' },
  MvnoLine: mvnoLine,
  CreateStfcIntegrationRequest: { description: 'Summit — produção', url: 'https://summit.example.com.br/api', token: 'smt_3f9a0c1e7b2d' },
  UpdateStfcIntegrationRequest: { token: 'smt_8b1d4e2a9c0f' },
  StfcIntegration: stfcIntegration,
  StfcIntegrationPage: page(stfcIntegration),
  StfcService: stfcService,
  StfcServiceList: { items: [stfcService] },
  StfcContract: { contract, customer: { id: ids.customer, name: 'Maria Souza', document: '52998224725' }, service: stfcService },
  StfcContractPage: page({ contract, customer: { id: ids.customer, name: 'Maria Souza', document: '52998224725' }, service: stfcService }),
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
  MvnoLinePage: page(mvnoLine),
  CreateMvnoLineRequest: { msisdn: '(11) 98765-4321', iccid: '8955101000000000005', plan: 'TELECALL-10GB' },
  UpdateMvnoLineRequest: { status: 'blocked_partial' },
  CreateCreditIntegrationRequest: { bureau: 'serasa', description: 'Serasa Experian — PEFIN', url: 'https://api.serasaexperian.com.br', username: 'provedor-consulta', password: 'c0nsulta-S3cret', negativationUsername: 'provedor-pefin', negativationPassword: 'pef1n-S3cret' },
  UpdateCreditIntegrationRequest: { active: false },
  CreditIntegration: creditIntegration,
  CreatedCreditIntegration: { ...creditIntegration, webhookSecret: 'wh_9Qm2Lx7Vt4Rk8Zp3Nc6Bf1Hd' },
  CreditIntegrationPage: page(creditIntegration),
  CreditConsultRequest: { document: '529.982.247-25', integrationId: creditIntegrationId, purpose: 'Novo contrato de fibra 500 Mb' },
  CreditRestriction: restriction,
  CreditConsultation: creditConsultation,
  CreditConsultationPage: page(creditConsultation),
  CreateNegativationRequest: { contractId: ids.contract, chargeId: '0193a4fa-0c01-7a2b-9c3d-4e5f6a7b8c90' },
  Negativation: negativation,
  NegativationPage: page(negativation),
  CreditWebhookNotification: { uuid: '5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', status: 'SUCCESS' },
  CreditWebhookReceipt: { negativationId: negativation.id, state: 'registered' },
  CreateOpaSuiteIntegrationRequest: { description: 'Opa! Suite — atendimento', url: 'https://atendimento.provedor.com.br/api/v1', token: 'opa_7f3c9a1e5b2d8c4f', channelId: '64b0c0ffee00000000000c01' },
  UpdateOpaSuiteIntegrationRequest: { token: 'opa_2b8e4d1f9a3c7e5b' },
  OpaSuiteIntegration: opaSuiteIntegration,
  OpaSuiteIntegrationPage: page(opaSuiteIntegration),
  OpaSuiteTemplates: { items: [{ id: '64b0c0ffee00000000000a02', name: 'Aviso de bloqueio', variableCount: 2 }] },
  NotificationTemplate: notificationTemplate,
  NotificationTemplatesRequest: { items: [notificationTemplate] },
  NotificationTemplates: { items: [notificationTemplate], version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  Notification: notification,
  NotificationPage: page(notification),
  ApiKey: apiKey,
  ApiKeyPage: page(apiKey),
  CreateApiKeyRequest: { name: 'erp-integration', scopes: ['customers:write', 'contracts:write', 'products:read'] },
  CreatedApiKey: { ...apiKey, key: 'ponte_Xq3vT0yB8mLk2sRf9wZt4nPq7hJc5dVg1aEu6oIy3xM' },
};
