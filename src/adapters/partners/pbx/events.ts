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

/**
 * Asterisk's ARI events (docs/partners.md): StasisStart (a call enters: ringing), ChannelStateChange
 * (Ringing or Up: answered), ChannelDestroyed (hangup), BridgeBlindTransfer (transfer). The call is
 * the channel; an inbound call comes from a trunk context, its DDR is `dialplan.exten`.
 */
export function readAsteriskEvents(payload: unknown): CallEvent[] | null {
  return all(payload, (raw) => {
    const channel = (raw.channel ?? raw.transferer_first_leg ?? {}) as Raw;
    const dialplan = (channel.dialplan ?? {}) as Raw;
    const caller = (channel.caller ?? {}) as Raw;
    const connected = (channel.connected ?? {}) as Raw;
    const callId = text(channel.id);
    const at = when(raw.timestamp);
    if (!callId || !at) return null;
    const inbound = /from-(pstn|trunk|external|did)/.test(asText(dialplan.context));
    const direction: CallDirection = inbound ? 'inbound' : 'outbound';
    let type: CallEventType | null = null;
    switch (raw.type) {
      case 'StasisStart':
        type = 'ringing';
        break;
      case 'ChannelStateChange':
        type =
          channel.state === 'Up'
            ? 'answered'
            : channel.state === 'Ringing' || channel.state === 'Ring'
              ? 'ringing'
              : null;
        break;
      case 'ChannelDestroyed':
        type = 'hangup';
        break;
      case 'BridgeBlindTransfer':
        type = 'transfer';
        break;
    }
    if (!type) return null;
    const exten = text(dialplan.exten);
    const extension = inbound ? text(connected.number) : text(caller.number);
    return {
      callId,
      type,
      direction,
      from: inbound ? number(caller.number) : extension,
      to: type === 'transfer' ? text(raw.exten) : inbound ? extension : number(exten),
      did: inbound ? number(exten) : null,
      extension,
      at,
    };
  });
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
