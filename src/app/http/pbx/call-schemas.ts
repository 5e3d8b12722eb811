import { CALL_DIRECTIONS, CALL_STATES } from '../../../domain/pbx/call';
import type { Call, Contact, TrafficSource } from '../../../domain/pbx/records';
import type { CallView } from '../../use-cases/pbx/calls';
import { FreeText, Id, Nullable, PageQuery, RequestTimestamp, StringEnum, Text, Timestamp } from '../common';
import { maskName, maskPhone } from '../personal-data';
import { Type } from 'typebox';

/* The schemas of calls and what follows them: click-to-call, commands, recordings, contacts, DDR traffic sources. */

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

export const PlaybackBody = Type.Object(
  { to: Text({ minLength: 1, maxLength: 30, description: 'Who hears it: a phone number or an extension.' }) },
  { title: 'PlayRecordingRequest', additionalProperties: false },
);

export const PlaybackView = Type.Object(
  { playbackCallId: Type.String({ description: "The PBX's id of the call placed to play it." }) },
  { title: 'RecordingPlayback' },
);
