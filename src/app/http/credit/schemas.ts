import { Type } from 'typebox';
import {
  BUREAUS,
  CONSULTATION_STATUSES,
  NEGATIVATION_STATES,
  type CreditConsultation,
  type CreditIntegration,
  type Negativation,
} from '../../../domain/credit/credit';
import type { CreatedCreditIntegration } from '../../use-cases/credit/integrations';
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

const Bureau = StringEnum(BUREAUS, {
  description:
    'serasa (Serasa Experian), spc (SPC Brasil), boa_vista, quod. Consults and negativations go through Serasa and SPC Brasil.',
});
const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 500,
  description: "The bureau's base URL, as the bureau gave it to the provider.",
});
const Username = Text({
  minLength: 1,
  maxLength: 200,
  description: 'The login at the bureau (Serasa: client id; SPC Brasil: operator code).',
});
const Password = Credential('The password (Serasa: client secret).');
const WebhookSecret = Type.String({
  minLength: 16,
  maxLength: 200,
  pattern: '^[^\\s\\u0000-\\u001F\\u007F]+$',
  writeOnly: true,
  description:
    'What the bureau presents on its webhook calls (Authorization: Bearer <secret>). Write-only: sealed, never returned. Left out at creation, Ponte makes one and shows it once.',
});

export const CreateCreditIntegrationBody = Type.Object(
  {
    bureau: Bureau,
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    url: Url,
    username: Username,
    password: Password,
    negativationUsername: Type.Optional({
      ...Username,
      description:
        'Serasa only: the login of the negativation (PEFIN) contract; without it, the consult login is used.',
    }),
    negativationPassword: Type.Optional(Credential('Serasa only: the password of the negativation login.')),
    webhookSecret: Type.Optional(WebhookSecret),
    active: Type.Optional(
      Type.Boolean({ description: 'Default true. Credit analysis is on while an active integration exists.' }),
    ),
  },
  { title: 'CreateCreditIntegrationRequest', additionalProperties: false },
);

export const UpdateCreditIntegrationBody = Type.Object(
  {
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    url: Type.Optional(Url),
    username: Type.Optional(Username),
    password: Type.Optional(Password),
    negativationUsername: Type.Optional(Username),
    negativationPassword: Type.Optional(Credential('Serasa only: the password of the negativation login.')),
    webhookSecret: Type.Optional(WebhookSecret),
    active: Type.Optional(Type.Boolean()),
  },
  {
    title: 'UpdateCreditIntegrationRequest',
    additionalProperties: false,
    minProperties: 1,
    description:
      'The bureau cannot change. Credentials come in pairs (username with password); new ones clear `authError`.',
  },
);

const integrationFields = {
  id: Id,
  bureau: Bureau,
  description: Nullable(Type.String()),
  url: Type.String(),
  active: Type.Boolean(),
  credentialsSet: Type.Boolean({ description: 'Credentials are stored (they are never shown).' }),
  webhookUrl: Type.String({ description: "Where the bureau posts its results (relative to this Ponte's address)." }),
  authError: AuthError('The bureau refused the credentials; cleared when they change.'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const CreditIntegrationView = Type.Object(integrationFields, {
  title: 'CreditIntegration',
  description:
    'A credit bureau integration. While an active one exists, credit analysis is on (settings creditAnalysis.enabled).',
});

export const CreatedCreditIntegrationView = Type.Object(
  {
    ...integrationFields,
    webhookSecret: Nullable(
      Type.String({
        description:
          'The webhook secret Ponte made, shown this once; null when the request gave one, and on an Idempotency-Key replay (it was shown at creation and is not kept).',
      }),
    ),
  },
  { title: 'CreatedCreditIntegration' },
);

export const creditIntegrationView = (i: CreditIntegration) => ({
  id: i.id,
  bureau: i.bureau,
  description: i.description,
  url: i.url,
  active: i.active,
  credentialsSet: true,
  webhookUrl: `/v1/webhooks/credit/${i.id}`,
  authError: authErrorView(i.authError),
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const createdCreditIntegrationView = ({ integration, webhookSecret }: CreatedCreditIntegration) => ({
  ...creditIntegrationView(integration),
  webhookSecret,
});

export const CreditConsultBody = Type.Object(
  {
    document: Type.String({
      minLength: 1,
      maxLength: 32,
      description: 'The CPF or CNPJ to consult, with or without punctuation.',
    }),
    integrationId: Id,
    purpose: FreeText({
      maxLength: 300,
      description: 'Why it is consulted (LGPD: kept with who asked), e.g. "new contract".',
    }),
    confirm: Type.Optional(
      Type.Boolean({
        description:
          "Consult again even inside the settings' reconsult interval (answered 409 CONFIRMATION_REQUIRED without it).",
      }),
    ),
  },
  { title: 'CreditConsultRequest', additionalProperties: false },
);

const Restriction = Type.Object(
  {
    kind: Type.String({ description: 'pefin, refin, notary (protesto), check (cheque), spc…' }),
    creditor: Nullable(Type.String()),
    amountCents: Nullable(Type.Integer()),
    date: Nullable(Type.String({ description: 'YYYY-MM-DD, as the bureau gives it.' })),
  },
  { title: 'CreditRestriction' },
);

export const CreditConsultationView = Type.Object(
  {
    id: Id,
    integrationId: Nullable(Id),
    bureau: Bureau,
    document: Type.String(),
    documentType: StringEnum(['cpf', 'cnpj'] as const),
    purpose: Type.String(),
    actor: Type.String({ description: 'The API key that asked.' }),
    status: StringEnum(CONSULTATION_STATUSES, {
      description: 'completed, or failed (the bureau did not answer: `error` says why).',
    }),
    name: Nullable(Type.String()),
    registrationStatus: Nullable(
      Type.String({ description: "The document's standing at the Receita Federal, as the bureau reports it." }),
    ),
    score: Nullable(Type.Integer()),
    restrictions: Type.Array(Restriction),
    raw: Type.Unknown({ description: "The bureau's own answer; null once CREDIT_RAW_RETENTION_DAYS have passed." }),
    rawExpiresAt: Nullable(Timestamp),
    error: Nullable(Type.String()),
    confirmed: Type.Boolean({ description: 'Made inside the reconsult interval, with confirm: true.' }),
    consultedAt: Timestamp,
  },
  { title: 'CreditConsultation' },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const creditConsultationView = (c: CreditConsultation) => ({
  id: c.id,
  integrationId: c.integrationId,
  bureau: c.bureau,
  document: c.document,
  documentType: c.documentType,
  purpose: c.purpose,
  actor: c.actor,
  status: c.status,
  name: c.name,
  registrationStatus: c.registrationStatus,
  score: c.score,
  restrictions: c.restrictions.map((r) => ({ ...r })),
  raw: c.raw ?? null,
  rawExpiresAt: iso(c.rawExpiresAt),
  error: c.error,
  confirmed: c.confirmed,
  consultedAt: c.consultedAt.toISOString(),
});

export const ConsultationQuery = Type.Object(
  {
    ...PageQuery,
    document: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Only consults of this CPF/CNPJ.' }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Consulted at or after.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Consulted before.' })),
  },
  { additionalProperties: false },
);

export const CreateNegativationBody = Type.Object(
  {
    contractId: Id,
    chargeId: Id,
    integrationId: Type.Optional({
      ...Id,
      description: 'The bureau to use; optional while a single integration is active.',
    }),
  },
  { title: 'CreateNegativationRequest', additionalProperties: false },
);

export const NegativationView = Type.Object(
  {
    id: Id,
    contractId: Id,
    chargeId: Id,
    integrationId: Id,
    bureau: Bureau,
    state: StringEnum(NEGATIVATION_STATES, {
      description:
        "pending (on its way, or waiting for the bureau's answer), registered, failed (the bureau refused: `message`), removed.",
    }),
    requestId: Nullable(Type.String({ description: "The bureau's id of the debt." })),
    message: Nullable(Type.String()),
    amountCents: Type.Integer(),
    dueDate: Type.String({ format: 'date' }),
    actor: Type.String(),
    registeredAt: Nullable(Timestamp),
    failedAt: Nullable(Timestamp),
    removedAt: Nullable(Timestamp),
    removalConfirmedAt: Nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Negativation' },
);

export const negativationView = (n: Negativation) => ({
  id: n.id,
  contractId: n.contractId,
  chargeId: n.chargeId,
  integrationId: n.integrationId,
  bureau: n.bureau,
  state: n.state,
  requestId: n.requestId,
  message: n.message,
  amountCents: n.amountCents,
  dueDate: n.dueDate,
  actor: n.actor,
  registeredAt: iso(n.registeredAt),
  failedAt: iso(n.failedAt),
  removedAt: iso(n.removedAt),
  removalConfirmedAt: iso(n.removalConfirmedAt),
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});

export const NegativationQuery = Type.Object(
  { ...PageQuery, contractId: Type.Optional(Id), state: Type.Optional(StringEnum(NEGATIVATION_STATES)) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

export const WebhookParams = Type.Object({ integrationId: Id });
export const WebhookBody = Type.Object(
  {},
  {
    additionalProperties: true,
    title: 'CreditWebhookNotification',
    description:
      "The bureau's notification as it sends it (Serasa: `{uuid, status: SUCCESS | ERROR | REMOVED, message?}`).",
  },
);
export const WebhookAnswer = Type.Object(
  { negativationId: Id, state: StringEnum(NEGATIVATION_STATES) },
  { title: 'CreditWebhookReceipt' },
);
