import { Type } from 'typebox';
import { CALL_COMMANDS } from '../../../domain/pbx/capabilities';
import { EXTENSION_STATUSES, type ExtensionStatus } from '../../../domain/pbx/call';
import { PBX_TYPES, type Pbx } from '../../../domain/pbx/pbx';
import type { Agent } from '../../../domain/pbx/records';
import type { CreatedPbx, PbxWithConnection } from '../../use-cases/pbx/pbx';
import { eventConnectionView, type EventConnectionView } from '../../../domain/pbx/event-connection';
import { EVENT_CONNECTION_STATES } from '../../../domain/pbx/ports';
import { PBX_CAPABILITIES } from '../../../domain/pbx/capabilities';
import { Credential, FreeText, Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from '../common';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

const Address = Text({
  minLength: 1,
  maxLength: 300,
  description:
    'An IP or host name (called over http at the port), or an http(s):// URL with its path (https://pf.central.com.br). In production an address must be https, or its host listed in PARTNER_ALLOWED_HOSTS.',
});

const EasyCallRecord = Type.Object(
  {
    address: Address,
    port: Port,
    username: Text({ minLength: 1, maxLength: 100 }),
    password: Credential("EasyCall Record's password."),
  },
  { additionalProperties: false, description: "Dígitro's EasyCall Record module, only when it is contracted." },
);

const EventSecret = Type.String({
  minLength: 16,
  maxLength: 200,
  pattern: '^[^\\s\\u0000-\\u001F\\u007F]+$',
  writeOnly: true,
  description:
    'What the PBX presents on its event calls (Authorization: Bearer <secret>). Write-only. Left out at creation, Ponte makes one and shows it once.',
});

const pbxFields = {
  description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
  address: Type.Optional(Nullable(Address)),
  port: Type.Optional(Nullable(Port)),
  account: Type.Optional(
    Nullable(Text({ minLength: 1, maxLength: 100, description: 'Dígitro: the account (Conta).' })),
  ),
  route: Type.Optional(
    Nullable(Text({ minLength: 1, maxLength: 100, description: 'Dígitro: the route (Rota) outbound calls take.' })),
  ),
  apiKey: Type.Optional(Credential("Dígitro's API key (x-api-key).")),
  easyCallRecord: Type.Optional(Nullable(EasyCallRecord)),
  ariUrl: Type.Optional(
    Nullable(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: 300,
        description: "Asterisk: ARI's base URL (http://host:8088/ari).",
      }),
    ),
  ),
  username: Type.Optional(Nullable(Text({ minLength: 1, maxLength: 100, description: 'Asterisk: the ARI user.' }))),
  password: Type.Optional(Credential("Asterisk: the ARI user's password.")),
  eventSecret: Type.Optional(EventSecret),
  active: Type.Optional(Type.Boolean()),
};

export const CreatePbxBody = Type.Object(
  {
    type: StringEnum(PBX_TYPES, { description: 'digitro, planetfone, forip, or asterisk (the open reference).' }),
    ...pbxFields,
  },
  {
    title: 'CreatePbxRequest',
    additionalProperties: false,
    description:
      'The fields of its type (seed 004): Dígitro address, port, account, route and API key (EasyCall Record only when contracted); Planetfone and ForIP address and port only; Asterisk ARI URL, user and password.',
  },
);

export const UpdatePbxBody = Type.Object(pbxFields, {
  title: 'UpdatePbxRequest',
  additionalProperties: false,
  minProperties: 1,
  description: 'The type cannot change; the fields must still fit it.',
});

const pbxViewFields = {
  id: Id,
  type: StringEnum(PBX_TYPES),
  description: Nullable(Type.String()),
  address: Nullable(Type.String()),
  port: Nullable(Type.Integer()),
  account: Nullable(Type.String()),
  route: Nullable(Type.String()),
  easyCallRecord: Nullable(Type.Object({ address: Type.String(), port: Type.Integer(), username: Type.String() })),
  ariUrl: Nullable(Type.String()),
  username: Nullable(Type.String()),
  active: Type.Boolean(),
  commands: Type.Array(StringEnum(CALL_COMMANDS), { description: 'The call commands this type of PBX takes.' }),
  eventsUrl: Type.String({ description: "Where the PBX posts its call events (relative to this Ponte's address)." }),
  eventConnection: Nullable(
    Type.Object(
      {
        state: StringEnum(EVENT_CONNECTION_STATES, {
          description:
            'connected: its events are coming in; connecting: opening, or opening again after a drop; down: it could not connect (see lastError), or it is inactive, or the process that held it stopped.',
        }),
        lastError: Nullable(Type.String({ description: 'Why it went down, or last dropped.' })),
        since: Timestamp,
        holder: Nullable(
          Type.String({ description: 'The Ponte process that holds it (host:pid:…); null while none does.' }),
        ),
      },
      {
        title: 'PbxEventConnection',
        description:
          "The event connection Ponte holds to the PBX (Asterisk's ARI WebSocket), exactly one process at a time; null for a PBX that posts its events.",
      },
    ),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const PbxView = Type.Object(pbxViewFields, { title: 'Pbx' });

export const CreatedPbxView = Type.Object(
  {
    ...pbxViewFields,
    eventSecret: Nullable(
      Type.String({
        description:
          'The event secret Ponte made, shown this once; null when the request gave one, and on an Idempotency-Key replay (it was shown at creation and is not kept).',
      }),
    ),
  },
  { title: 'CreatedPbx' },
);

const connectionJson = (c: EventConnectionView | null) =>
  c && { state: c.state, lastError: c.lastError, since: c.since.toISOString(), holder: c.holder };

export const pbxView = (p: Pbx) => ({
  id: p.id,
  type: p.type,
  description: p.description,
  address: p.address,
  port: p.port,
  account: p.account,
  route: p.route,
  easyCallRecord: p.easyCallRecord ? { ...p.easyCallRecord } : null,
  ariUrl: p.ariUrl,
  username: p.username,
  active: p.active,
  commands: [...PBX_CAPABILITIES[p.type].commands],
  eventsUrl: `/v1/pbx/${p.id}/events`,
  eventConnection: connectionJson(
    'eventConnection' in p ? (p as PbxWithConnection).eventConnection : eventConnectionView(p, null, p.updatedAt),
  ),
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const createdPbxView = ({ pbx, eventSecret }: CreatedPbx) => ({ ...pbxView(pbx), eventSecret });

export const PbxTestView = Type.Object(
  { ok: Type.Boolean() },
  { title: 'PbxTestResult', description: 'The PBX answered with these credentials.' },
);

const Extension = Text({ minLength: 1, maxLength: 20, description: 'The extension (ramal).' });

export const CreateAgentBody = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 200 }),
    pbxId: Id,
    extension: Extension,
    password: Type.Optional(Credential("The extension's password.")),
  },
  { title: 'CreateAgentRequest', additionalProperties: false },
);

export const UpdateAgentBody = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    extension: Type.Optional(Extension),
    password: Type.Optional(Nullable(Credential("The extension's password."))),
  },
  { title: 'UpdateAgentRequest', additionalProperties: false, minProperties: 1 },
);

export const AgentView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    pbxId: Id,
    extension: Type.String(),
    passwordSet: Type.Boolean({ description: 'A password is stored (never shown).' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Agent', description: 'A seller or attendant at an extension of a PBX.' },
);

export const agentView = (a: Agent) => ({
  id: a.id,
  name: a.name,
  pbxId: a.pbxId,
  extension: a.extension,
  passwordSet: a.sealedPassword !== null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const AgentQuery = Type.Object({ ...PageQuery, pbxId: Type.Optional(Id) }, { additionalProperties: false });

export const ExtensionStatusView = Type.Object(
  {
    agentId: Id,
    extension: Type.String(),
    status: StringEnum(EXTENSION_STATUSES, { description: 'idle, in_use, busy, unavailable, ringing, on_hold.' }),
  },
  { title: 'ExtensionStatus' },
);

export const extensionStatusView = ({ agent, status }: { agent: Agent; status: ExtensionStatus }) => ({
  agentId: agent.id,
  extension: agent.extension,
  status,
});

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

export const EventsParams = Type.Object({ id: Id });

const RawEvent = Type.Object({}, { additionalProperties: true });

export const EventsBody = Type.Union([RawEvent, Type.Array(RawEvent, { minItems: 1, maxItems: 100 })], {
  title: 'PbxEventNotification',
  description:
    "The PBX's own event (or a list of them): Asterisk's ARI events, Dígitro's (EVENTO, ID_CHAMADA…), or Planetfone's and ForIP's ({event, callId, direction, phone, extension, did, at}).",
});

export const EventsReceipt = Type.Object({ callIds: Type.Array(Id) }, { title: 'PbxEventReceipt' });
