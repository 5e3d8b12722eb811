import type { CallCommand } from '../../../domain/pbx/capabilities';
import type { ExtensionStatus } from '../../../domain/pbx/call';
import { serviceBase, type Pbx, type PbxCredentials } from '../../../domain/pbx/pbx';
import type { PbxPlatform } from '../../../domain/pbx/ports';
import { PartnerError } from '../../../domain/ports/partner';
import {
  judgeStatus,
  partnerCall,
  partnerFetch,
  rejection,
  type PartnerHttp,
  type PartnerResponse,
} from '../partner-http';
import { openPartnerSocket } from '../partner-websocket';
import { readAriChannels, readAriEvent, readAsteriskEvents, readDigitroEvents, readWebhookPbxEvents } from './events';

/** The ARI application Ponte's event connection registers (`app` of `GET /events`). */
export const ARI_APPLICATION = 'ponte';

/** The longest recording read: an hour of 8 kHz 16-bit WAV is 55 MiB. */
export const RECORDING_LIMIT_BYTES = 64 * 1024 * 1024;

/** A recording's audio, or null when the PBX holds none: 404. */
async function audioAt(http: PartnerHttp, url: string, headers: Record<string, string>, who: string) {
  const response = await partnerFetch(http, {
    method: 'GET',
    url,
    headers: { accept: 'audio/*', ...headers },
    bytes: true,
    maxBytes: RECORDING_LIMIT_BYTES,
  });
  if (response.status === 404) return null;
  judgeStatus(response, null);
  if (response.status !== 200 || !response.bytes)
    throw new PartnerError('rejected', `${who} did not give the recording (${response.status}).`);
  return { contentType: response.headers.get('content-type')?.split(';')[0] ?? 'audio/wav', audio: response.bytes };
}

const notSupported = (type: string, what: string) => new PartnerError('rejected', `A ${type} PBX does not ${what}.`);

const ARI_STATES: Record<string, ExtensionStatus> = {
  NOT_INUSE: 'idle',
  INUSE: 'in_use',
  BUSY: 'busy',
  UNAVAILABLE: 'unavailable',
  INVALID: 'unavailable',
  UNKNOWN: 'unavailable',
  RINGING: 'ringing',
  RINGINUSE: 'ringing',
  ONHOLD: 'on_hold',
};

/** Digits only: what a dialplan takes. */
const digits = (to: string) => to.replace(/^\+55/, '0').replace(/\D/g, '');

/**
 * Asterisk's ARI over HTTP Basic (docs/partners.md): originate `POST /channels` (the extension's
 * endpoint rings first, then the dialplan dials `to`), hang up `DELETE /channels/{id}`, transfer
 * by redirect, hold and resume, device states for extensions.
 */
function asterisk(pbx: Pbx, credentials: PbxCredentials, http: PartnerHttp): PbxPlatform {
  const base = (pbx.ariUrl ?? '').replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${pbx.username}:${credentials.password ?? ''}`).toString('base64')}`;
  const call = (method: string, path: string) =>
    partnerCall(http, { method, url: `${base}${path}`, headers: { authorization } });
  const ok = (response: PartnerResponse, what: string, gone = false) => {
    if ((response.status >= 200 && response.status < 300) || (gone && response.status === 404)) return;
    throw response.status === 404
      ? new PartnerError(
          'rejected',
          `Asterisk does not know this ${what.includes('extension') ? 'extension' : 'channel'}.`,
        )
      : rejection(response, `Asterisk did not ${what}`);
  };
  return {
    async test() {
      ok(await call('GET', '/asterisk/info'), 'answer');
    },
    async originate({ extension, to, reference }) {
      const query = new URLSearchParams({
        endpoint: `PJSIP/${extension}`,
        extension: digits(to),
        context: 'from-internal',
        priority: '1',
        callerId: to,
        timeout: '30',
        channelId: reference,
      });
      const response = await call('POST', `/channels?${query.toString()}`);
      // 409: a channel with this id exists — this click-to-call was placed already (a retry).
      if (response.status === 409) return { callId: reference };
      ok(response, 'originate the call');
      const id = (response.body as { id?: unknown } | null)?.id;
      return { callId: typeof id === 'string' ? id : reference };
    },
    async command(callId, command: CallCommand, args) {
      const channel = `/channels/${encodeURIComponent(callId)}`;
      switch (command) {
        case 'hangup':
          return ok(await call('DELETE', channel), 'hang up', true);
        case 'transfer':
          return ok(
            await call(
              'POST',
              `${channel}/redirect?${new URLSearchParams({ endpoint: `PJSIP/${args.to ?? ''}` }).toString()}`,
            ),
            'transfer the call',
          );
        case 'hold':
          return ok(await call('POST', `${channel}/hold`), 'hold the call');
        case 'resume':
          return ok(await call('DELETE', `${channel}/hold`), 'resume the call');
      }
    },
    // The dialplan records each call under its channel id (MixMonitor), stored where ARI serves it.
    recording: (callId) =>
      audioAt(http, `${base}/recordings/stored/${encodeURIComponent(callId)}/file`, { authorization }, 'Asterisk'),
    async playRecording(callId, to) {
      const query = new URLSearchParams({
        endpoint: to.startsWith('+') ? `PJSIP/${digits(to)}@trunk` : `PJSIP/${to}`,
        extension: 's',
        context: 'ponte-playback',
        priority: '1',
        timeout: '30',
      });
      const response = await partnerCall(http, {
        method: 'POST',
        url: `${base}/channels?${query.toString()}`,
        headers: { authorization },
        body: { variables: { PONTE_RECORDING: callId } },
      });
      ok(response, 'call to play the recording');
      const id = (response.body as { id?: unknown } | null)?.id;
      return { callId: typeof id === 'string' ? id : callId };
    },
    // Ponte follows ARI over the events WebSocket it opens (connectEvents); nothing to subscribe.
    subscribeEvents: async () => null,
    async connectEvents(onEvents) {
      // Over HTTP first: refused credentials are then told apart from a PBX that is not there.
      ok(await call('GET', '/asterisk/info'), 'answer');
      const query = new URLSearchParams({ app: ARI_APPLICATION, subscribeAll: 'true' });
      const socket = await openPartnerSocket(
        http,
        `${base.replace(/^http/, 'ws')}/events?${query.toString()}`,
        { authorization },
        (message) => {
          if (!message || typeof message !== 'object') return;
          if ((message as { type?: unknown }).type === 'ApplicationReplaced')
            return socket.close('another client took the ARI application over (ApplicationReplaced)');
          const events = readAriEvent(message as Record<string, unknown>);
          if (events.length > 0) onEvents(events);
        },
      );
      try {
        const channels = await call('GET', '/channels');
        ok(channels, 'list its channels');
        return { live: readAriChannels(channels.body, new Date()), closed: socket.closed, close: () => socket.close() };
      } catch (error) {
        socket.close();
        throw error;
      }
    },
    async extensionStatus(extension) {
      const response = await call('GET', `/deviceStates/${encodeURIComponent(`PJSIP/${extension}`)}`);
      ok(response, 'tell the extension status');
      return ARI_STATES[String((response.body as { state?: unknown } | null)?.state)] ?? 'unavailable';
    },
    readEvents: readAsteriskEvents,
  };
}

const DIGITRO_COMMANDS: Record<CallCommand, string> = {
  hangup: 'desligar',
  transfer: 'transferir',
  hold: 'reter',
  resume: 'recuperar',
};
const DIGITRO_STATES: Record<string, ExtensionStatus> = {
  LIVRE: 'idle',
  EM_USO: 'in_use',
  OCUPADO: 'busy',
  INDISPONIVEL: 'unavailable',
  CHAMANDO: 'ringing',
  RETIDO: 'on_hold',
};

/**
 * Dígitro's PABX API (docs/partners.md): header `x-api-key`, upper-case fields; an outbound call by
 * `/chamada-preditiva` on the PBX's route; commands at `/requests/{channel}/<comando>`.
 */
function digitro(pbx: Pbx, credentials: PbxCredentials, http: PartnerHttp): PbxPlatform {
  const base = serviceBase(pbx.address ?? '', pbx.port);
  const headers = { 'x-api-key': credentials.apiKey ?? '' };
  const call = (method: string, path: string, body?: unknown) =>
    partnerCall(http, { method, url: `${base}${path}`, headers, ...(body !== undefined ? { body } : {}) });
  const ok = (response: PartnerResponse, what: string) => {
    if (response.status < 200 || response.status >= 300) throw rejection(response, `Dígitro did not ${what}`);
  };
  return {
    async test() {
      ok(await call('GET', '/status'), 'answer');
    },
    async originate({ extension, to }) {
      const response = await call('POST', '/chamada-preditiva', {
        ROTA: pbx.route,
        CONTA: pbx.account,
        DISPOSITIVO: extension,
        IDENTIDADE_DESTINO: digits(to),
      });
      ok(response, 'originate the call');
      const id = (response.body as { ID_CHAMADA?: unknown } | null)?.ID_CHAMADA;
      if (typeof id !== 'string' && typeof id !== 'number')
        throw new PartnerError('retryable', "Dígitro's answer to the call could not be read.");
      return { callId: String(id) };
    },
    async command(callId, command, args) {
      ok(
        await call('POST', `/requests/${encodeURIComponent(callId)}/${DIGITRO_COMMANDS[command]}`, {
          ID_CHAMADA: callId,
          ...(args.to ? { DISPOSITIVO_DESTINO: args.to } : {}),
        }),
        `${DIGITRO_COMMANDS[command]} the call`,
      );
    },
    // EasyCall Record, at its own address, with its own login (seed 004: only when contracted).
    async recording(callId) {
      const record = pbx.easyCallRecord;
      if (!record) throw notSupported('digitro', 'record calls without EasyCall Record');
      const login = `Basic ${Buffer.from(`${record.username}:${credentials.recordPassword ?? ''}`).toString('base64')}`;
      return audioAt(
        http,
        `${serviceBase(record.address, record.port)}/gravacoes/${encodeURIComponent(callId)}/audio`,
        { authorization: login },
        'EasyCall Record',
      );
    },
    async playRecording(callId, to) {
      const response = await call('POST', `/requests/${encodeURIComponent(callId)}/reproduzir-gravacao`, {
        ID_CHAMADA: callId,
        ROTA: pbx.route,
        IDENTIDADE_DESTINO: to.startsWith('+') ? digits(to) : to,
      });
      ok(response, 'call to play the recording');
      const id = (response.body as { ID_CHAMADA?: unknown } | null)?.ID_CHAMADA;
      return { callId: typeof id === 'string' || typeof id === 'number' ? String(id) : callId };
    },
    // Subscriptions last 900 s (docs/partners.md): renewed while they live, made again once gone.
    async subscribeEvents({ callbackUrl, secret, subscriptionId }) {
      const expiry = (response: PartnerResponse) => {
        const body = (response.body ?? {}) as { ID_ASSINATURA?: unknown; EXPIRA_EM_SEGUNDOS?: unknown };
        const seconds = Number(body.EXPIRA_EM_SEGUNDOS);
        return { id: body.ID_ASSINATURA, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 900 };
      };
      if (subscriptionId) {
        const renewed = await call('PUT', `/eventos/assinaturas/${encodeURIComponent(subscriptionId)}`, {});
        if (renewed.status === 200) return { subscriptionId, expiresInSeconds: expiry(renewed).expiresInSeconds };
        if (renewed.status !== 404) throw rejection(renewed, 'Dígitro did not renew the event subscription');
      }
      const made = await call('POST', '/eventos/assinaturas', {
        URL_CALLBACK: callbackUrl,
        EVENTOS: ['CHAMANDO', 'ATENDIDA', 'DESLIGADA', 'TRANSFERIDA'],
        CABECALHOS: { Authorization: `Bearer ${secret}` },
      });
      ok(made, 'subscribe to its events');
      const { id, expiresInSeconds } = expiry(made);
      if (typeof id !== 'string' && typeof id !== 'number')
        throw new PartnerError('retryable', "Dígitro's answer to the subscription could not be read.");
      return { subscriptionId: String(id), expiresInSeconds };
    },
    async extensionStatus(extension) {
      const response = await call('GET', `/dispositivos/${encodeURIComponent(extension)}/estado`);
      ok(response, 'tell the extension status');
      return DIGITRO_STATES[String((response.body as { ESTADO?: unknown } | null)?.ESTADO)] ?? 'unavailable';
    },
    readEvents: readDigitroEvents,
  };
}

/**
 * Planetfone and ForIP have no public API: their integration service (docs/partners.md) is reached at
 * the PBX's address — an IP and port, or an http:// URL with its path — with Ponte's contract:
 * `POST /calls`, `POST /calls/{id}/hangup|transfer`, `GET /extensions/{ext}`; they push events.
 */
function integrationService(pbx: Pbx, http: PartnerHttp): PbxPlatform {
  const address = pbx.address ?? '';
  const base = serviceBase(address, pbx.port);
  const call = (method: string, path: string, body?: unknown) =>
    partnerCall(http, { method, url: `${base}${path}`, headers: {}, ...(body !== undefined ? { body } : {}) });
  const ok = (response: PartnerResponse, what: string) => {
    if (response.status < 200 || response.status >= 300)
      throw rejection(response, `The ${pbx.type} integration service did not ${what}`);
  };
  return {
    async test() {
      ok(await call('GET', '/health'), 'answer');
    },
    async originate({ extension, to, reference }) {
      const response = await call('POST', '/calls', { extension, to, reference });
      ok(response, 'originate the call');
      const id = (response.body as { callId?: unknown } | null)?.callId;
      return { callId: typeof id === 'string' ? id : reference };
    },
    async command(callId, command, args) {
      if (command !== 'hangup' && command !== 'transfer') throw notSupported(pbx.type, command);
      ok(
        await call(
          'POST',
          `/calls/${encodeURIComponent(callId)}/${command}`,
          command === 'transfer' ? { to: args.to } : {},
        ),
        command,
      );
    },
    recording: async () => {
      throw notSupported(pbx.type, 'record calls');
    },
    // The integration service pushes its events on its own.
    subscribeEvents: async () => null,
    playRecording: async () => {
      throw notSupported(pbx.type, 'record calls');
    },
    async extensionStatus(extension) {
      if (pbx.type === 'forip') throw notSupported('forip', 'report extension status');
      const response = await call('GET', `/extensions/${encodeURIComponent(extension)}`);
      ok(response, 'tell the extension status');
      const status = (response.body as { status?: unknown } | null)?.status;
      return (
        (['idle', 'in_use', 'busy', 'unavailable', 'ringing', 'on_hold'] as const).find((s) => s === status) ??
        'unavailable'
      );
    },
    readEvents: readWebhookPbxEvents,
  };
}

/** The client of a PBX, by its type. */
export function createPbxPlatform(pbx: Pbx, credentials: PbxCredentials, http: PartnerHttp): PbxPlatform {
  switch (pbx.type) {
    case 'asterisk':
      return asterisk(pbx, credentials, http);
    case 'digitro':
      return digitro(pbx, credentials, http);
    case 'planetfone':
    case 'forip':
      return integrationService(pbx, http);
  }
}
