import { asText } from '../../../domain/shared/text';
import { parsePhone } from '../../../domain/customers/phone';
import type { CallDirection, CallEvent, CallEventType } from '../../../domain/pbx/call';
import { isPlausibleInstant } from '../../../domain/shared/storable';

type Raw = Record<string, unknown>;

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim().slice(0, 64)
    : typeof value === 'number'
      ? String(value)
      : null;
const when = (value: unknown): Date | null => {
  const at = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return at && isPlausibleInstant(at) ? at : null;
};
/** A number as the PBX gives it, in E.164 when it is a Brazilian phone; an extension as it is. */
export const number = (value: unknown): string | null => {
  const raw = text(value);
  if (raw === null) return null;
  const phone = parsePhone(raw);
  return phone.ok ? phone.value : raw;
};

/** Each element of a body that is one event or a list of them. */
const each = (payload: unknown): Raw[] | null =>
  Array.isArray(payload) ? (payload as Raw[]) : payload && typeof payload === 'object' ? [payload as Raw] : null;

function all(payload: unknown, read: (raw: Raw) => CallEvent | null): CallEvent[] | null {
  const items = each(payload);
  if (!items || items.length === 0 || items.length > 100) return null;
  const events = items.map((item) => (item && typeof item === 'object' ? read(item) : null));
  return events.every((e) => e !== null) ? events : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUNK_CONTEXT = /from-(pstn|trunk|external|did)/;

/** The extension of a channel to a phone (`PJSIP/4021-0000002a`: an endpoint named by its digits), or null (a trunk). */
const extensionOf = (channel: Raw) =>
  /^(?:PJSIP|SIP|IAX2)\/(\d{2,10})-[0-9a-f]+$/.exec(asText(channel.name))?.[1] ?? null;
const dialplanOf = (channel: Raw) => (channel.dialplan ?? {}) as Raw;
const isTrunkChannel = (channel: Raw) => TRUNK_CONTEXT.test(asText(dialplanOf(channel).context));
/** A number someone dialled: 8 digits or more (an extension or `s` is not one). */
const dialled = (exten: unknown) => (/^\+?\d{8,}$/.test(asText(exten)) ? number(exten) : null);

/**
 * Which channels are calls (docs/partners.md, "Asterisk"): with `subscribeAll` Ponte hears every
 * channel, but a call is one of three — one Ponte originated (its channel id is Ponte's call id,
 * a UUID; Asterisk's own ids are `<epoch>.<n>`), one that came in from a trunk context (inbound),
 * or a phone's channel dialling a number (outbound, dialled on the phone). Every other channel is a
 * leg that Dial creates: it is read only through the Dial events of the call it belongs to.
 */
export const isCallChannel = (channel: Raw) =>
  UUID.test(asText(channel.id)) ||
  // A phone's leg that Dial made for an inbound call runs in the trunk's context too: it is no call.
  (isTrunkChannel(channel) && extensionOf(channel) === null) ||
  (extensionOf(channel) !== null && dialled(dialplanOf(channel).exten) !== null);

/** An event of a call channel, in the call's direction. */
function callEvent(channel: Raw, type: CallEventType, at: Date, fields: Partial<CallEvent> = {}): CallEvent | null {
  const callId = text(channel.id);
  if (!callId) return null;
  const inbound = isTrunkChannel(channel);
  const dialplan = dialplanOf(channel);
  const caller = (channel.caller ?? {}) as Raw;
  return {
    callId,
    type,
    direction: inbound ? 'inbound' : 'outbound',
    from: inbound ? number(caller.number) : extensionOf(channel),
    to: inbound ? null : dialled(dialplan.exten),
    did: inbound ? dialled(dialplan.exten) : null,
    extension: inbound ? null : extensionOf(channel),
    at,
    ...fields,
  };
}

/**
 * The call events in one message of ARI's event WebSocket, read from the models of Asterisk's
 * `events.json` (docs/partners.md, "Asterisk"): ChannelCreated or StasisStart (the call rings),
 * ChannelDialplan (where it is in the dialplan: the DDR of an inbound call), Dial (the leg to the
 * other party: ringing, then ANSWER — the moment the call is answered), BridgeBlindTransfer
 * (transfer), ChannelDestroyed (hangup). Events of legs and of no call are none.
 */
export function readAriEvent(raw: Raw): CallEvent[] {
  const at = when(raw.timestamp);
  if (!at) return [];
  const channel = (raw.channel ?? {}) as Raw;
  const one = (event: CallEvent | null) => (event ? [event] : []);
  switch (raw.type) {
    case 'ChannelCreated':
    case 'StasisStart':
    case 'ChannelStateChange':
    case 'ChannelDialplan':
      return isCallChannel(channel) ? one(callEvent(channel, 'ringing', at)) : [];
    case 'ChannelDestroyed':
      return isCallChannel(channel) ? one(callEvent(channel, 'hangup', at)) : [];
    case 'Dial': {
      const caller = (raw.caller ?? {}) as Raw;
      const peer = (raw.peer ?? {}) as Raw;
      if (!raw.caller || !isCallChannel(caller)) return [];
      const inbound = isTrunkChannel(caller);
      const status = asText(raw.dialstatus);
      if (status !== '' && status !== 'ANSWER') return [];
      const extension = inbound ? extensionOf(peer) : extensionOf(caller);
      const target = /(\d{8,})/.exec(asText(raw.dialstring))?.[1];
      return one(
        callEvent(caller, status === 'ANSWER' ? 'answered' : 'ringing', at, {
          extension,
          ...(inbound ? { to: extension } : target ? { to: number(target) } : {}),
        }),
      );
    }
    case 'BridgeBlindTransfer': {
      const transferee = (raw.transferee ?? {}) as Raw;
      const call = [transferee, channel].find((c) => isCallChannel(c));
      return call ? one(callEvent(call, 'transfer', at, { to: text(raw.exten) })) : [];
    }
    default:
      return [];
  }
}

/** The events of a body relayed to `POST /v1/pbx/{id}/events` as ARI sent them: each must be one of a call. */
export function readAsteriskEvents(payload: unknown): CallEvent[] | null {
  const items = each(payload);
  if (!items || items.length === 0 || items.length > 100) return null;
  const events = items.map((item) => (item && typeof item === 'object' ? readAriEvent(item) : []));
  return events.every((e) => e.length > 0) ? events.flat() : null;
}

/** What a connection back from a gap knows of the calls live now: `GET /channels`, each call channel ringing since it was made. */
export function readAriChannels(payload: unknown, now: Date): { events: CallEvent[]; callIds: Set<string> } {
  const channels = Array.isArray(payload) ? (payload as unknown[]).slice(0, 10_000) : [];
  const events = channels.flatMap((item) => {
    if (!item || typeof item !== 'object' || !isCallChannel(item as Raw)) return [];
    const event = callEvent(item as Raw, 'ringing', when((item as Raw).creationtime) ?? now);
    return event ? [event] : [];
  });
  return { events, callIds: new Set(events.map((e) => e.callId)) };
}

const DIGITRO_EVENTS: Record<string, CallEventType> = {
  CHAMANDO: 'ringing',
  ATENDIDA: 'answered',
  DESLIGADA: 'hangup',
  TRANSFERIDA: 'transfer',
};

/** Dígitro's events (upper-case fields): EVENTO, ID_CHAMADA, SENTIDO (ENTRADA | SAIDA), ORIGEM, DESTINO, DDR, RAMAL, DATA_HORA. */
export function readDigitroEvents(payload: unknown): CallEvent[] | null {
  return all(payload, (raw) => {
    const type = DIGITRO_EVENTS[asText(raw.EVENTO).toUpperCase()];
    const callId = text(raw.ID_CHAMADA);
    const at = when(raw.DATA_HORA);
    const direction: CallDirection | null =
      raw.SENTIDO === 'ENTRADA' ? 'inbound' : raw.SENTIDO === 'SAIDA' ? 'outbound' : null;
    if (!type || !callId || !at || !direction) return null;
    return {
      callId,
      type,
      direction,
      from: number(raw.ORIGEM),
      to: number(raw.DESTINO),
      did: number(raw.DDR),
      extension: text(raw.RAMAL),
      at,
    };
  });
}

const WEBHOOK_EVENTS: readonly CallEventType[] = ['ringing', 'answered', 'hangup', 'transfer'];

/**
 * Planetfone's and ForIP's integration services push the ERP the call, the extension and the
 * phone (docs/partners.md): `{event, callId, direction, phone, extension, did?, to?, at}`.
 */
export function readWebhookPbxEvents(payload: unknown): CallEvent[] | null {
  return all(payload, (raw) => {
    const type = WEBHOOK_EVENTS.find((t) => t === raw.event) ?? null;
    const callId = text(raw.callId);
    const at = when(raw.at);
    const direction: CallDirection | null =
      raw.direction === 'inbound' || raw.direction === 'outbound' ? raw.direction : null;
    if (!type || !callId || !at || !direction) return null;
    const phone = number(raw.phone);
    const extension = text(raw.extension);
    return {
      callId,
      type,
      direction,
      from: direction === 'inbound' ? phone : extension,
      to: type === 'transfer' ? text(raw.to) : direction === 'inbound' ? extension : phone,
      did: number(raw.did),
      extension,
      at,
    };
  });
}
