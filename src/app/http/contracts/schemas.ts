import { Type } from 'typebox';
import {
  ACCESS_STATUSES,
  CONTRACT_EVENT_TYPES,
  HISTORY_TYPES,
  CONTRACT_STATUSES,
  EVENT_MODES,
  type Contract,
  type ContractHistoryEntry,
} from '../../../domain/contracts/contract';
import { allowedEvents, negativable } from '../../../domain/contracts/contract-transitions';
import type { ContractOffers } from '../../use-cases/settings/recent-settings';
import { FreeText, Id, Notices, Nullable, PageQuery, StringEnum, Timestamp } from '../common';

const Status = StringEnum(CONTRACT_STATUSES, {
  description: 'pre_contract, active, inactive (cancelled), negativated, withdrawn (desistiu).',
});
const AccessStatus = StringEnum(ACCESS_STATUSES, {
  description: 'Internet access: active, disabled, manual_block, automatic_block, late_payment, awaiting_signature.',
});
const EventType = StringEnum(CONTRACT_EVENT_TYPES);
const BUREAU_ONLY =
  'negativate and remove_negativation are refused (409 NEGATIVATION_ONLY_THROUGH_BUREAU): a contract is negativated through POST /v1/negativations and its negativation removed through DELETE /v1/negativations/{id}.';
const RequestEventType = StringEnum(CONTRACT_EVENT_TYPES, { description: BUREAU_ONLY });
const BulkEventType = StringEnum(
  CONTRACT_EVENT_TYPES.filter((type) => type !== 'trust_release'),
  { description: `Any event but trust_release, which is given one contract at a time. ${BUREAU_ONLY}` },
);
const Mode = StringEnum(EVENT_MODES);
const BillingDay = Type.Integer({
  minimum: 1,
  maximum: 28,
  description: 'Day of the month the bill closes (the closing day Summit receives).',
});
const BillingStart = Type.String({
  format: 'date',
  description: 'First day of the billing validity (vigência de faturamento); null: open.',
});
const BillingEnd = Type.String({
  format: 'date',
  description: 'Last day of the billing validity; null: open. Not before billingStart.',
});
const BillingFields = {
  billingDay: Type.Optional(Nullable(BillingDay)),
  billingStart: Type.Optional(Nullable(BillingStart)),
  billingEnd: Type.Optional(Nullable(BillingEnd)),
};

export const CreateContractBody = Type.Object(
  { customerId: Id, description: Type.Optional(Nullable(FreeText({ maxLength: 500 }))), ...BillingFields },
  { title: 'CreateContractRequest', additionalProperties: false },
);

export const UpdateContractBody = Type.Object(
  { description: Type.Optional(Nullable(FreeText({ maxLength: 500 }))), ...BillingFields },
  {
    title: 'UpdateContractRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'Status and access status change only through events; approval through its own call.',
  },
);

export const ContractQuery = Type.Object(
  {
    ...PageQuery,
    customerId: Type.Optional(Id),
    status: Type.Optional(Status),
    accessStatus: Type.Optional(AccessStatus),
  },
  { additionalProperties: false },
);

export const ContractView = Type.Object(
  {
    id: Id,
    customerId: Id,
    description: Nullable(Type.String()),
    billingDay: Nullable(Type.Integer()),
    status: Status,
    accessStatus: AccessStatus,
    allowedEvents: Type.Array(EventType, {
      description:
        'Events POST /v1/contracts/{id}/events accepts in the current state (never negativate nor remove_negativation: those happen at a bureau).',
    }),
    negativable: Type.Boolean({
      description:
        'Whether POST /v1/negativations may negativate an overdue charge of the contract now: credit analysis is on and the state allows it (active, or cancelled).',
    }),
    version: Type.Integer({ description: 'Increases with every event.' }),
    activatedAt: Nullable(Timestamp),
    blockedAt: Nullable(Timestamp),
    endedAt: Nullable(Timestamp),
    trustReleaseEndsOn: Nullable(
      Type.String({
        format: 'date',
        description: 'During a trust release, the day the overdue policy may block the contract again.',
      }),
    ),
    trustReleasedAt: Nullable(Timestamp),
    approved: Type.Boolean({
      description: 'Seed 001: only approved contracts are billed. Set by POST /v1/contracts/{id}/approve.',
    }),
    approvedAt: Nullable(Timestamp),
    billingStart: Nullable(BillingStart),
    billingEnd: Nullable(BillingEnd),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Contract' },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const contractView = (c: Contract, offers: ContractOffers) => ({
  id: c.id,
  customerId: c.customerId,
  description: c.description,
  billingDay: c.billingDay,
  status: c.status,
  accessStatus: c.accessStatus,
  allowedEvents: allowedEvents(c),
  negativable: negativable(c, offers),
  version: c.version,
  activatedAt: iso(c.activatedAt),
  blockedAt: iso(c.blockedAt),
  endedAt: iso(c.endedAt),
  trustReleaseEndsOn: c.trustReleaseEndsOn,
  trustReleasedAt: iso(c.trustReleasedAt),
  approved: c.approved,
  approvedAt: iso(c.approvedAt),
  billingStart: c.billingStart,
  billingEnd: c.billingEnd,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const ContractEventBody = Type.Object(
  {
    type: RequestEventType,
    mode: Type.Optional(Mode),
    reason: Type.Optional(FreeText({ maxLength: 500 })),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        description: 'trust_release only, and required with it: how many days the contract stays released.',
      }),
    ),
  },
  { title: 'ContractEventRequest', additionalProperties: false },
);

/** A billing day's blocks in one call. */
export const BULK_MAX_CONTRACTS = 50_000;

export const BulkContractEventBody = Type.Object(
  {
    type: BulkEventType,
    mode: Type.Optional(Mode),
    reason: Type.Optional(FreeText({ maxLength: 500 })),
    contractIds: Type.Array(Id, { minItems: 1, maxItems: BULK_MAX_CONTRACTS, description: 'Up to 50,000 contracts.' }),
  },
  { title: 'BulkContractEventRequest', additionalProperties: false },
);

export const BulkContractEventResult = Type.Object(
  {
    applied: Type.Array(Id, { description: 'Contracts the event changed.' }),
    rejected: Type.Array(
      Type.Object({
        contractId: Id,
        code: Type.String({ description: 'CONTRACT_NOT_FOUND or CONTRACT_TRANSITION_NOT_ALLOWED.' }),
        message: Type.String(),
      }),
      { description: 'Contracts left as they were, and why.' },
    ),
    notices: Type.Array(Type.Intersect([Type.Object({ contractId: Id }), Type.Unsafe({ $ref: 'Notice#' })]), {
      description: 'Per applied contract, SVA users that automatic creation did not make, and why.',
    }),
  },
  { title: 'BulkContractEventResult' },
);

export const ContractStateView = Type.Object(
  { status: Status, accessStatus: AccessStatus },
  { title: 'ContractState' },
);

const HistoryType = StringEnum(HISTORY_TYPES, {
  description:
    'The contract event, or `reconcile`: a repair of a partner platform to the contract’s state (its state unchanged).',
});

export const ContractEventView = Type.Object(
  {
    id: Id,
    contractId: Id,
    type: HistoryType,
    mode: Mode,
    reason: Nullable(Type.String()),
    actor: Type.String({ description: 'Name of the API key (or system job) that sent the event.' }),
    at: Timestamp,
    before: ContractStateView,
    after: ContractStateView,
    notices: Notices,
  },
  { title: 'ContractEvent' },
);

export const contractEventView = (e: ContractHistoryEntry) => ({
  ...e,
  before: { ...e.before },
  after: { ...e.after },
  notices: [...e.notices],
  at: e.at.toISOString(),
});

export const ContractEventResult = Type.Object(
  { event: ContractEventView, contract: ContractView, notices: Notices },
  { title: 'ContractEventResult' },
);

export const HistoryQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
