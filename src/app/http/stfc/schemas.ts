import { Type } from 'typebox';
import { CONTRACT_STATUSES } from '../../../domain/contracts/contract';
import type { StfcContractRow } from '../../../domain/stfc/ports';
import { BILLING_ITEM_STATES, type CallRecord } from '../../../domain/stfc/billing';
import type { BatchDetail, BatchView } from '../../use-cases/stfc/billing';
import type { ContractOffers } from '../../use-cases/settings/recent-settings';
import {
  STFC_SERVICE_STATUSES,
  type OneOffValue,
  type StfcIntegration,
  type StfcService,
  type ZeroBillingEvent,
} from '../../../domain/stfc/stfc';
import { maskDocument, maskName, PERSONAL_DATA_NOTE } from '../personal-data';
import { ContractView, contractView } from '../contracts/schemas';
import {
  AuthError,
  authErrorView,
  Credential,
  FreeText,
  Id,
  Nullable,
  PageQuery,
  StringEnum,
  Text,
  Timestamp,
} from '../common';

const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 500,
  description: "Summit's base URL, as Summit gave it to the provider.",
});
const Token = Credential('The token Summit gave the provider. Write-only: sealed, sent to Summit, never returned.');
export const Competence = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'A competence month: YYYY-MM.',
});

export const CreateStfcIntegrationBody = Type.Object(
  { description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))), url: Url, token: Token },
  { title: 'CreateStfcIntegrationRequest', additionalProperties: false },
);

export const UpdateStfcIntegrationBody = Type.Object(
  {
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    url: Type.Optional(Url),
    token: Type.Optional(Token),
  },
  {
    title: 'UpdateStfcIntegrationRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'New credentials clear `authError`.',
  },
);

export const StfcIntegrationView = Type.Object(
  {
    id: Id,
    description: Nullable(Type.String()),
    url: Type.String(),
    credentialsSet: Type.Boolean({ description: 'Credentials are stored (they are never shown).' }),
    authError: AuthError('Summit refused the credentials; cleared when they change.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  {
    title: 'StfcIntegration',
    description: 'A Summit (STFC billing) integration. While one exists, the STFC module is enabled.',
  },
);

export const stfcIntegrationView = (i: StfcIntegration) => ({
  id: i.id,
  description: i.description,
  url: i.url,
  credentialsSet: true,
  authError: authErrorView(i.authError),
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const StfcServiceView = Type.Object(
  {
    id: Id,
    contractId: Id,
    contractItemId: Nullable(Id),
    integrationId: Id,
    number: Type.String({ description: 'E.164.' }),
    plan: Type.String(),
    status: StringEnum(STFC_SERVICE_STATUSES, {
      description: 'pending: being provisioned on Summit; active: provisioned.',
    }),
    provisionedAt: Nullable(Timestamp),
    deleted: Type.Boolean({ description: 'Its product left the contract: it stays for the history.' }),
    deletedAt: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { title: 'StfcService', description: 'The Summit telephony service of a contract (a product of type stfc on it).' },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const stfcServiceView = (s: StfcService) => ({
  id: s.id,
  contractId: s.contractId,
  contractItemId: s.contractItemId,
  integrationId: s.integrationId,
  number: s.number,
  plan: s.plan,
  status: s.status,
  provisionedAt: iso(s.provisionedAt),
  deleted: s.deletedAt !== null,
  deletedAt: iso(s.deletedAt),
  createdAt: s.createdAt.toISOString(),
});

export const StfcContractView = Type.Object(
  {
    contract: ContractView,
    customer: Type.Object(
      { id: Id, name: Type.String(), document: Type.String() },
      { description: `The contract's customer. ${PERSONAL_DATA_NOTE}` },
    ),
    service: StfcServiceView,
  },
  { title: 'StfcContract', description: 'A contract with its Summit telephony service.' },
);

export const stfcContractView = (personal: boolean, offers: ContractOffers) => (row: StfcContractRow) => ({
  contract: contractView(row.contract, offers),
  customer: {
    id: row.customer.id,
    name: personal ? row.customer.name : maskName(row.customer.name),
    document: personal ? row.customer.document : maskDocument(row.customer.document),
  },
  service: stfcServiceView(row.service),
});

const ListFilters = {
  status: Type.Optional(StringEnum(CONTRACT_STATUSES, { description: "The contract's status." })),
  q: Type.Optional(
    Text({
      minLength: 1,
      maxLength: 100,
      description: "Free search: the customer's name or document, or the service's number.",
    }),
  ),
  integrationState: Type.Optional(
    StringEnum(['pending', 'provisioned', 'error'] as const, {
      description:
        'pending: being provisioned on Summit; provisioned: done; error: its provisioning gave up, or a billing (of `competence`, when given) failed.',
    }),
  ),
  provisionedIn: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: "Services provisioned in this month (YYYY-MM, the provider's time zone): the new subscribers.",
    }),
  ),
};

export const StfcContractQuery = Type.Object(
  {
    ...PageQuery,
    ...ListFilters,
    competence: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
        description: 'With integrationState=error: only billing failures of this competence.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Indicator = Type.Object({
  count: Type.Integer(),
  list: Type.String({ description: 'The list behind the number (same filters).' }),
});

export const StfcIndicatorsView = Type.Object(
  {
    competence: Competence,
    newSubscribers: Type.Object(Indicator.properties, {
      description: 'Contracts whose Summit service was provisioned in the competence.',
    }),
    integrationErrors: Type.Object(Indicator.properties, {
      description: 'Contracts whose Summit provisioning gave up, or whose billing of the competence failed.',
    }),
    notBilled: Type.Object(Indicator.properties, {
      description: 'Contracts still billable for the competence (no billing yet).',
    }),
  },
  { title: 'StfcIndicators', description: "Seed 001's dashboard indicators." },
);

export const IndicatorsQuery = Type.Object({ competence: Competence }, { additionalProperties: false });
export const BillableQuery = Type.Object(
  { ...PageQuery, competence: Competence, ...ListFilters },
  { additionalProperties: false },
);

export const CreateOneOffValueBody = Type.Object(
  {
    competence: Competence,
    amountCents: Type.Integer({
      minimum: -100_000_000,
      maximum: 100_000_000,
      description: 'In cents; negative for a discount.',
    }),
    description: Text({ minLength: 1, maxLength: 200 }),
    stfcServiceId: Type.Optional(Nullable(Id)),
  },
  {
    title: 'CreateOneOffValueRequest',
    additionalProperties: false,
    description: "`stfcServiceId` absent: linked to the contract's live Summit service (if any); null: not linked.",
  },
);

export const OneOffValueView = Type.Object(
  {
    id: Id,
    contractId: Id,
    stfcServiceId: Nullable(Id),
    competence: Competence,
    amountCents: Type.Integer(),
    description: Type.String(),
    actor: Type.String(),
    createdAt: Timestamp,
  },
  {
    title: 'OneOffValue',
    description:
      "Valor eventual: an amount for one competence. Linked to the Summit service, it keeps the contract out of that competence's STFC billing.",
  },
);

export const oneOffValueView = (v: OneOffValue) => ({ ...v, createdAt: v.createdAt.toISOString() });

export const CreateZeroBillingEventBody = Type.Object(
  { competence: Type.Optional(Nullable(Competence)), reason: Type.Optional(Nullable(FreeText({ maxLength: 500 }))) },
  {
    title: 'CreateZeroBillingEventRequest',
    additionalProperties: false,
    description: '`competence` absent or null: every competence.',
  },
);

export const ZeroBillingEventView = Type.Object(
  {
    id: Id,
    contractId: Id,
    competence: Nullable(Competence),
    reason: Nullable(Type.String()),
    actor: Type.String(),
    createdAt: Timestamp,
  },
  {
    title: 'ZeroBillingEvent',
    description:
      'Evento de faturamento zerado: the contract is not billed by the STFC dashboard for the competence (null: for any).',
  },
);

export const zeroBillingEventView = (e: ZeroBillingEvent) => ({ ...e, createdAt: e.createdAt.toISOString() });

export const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** A billing day's selection in one request. */
export const BATCH_MAX_CONTRACTS = 1000;

export const CreateBillingBatchBody = Type.Object(
  {
    competence: Competence,
    contractIds: Type.Array(Id, {
      minItems: 1,
      maxItems: BATCH_MAX_CONTRACTS,
      uniqueItems: true,
      description: 'The contracts to bill, usually picked from GET /v1/stfc/billable-contracts.',
    }),
  },
  { title: 'CreateBillingBatchRequest', additionalProperties: false },
);

const Progress = Type.Object(
  {
    total: Type.Integer(),
    done: Type.Integer(),
    pending: Type.Integer(),
    awaitingSummit: Type.Integer(),
    failed: Type.Integer(),
    skipped: Type.Integer(),
  },
  {
    description:
      'How many contracts are done (billed), still pending, awaiting Summit (the month is not closed there yet: asked again until it is), failed or skipped; done + failed + skipped of total are processed.',
  },
);

const BatchFields = {
  id: Id,
  competence: Competence,
  total: Type.Integer(),
  actor: Type.String({ description: "Who asked: the API key's name." }),
  createdAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  progress: Progress,
};

export const BillingBatchView = Type.Object(BatchFields, {
  title: 'BillingBatch',
  description: 'Gerar Cobrança - Acompanhamento: one request to bill contracts for a competence.',
});

export const BillingItemView = Type.Object(
  {
    id: Id,
    contractId: Id,
    state: StringEnum(BILLING_ITEM_STATES, {
      description:
        'pending: waiting or retrying; awaiting_summit: Summit has not closed the month yet, asked again (every hour) until it has, not an integration error; done: billed; failed: Summit refused it or the retries gave up (retry its delivery); skipped: nothing to bill.',
    }),
    message: Nullable(Type.String()),
    chargeId: Nullable(Id),
    callsImported: Type.Integer({ description: "The contract's calls of the competence imported so far." }),
    attempts: Type.Integer(),
    updatedAt: Timestamp,
  },
  { title: 'BillingItem', description: 'One contract of a batch: its processing log.' },
);

export const BillingBatchDetailView = Type.Object(
  { ...BatchFields, items: Type.Array(BillingItemView) },
  { title: 'BillingBatchDetail' },
);

const batchFields = (b: BatchView) => ({
  id: b.id,
  competence: b.competence,
  total: b.total,
  actor: b.actor,
  createdAt: b.createdAt.toISOString(),
  finishedAt: iso(b.finishedAt),
  progress: b.progress,
});

export const billingBatchView = (b: BatchView) => batchFields(b);

export const billingBatchDetailView = (b: BatchDetail) => ({
  ...batchFields(b),
  items: b.items.map((i) => ({
    id: i.id,
    contractId: i.contractId,
    state: i.state,
    message: i.message,
    chargeId: i.chargeId,
    callsImported: i.callsImported,
    attempts: i.attempts,
    updatedAt: i.updatedAt.toISOString(),
  })),
});

export const CallRecordQuery = Type.Object(
  { ...PageQuery, competence: Type.Optional(Competence) },
  { additionalProperties: false },
);

export const CallRecordView = Type.Object(
  {
    id: Id,
    contractId: Id,
    competence: Competence,
    callId: Type.String({ description: "Summit's id of the call: each is imported once." }),
    startedAt: Timestamp,
    origin: Type.String(),
    destination: Type.String(),
    kind: Type.String({ description: 'As Summit names it: local, long_distance, mobile…' }),
    durationSeconds: Type.Integer(),
    billedSeconds: Type.Integer(),
    amountCents: Type.Integer(),
    batchId: Nullable(Id),
    importedAt: Timestamp,
  },
  { title: 'CallRecord', description: 'A call imported from Summit.' },
);

export const callRecordView = (c: CallRecord) => ({
  ...c,
  startedAt: c.startedAt.toISOString(),
  importedAt: c.importedAt.toISOString(),
});
