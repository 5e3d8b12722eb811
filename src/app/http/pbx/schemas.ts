import { Type } from 'typebox';
import { CALL_COMMANDS } from '../../../domain/pbx/capabilities';
import { CALL_DIRECTIONS, CALL_STATES, EXTENSION_STATUSES, type ExtensionStatus } from '../../../domain/pbx/call';
import { PBX_TYPES, type Pbx } from '../../../domain/pbx/pbx';
import type { Agent, Call, Contact, TrafficSource } from '../../../domain/pbx/records';
import type { CallView } from '../../use-cases/pbx/calls';
import type { CreatedPbx } from '../../use-cases/pbx/pbx';
import { PBX_CAPABILITIES } from '../../../domain/pbx/capabilities';
import {
  Credential,
  FreeText,
  Id,
  Nullable,
  PageQuery,
  RequestTimestamp,
  StringEnum,
  Text,
  Timestamp,
} from '../common';
import { maskName, maskPhone } from '../personal-data';

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

export const CreateTrafficSourceBody = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 200 }),
    ddr: Type.Optional(
      Nullable(
        Type.String({ minLength: 1, maxLength: 30, description: 'The number customers dial for it (DDR), unique.' }),
      ),
    ),
  },
  { title: 'CreateTrafficSourceRequest', additionalProperties: false },
);
export const TrafficSourceView = Type.Object(
  { id: Id, name: Type.String(), ddr: Nullable(Type.String({ description: 'E.164.' })), createdAt: Timestamp },
  { title: 'TrafficSource' },
);
export const trafficSourceView = (t: TrafficSource) => ({
  id: t.id,
  name: t.name,
  ddr: t.ddr,
  createdAt: t.createdAt.toISOString(),
});

export const ClickToCallBody = Type.Union(
  [
    Type.Object(
      { agentId: Id, to: Type.String({ minLength: 1, maxLength: 30, description: 'Any valid Brazilian number.' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        agentId: Id,
        customerId: Id,
        phone: Type.String({
          pattern: '^(mobile|other|phones/\\d{1,2})$',
          description: "Which of the customer's phones: mobile, other (the first other phone) or phones/N.",
        }),
      },
      { additionalProperties: false },
    ),
  ],
  { title: 'ClickToCallRequest' },
);
export const TransferBody = Type.Object(
  { to: Text({ minLength: 1, maxLength: 30, description: 'The extension or number to transfer to.' }) },
  { title: 'TransferCallRequest', additionalProperties: false },
);
export const AttachCustomerBody = Type.Object(
  {
    customerId: Id,
    phoneField: Type.String({
      pattern: '^(mobilePhone|phones/(\\d{1,2}|-))$',
      description: 'Which phone the number goes to: mobilePhone, phones/N (replacing it), or phones/- (added).',
    }),
  },
  { title: 'AttachCallCustomerRequest', additionalProperties: false },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const CallFields = {
  id: Id,
  pbxId: Id,
  externalId: Type.String({ description: "The PBX's id of the call." }),
  agentId: Nullable(Id),
  direction: StringEnum(CALL_DIRECTIONS),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  did: Nullable(Type.String({ description: 'The number the caller dialed (DDR).' })),
  extension: Nullable(Type.String()),
  state: StringEnum(CALL_STATES, { description: 'ringing, answered, ended.' }),
  startedAt: Timestamp,
  answeredAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  durationSeconds: Type.Integer({ description: 'From the answer to the hangup.' }),
  unanswered: Type.Boolean(),
  transfers: Type.Array(Type.Object({ to: Nullable(Type.String()), at: Timestamp })),
  customerId: Nullable(Id),
  customerName: Nullable(
    Type.String({
      description:
        "The customer served (seed 004: the number is shown with the customer's name): set by caller identification, a click-to-call to a customer's phone, or the contact opened from the call. Masked without customers:read.",
    }),
  ),
  contactId: Nullable(Id),
  createdAt: Timestamp,
};
export const CallSummaryView = Type.Object(CallFields, { title: 'CallSummary' });
export const CallView_ = Type.Object(
  {
    ...CallFields,
    matches: Type.Array(
      Type.Object({
        customerId: Id,
        name: Type.String(),
        phoneField: Type.String({ description: 'mobilePhone or phones/N.' }),
      }),
      { description: "Every customer with the call's number (seed 004: all of them listed)." },
    ),
    customerDraft: Nullable(
      Type.Object(
        { mobilePhone: Type.Optional(Type.String()), phones: Type.Optional(Type.Array(Type.String())) },
        { description: 'A body to start POST /v1/customers with: the phone filled in.' },
      ),
    ),
  },
  { title: 'Call' },
);

/** Numbers and names are personal data: masked without customers:read. */
export const callSummaryView = (sees: boolean) => (c: Call) => {
  const number = (n: string | null) => (n && !sees && n.startsWith('+') ? maskPhone(n) : n);
  return {
    id: c.id,
    pbxId: c.pbxId,
    externalId: c.externalId,
    agentId: c.agentId,
    direction: c.direction,
    from: number(c.from),
    to: number(c.to),
    did: c.did,
    extension: c.extension,
    state: c.state,
    startedAt: c.startedAt.toISOString(),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
    durationSeconds: c.durationSeconds,
    unanswered: c.unanswered,
    transfers: c.transfers.map((t) => ({ to: t.to, at: t.at.toISOString() })),
    customerId: c.customerId,
    customerName: c.customerName === null ? null : sees ? c.customerName : maskName(c.customerName),
    contactId: c.contactId,
    createdAt: c.createdAt.toISOString(),
  };
};
export const callView =
  (sees: boolean) =>
  ({ call, matches }: CallView) => {
    const party = call.direction === 'inbound' ? call.from : call.to;
    const mobile = party !== null && /^\+55\d{2}9\d{8}$/.test(party);
    return {
      ...callSummaryView(sees)(call),
      matches: matches.map((m) => ({
        customerId: m.customerId,
        name: sees ? m.name : maskName(m.name),
        phoneField: m.phoneField,
      })),
      customerDraft:
        party && party.startsWith('+55') && matches.length === 0
          ? mobile
            ? { mobilePhone: sees ? party : maskPhone(party) }
            : { phones: [sees ? party : maskPhone(party)] }
          : null,
    };
  };
export const CallQuery = Type.Object(
  {
    ...PageQuery,
    agentId: Type.Optional(Id),
    extension: Type.Optional(Text({ minLength: 1, maxLength: 20 })),
    direction: Type.Optional(StringEnum(CALL_DIRECTIONS)),
    from: Type.Optional(RequestTimestamp('Started at or after.')),
    to: Type.Optional(RequestTimestamp('Started before.')),
    unanswered: Type.Optional(Type.Boolean()),
    number: Type.Optional(Text({ minLength: 1, maxLength: 30, description: 'Calls from or to this number.' })),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const CreateContactBody = Type.Object(
  {
    subject: Text({ minLength: 1, maxLength: 200 }),
    text: Type.Optional(Nullable(FreeText({ maxLength: 5000 }))),
    trafficSourceId: Type.Optional(Nullable(Id)),
    customerId: Type.Optional(Nullable(Id)),
  },
  {
    title: 'CreateContactRequest',
    additionalProperties: false,
    description: 'The traffic source is set by the DDR the customer dialed, when it is a registered one.',
  },
);
export const UpdateContactBody = Type.Object(
  {
    subject: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    text: Type.Optional(Nullable(FreeText({ maxLength: 5000 }))),
    trafficSourceId: Type.Optional(Nullable(Id)),
  },
  { title: 'UpdateContactRequest', additionalProperties: false, minProperties: 1 },
);
export const ContactView = Type.Object(
  {
    id: Id,
    callId: Nullable(Id),
    customerId: Nullable(Id),
    subject: Type.String(),
    text: Nullable(Type.String()),
    trafficSourceId: Nullable(Id),
    trafficSourceFixed: Type.Boolean({ description: 'Set by the DDR dialed: it cannot be changed.' }),
    actor: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Contact', description: 'A contact (CRM note) opened from a call.' },
);
export const contactView = (c: Contact) => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
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

export const PlaybackBody = Type.Object(
  { to: Text({ minLength: 1, maxLength: 30, description: 'Who hears it: a phone number or an extension.' }) },
  { title: 'PlayRecordingRequest', additionalProperties: false },
);
export const PlaybackView = Type.Object(
  { playbackCallId: Type.String({ description: "The PBX's id of the call placed to play it." }) },
  { title: 'RecordingPlayback' },
);
