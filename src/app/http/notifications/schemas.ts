import { Type } from 'typebox';
import {
  NOTIFICATION_EVENTS,
  NOTIFICATION_STATUSES,
  TEMPLATE_VARIABLES,
  type Notification,
  type NotificationTemplates,
} from '../../../domain/notifications/notification';
import type { OpaSuiteIntegration } from '../../../domain/notifications/opa-suite';
import type { OpaSuiteTemplate } from '../../../domain/notifications/ports';
import type { StoredSettings } from '../../../domain/settings/ports';
import {
  AuthError,
  authErrorView,
  Credential,
  FreeText,
  Id,
  Nullable,
  PageQuery,
  StringEnum,
  Timestamp,
} from '../common';

const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 500,
  description: "The tenant's API address: https://<tenant domain>/api/v1.",
});
const Token = Credential('The token of an Opa! Suite token group. Write-only: sealed, never returned.');
const OpaId = (description: string) =>
  Type.String({
    pattern: '^[0-9a-fA-F]{24}$',
    description: `${description} (24 hexadecimal characters, as Opa! Suite's ids are).`,
  });
const ChannelId = OpaId('The communication channel (canal) messages go out through');

export const CreateOpaSuiteIntegrationBody = Type.Object(
  { description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))), url: Url, token: Token, channelId: ChannelId },
  { title: 'CreateOpaSuiteIntegrationRequest', additionalProperties: false },
);

export const UpdateOpaSuiteIntegrationBody = Type.Object(
  {
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    url: Type.Optional(Url),
    token: Type.Optional(Token),
    channelId: Type.Optional(ChannelId),
  },
  {
    title: 'UpdateOpaSuiteIntegrationRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'A new token (after Opa! Suite regenerated it) clears `authError`.',
  },
);

export const OpaSuiteIntegrationView = Type.Object(
  {
    id: Id,
    description: Nullable(Type.String()),
    url: Type.String(),
    channelId: Type.String(),
    credentialsSet: Type.Boolean({ description: 'The token is stored (it is never shown).' }),
    authError: AuthError(
      'Opa! Suite refused the token (regenerated, or a network outside the token group); cleared when it changes.',
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'OpaSuiteIntegration', description: 'An Opa! Suite tenant customer notifications go through.' },
);

export const opaSuiteIntegrationView = (i: OpaSuiteIntegration) => ({
  id: i.id,
  description: i.description,
  url: i.url,
  channelId: i.channelId,
  credentialsSet: true,
  authError: authErrorView(i.authError),
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const OpaSuiteTemplatesView = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        variableCount: Nullable(Type.Integer({ description: 'How many variables a send must fill.' })),
      }),
    ),
  },
  { title: 'OpaSuiteTemplates' },
);
export const opaSuiteTemplatesView = (items: readonly OpaSuiteTemplate[]) => ({ items: items.map((t) => ({ ...t })) });

const TemplateItem = Type.Object(
  {
    event: StringEnum(NOTIFICATION_EVENTS, {
      description:
        'Contract events: report_late_payment, block, unblock, cancel, trust_release; charges: charge_created, charge_overdue.',
    }),
    templateId: OpaId("The template's id at Opa! Suite"),
    variables: Type.Array(StringEnum(TEMPLATE_VARIABLES), {
      maxItems: 20,
      description:
        "What fills the template's variables, in its order. charge.* only for charge events, trustRelease.endsOn only for trust_release, event.reason only for contract events and overdue_notice (there: the notice's whole text, as the RGC asks).",
    }),
  },
  { title: 'NotificationTemplate', additionalProperties: false },
);

export const ReplaceNotificationTemplatesBody = Type.Object(
  { items: Type.Array(TemplateItem, { maxItems: NOTIFICATION_EVENTS.length }) },
  { title: 'NotificationTemplatesRequest', additionalProperties: false },
);

export const NotificationTemplatesView = Type.Object(
  {
    items: Type.Array(TemplateItem),
    version: Type.Integer({ description: 'How many changes were made; 0: never set.' }),
    updatedAt: Nullable(Timestamp),
    updatedBy: Nullable(Type.String()),
  },
  {
    title: 'NotificationTemplates',
    description: 'The Opa! Suite template of each notified event; an event without one is not notified.',
  },
);

export const notificationTemplatesView = (stored: StoredSettings<NotificationTemplates>) => ({
  items: stored.settings.items.map((t) => ({ event: t.event, templateId: t.templateId, variables: [...t.variables] })),
  version: stored.version,
  updatedAt: stored.updatedAt ? stored.updatedAt.toISOString() : null,
  updatedBy: stored.updatedBy,
});

export const NotificationView = Type.Object(
  {
    id: Id,
    contractId: Id,
    chargeId: Nullable(Id),
    event: StringEnum(NOTIFICATION_EVENTS),
    integrationId: Nullable(Id),
    templateId: Type.String(),
    phone: Nullable(
      Type.String({ description: "The customer's mobile phone (+55…); null when the customer has none." }),
    ),
    variables: Type.Array(Type.String(), { description: "The template's variables as sent." }),
    status: StringEnum(NOTIFICATION_STATUSES, {
      description:
        'pending (on its way), sent, failed (Opa! Suite refused it: `error`), skipped (not sent: `error` says why).',
    }),
    messageId: Nullable(Type.String({ description: "Opa! Suite's id of the message." })),
    error: Nullable(Type.String()),
    createdAt: Timestamp,
    sentAt: Nullable(Timestamp),
  },
  { title: 'Notification' },
);

export const notificationView = (n: Notification) => ({
  id: n.id,
  contractId: n.contractId,
  chargeId: n.chargeId,
  event: n.event,
  integrationId: n.integrationId,
  templateId: n.templateId,
  phone: n.phone,
  variables: [...n.variables],
  status: n.status,
  messageId: n.messageId,
  error: n.error,
  createdAt: n.createdAt.toISOString(),
  sentAt: n.sentAt ? n.sentAt.toISOString() : null,
});

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });
