import { Type } from 'typebox';
import { CONTRACT_STATUSES } from '../../../domain/contracts/contract';
import type { StfcContractRow } from '../../../domain/ports/repositories';
import { STFC_SERVICE_STATUSES, type OneOffValue, type StfcIntegration, type StfcService, type ZeroBillingEvent } from '../../../domain/stfc/stfc';
import { maskDocument, maskName, PERSONAL_DATA_NOTE } from '../personal-data';
import { ContractView, contractView } from '../contracts/schemas';
import { Credential, FreeText, Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from '../common';

const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500, description: "Summit's base URL, as Summit gave it to the provider." });
const Token = Credential('The token Summit gave the provider. Write-only: sealed, sent to Summit, never returned.');
export const Competence = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A competence month: YYYY-MM.' });

export const CreateStfcIntegrationBody = Type.Object(
  { description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))), url: Url, token: Token },
  { title: 'CreateStfcIntegrationRequest', additionalProperties: false },
);

export const UpdateStfcIntegrationBody = Type.Object(
  { description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))), url: Type.Optional(Url), token: Type.Optional(Token) },
  { title: 'UpdateStfcIntegrationRequest', additionalProperties: false, minProperties: 1, description: 'New credentials clear `authError`.' },
);

export const StfcIntegrationView = Type.Object(
  {
    id: Id,
    description: Nullable(Type.String()),
    url: Type.String(),
    credentialsSet: Type.Boolean({ description: 'Credentials are stored (they are never shown).' }),
    authError: Nullable(Type.Object({ at: Timestamp, message: Type.String() }, { description: 'Summit refused the credentials; cleared when they change.' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'StfcIntegration', description: 'A Summit (STFC billing) integration. While one exists, the STFC module is enabled.' },
);

export const stfcIntegrationView = (i: StfcIntegration) => ({
  id: i.id,
  description: i.description,
  url: i.url,
  credentialsSet: true,
  authError: i.authError ? { at: i.authError.at.toISOString(), message: i.authError.message } : null,
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
    status: StringEnum(STFC_SERVICE_STATUSES, { description: 'pending: being provisioned on Summit; active: provisioned.' }),
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
    customer: Type.Object({ id: Id, name: Type.String(), document: Type.String() }, { description: `The contract's customer. ${PERSONAL_DATA_NOTE}` }),
    service: StfcServiceView,
  },
  { title: 'StfcContract', description: 'A contract with its Summit telephony service.' },
);

export const stfcContractView = (personal: boolean) => (row: StfcContractRow) => ({
  contract: contractView(row.contract),
  customer: { id: row.customer.id, name: personal ? row.customer.name : maskName(row.customer.name), document: personal ? row.customer.document : maskDocument(row.customer.document) },
  service: stfcServiceView(row.service),
});

const ListFilters = {
  status: Type.Optional(StringEnum(CONTRACT_STATUSES, { description: "The contract's status." })),
  q: Type.Optional(Text({ minLength: 1, maxLength: 100, description: "Free search: the customer's name or document, or the service's number." })),
};

export const StfcContractQuery = Type.Object({ ...PageQuery, ...ListFilters }, { additionalProperties: false });
export const BillableQuery = Type.Object({ ...PageQuery, competence: Competence, ...ListFilters }, { additionalProperties: false });

export const CreateOneOffValueBody = Type.Object(
  {
    competence: Competence,
    amountCents: Type.Integer({ minimum: -100_000_000, maximum: 100_000_000, description: 'In cents; negative for a discount.' }),
    description: Text({ minLength: 1, maxLength: 200 }),
    stfcServiceId: Type.Optional(Nullable(Id)),
  },
  { title: 'CreateOneOffValueRequest', additionalProperties: false, description: "`stfcServiceId` absent: linked to the contract's live Summit service (if any); null: not linked." },
);

export const OneOffValueView = Type.Object(
  { id: Id, contractId: Id, stfcServiceId: Nullable(Id), competence: Competence, amountCents: Type.Integer(), description: Type.String(), actor: Type.String(), createdAt: Timestamp },
  { title: 'OneOffValue', description: 'Valor eventual: an amount for one competence. Linked to the Summit service, it keeps the contract out of that competence\'s STFC billing.' },
);

export const oneOffValueView = (v: OneOffValue) => ({ ...v, createdAt: v.createdAt.toISOString() });

export const CreateZeroBillingEventBody = Type.Object(
  { competence: Type.Optional(Nullable(Competence)), reason: Type.Optional(Nullable(FreeText({ maxLength: 500 }))) },
  { title: 'CreateZeroBillingEventRequest', additionalProperties: false, description: '`competence` absent or null: every competence.' },
);

export const ZeroBillingEventView = Type.Object(
  { id: Id, contractId: Id, competence: Nullable(Competence), reason: Nullable(Type.String()), actor: Type.String(), createdAt: Timestamp },
  { title: 'ZeroBillingEvent', description: 'Evento de faturamento zerado: the contract is not billed by the STFC dashboard for the competence (null: for any).' },
);

export const zeroBillingEventView = (e: ZeroBillingEvent) => ({ ...e, createdAt: e.createdAt.toISOString() });

export const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
