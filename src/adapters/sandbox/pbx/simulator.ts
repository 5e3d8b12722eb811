import { asText } from '../../../domain/shared/text';
import { randomUUID } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';

/** A call the simulated PBX placed, and what was done to it. */
export interface SimulatedPbxCall {
  id: string;
  extension: string;
  to: string;
  state: 'ringing' | 'up' | 'held' | 'hung_up';
  transferredTo: string | null;
}

export const PBX_SIMULATOR_LIMITS = { calls: 10_000 } as const;

/** What the sandbox PBX records of every answered call: one second of a 440 Hz tone (8 kHz, 16-bit PCM WAV), shared. */
const TONE_WAV = (() => {
  const samples = 8000;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2);
  return wav;
})();

/** The extension states each API names (ARI device states, Dígitro's ESTADO, the integration service's status). */
const ARI: Record<string, string> = {
  idle: 'NOT_INUSE',
  in_use: 'INUSE',
  busy: 'BUSY',
  unavailable: 'UNAVAILABLE',
  ringing: 'RINGING',
  on_hold: 'ONHOLD',
};
const DIGITRO: Record<string, string> = {
  idle: 'LIVRE',
  in_use: 'EM_USO',
  busy: 'OCUPADO',
  unavailable: 'INDISPONIVEL',
  ringing: 'CHAMANDO',
  on_hold: 'RETIDO',
};

/**
 * An in-memory PBX and the msw handlers of the API of its type: Asterisk's ARI (HTTP Basic),
 * Dígitro's (x-api-key, upper-case fields) or the Planetfone/ForIP integration service (Ponte's
 * contract). Extensions are idle unless set; an extension in `offline` is unavailable and cannot
 * be dialed from; a call it does not know answers 404 (an invalid channel).
 */
export class PbxSimulator {
  readonly calls = new Map<string, SimulatedPbxCall>();
  readonly statuses = new Map<string, string>();
  readonly offline = new Set<string>();
  /** Recordings by call id; a call with none has none (yet). */
  readonly recordings = new Map<string, Buffer>();
  /** Calls placed to play a recording: the recording and who was called. */
  readonly playbacks: { recording: string; to: string }[] = [];
  /** Dígitro's event subscriptions: where events go and until when (900 s, renewed by PUT). */
  readonly subscriptions = new Map<string, { url: string; authorization: string | null; expiresAt: number }>();
  /** The simulator's clock, for subscriptions' expiry. */
  now: () => number = () => Date.now();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };

  /** The ARI applications connected to the events WebSocket, by name: each gets every event (subscribeAll). */
  private readonly applications = new Map<string, (event: object) => void>();
  /** How to close each application's WebSocket (a network drop, a restart). */
  private readonly closers = new Map<string, () => void>();
  private channelSequence = 0;

  constructor(
    private readonly kind: 'asterisk' | 'digitro' | 'service',
    /** Whether a credential (`user:password`, an API key) is one the PBX knows. */
    readonly admits: (credential: string) => boolean | Promise<boolean>,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * An ARI application connects to the events WebSocket (`GET /ari/events?app=…`): it hears every
   * event from now on. Another connection under the same name replaces it, as ARI does: the old
   * one is told ApplicationReplaced. Answers how to disconnect.
   */
  connectApplication(name: string, listener: (event: object) => void, close?: () => void): () => void {
    const previous = this.applications.get(name);
    if (previous) previous({ type: 'ApplicationReplaced', application: name, timestamp: new Date().toISOString() });
    this.applications.set(name, listener);
    if (close) this.closers.set(name, close);
    return () => {
      if (this.applications.get(name) !== listener) return;
      this.applications.delete(name);
      this.closers.delete(name);
    };
  }

  /** Every events WebSocket drops, as when the network or Asterisk goes away (`POST …/_sandbox/drop-connections`). */
  dropConnections() {
    for (const close of [...this.closers.values()]) close();
  }

  /** How many ARI applications are connected now. */
  get connectedApplications() {
    return this.applications.size;
  }

  private emit(type: string, fields: Record<string, unknown>) {
    for (const [application, listener] of this.applications)
      listener({ type, application, timestamp: new Date().toISOString(), ...fields });
  }

  /** A channel as ARI's Channel model shows it. */
  private channel(fields: {
    id?: string;
    endpoint: string;
    state: string;
    caller: string;
    context: string;
    exten: string;
  }) {
    const n = ++this.channelSequence;
    return {
      id: fields.id ?? `${Math.floor(Date.now() / 1000)}.${n}`,
      name: `${fields.endpoint}-${n.toString(16).padStart(8, '0')}`,
      state: fields.state,
      caller: { name: '', number: fields.caller },
      connected: { name: '', number: '' },
      accountcode: '',
      dialplan: { context: fields.context, exten: fields.exten, priority: 1, app_name: '', app_data: '' },
      creationtime: new Date().toISOString(),
      language: 'en',
    };
  }

  /** The channels live now (`GET /ari/channels`). */
  readonly liveChannels = new Map<string, ReturnType<PbxSimulator['channel']>>();

  /**
   * What Asterisk tells an application subscribed to all events of a call (docs/partners.md,
   * "Asterisk"): the call's channel is created and goes through the dialplan, Dial rings the other
   * party's leg and then answers, and both channels are destroyed at the hangup. `call` is the
   * call's channel; `leg` the other party's, made by Dial.
   */
  private play(
    call: ReturnType<PbxSimulator['channel']>,
    leg: { endpoint: string; dialstring: string; exten: string },
    timings: { ringMs: number; answerMs: number; hangupMs: number },
  ) {
    const live = () => this.calls.get(call.id)?.state !== 'hung_up';
    this.liveChannels.set(call.id, call);
    this.emit('ChannelCreated', { channel: call });
    const peer = this.channel({
      endpoint: leg.endpoint,
      state: 'Down',
      caller: call.caller.number,
      context: call.dialplan.context,
      exten: leg.exten,
    });
    setTimeout(() => {
      if (!live()) return;
      call.state = call.dialplan.context === 'from-internal' ? 'Up' : call.state;
      this.emit('ChannelStateChange', { channel: call });
      call.dialplan = { ...call.dialplan, app_name: 'Dial', app_data: leg.dialstring };
      this.emit('ChannelDialplan', { channel: call, dialplan_app: 'Dial', dialplan_app_data: leg.dialstring });
      this.liveChannels.set(peer.id, peer);
      this.emit('ChannelCreated', { channel: peer });
      this.emit('Dial', { caller: call, peer, dialstring: leg.dialstring, dialstatus: '' });
    }, timings.ringMs).unref();
    setTimeout(() => {
      if (!live()) return;
      const placed = this.calls.get(call.id);
      if (placed) placed.state = 'up';
      peer.state = 'Up';
      call.state = 'Up';
      this.emit('Dial', { caller: call, peer, dialstring: leg.dialstring, dialstatus: 'ANSWER' });
    }, timings.answerMs).unref();
    setTimeout(() => {
      const placed = this.calls.get(call.id);
      if (!placed || placed.state === 'hung_up') return;
      // An answered call was recorded (as MixMonitor would): stored under the channel's id.
      if (placed.state === 'up') this.recordings.set(call.id, TONE_WAV);
      this.hangUp(call.id);
    }, timings.hangupMs).unref();
    this.peers.set(call.id, peer.id);
  }

  /** The leg Dial made for each call channel. */
  private readonly peers = new Map<string, string>();

  /** Hangs a call up: both its channels are asked to hang up and destroyed. */
  private hangUp(id: string) {
    const placed = this.calls.get(id);
    if (placed) placed.state = 'hung_up';
    for (const channelId of [id, this.peers.get(id)]) {
      const channel = channelId ? this.liveChannels.get(channelId) : undefined;
      if (!channel) continue;
      this.liveChannels.delete(channel.id);
      this.emit('ChannelHangupRequest', { channel, cause: 16 });
      this.emit('ChannelDestroyed', { channel, cause: 16, cause_txt: 'Normal Clearing' });
    }
    this.peers.delete(id);
  }

  /** A customer calls in (`POST /sandbox/pbx/_sandbox/inbound`): the call rings at the extension, is answered and hung up. */
  inbound(call: { from: string; did: string; extension: string }): SimulatedPbxCall | null {
    const channel = this.channel({
      endpoint: 'PJSIP/trunk',
      state: 'Ring',
      caller: call.from,
      context: 'from-trunk',
      exten: call.did,
    });
    const placed = this.place(call.extension, call.did, channel.id);
    if (!placed) return null;
    this.play(
      channel,
      { endpoint: `PJSIP/${call.extension}`, dialstring: call.extension, exten: 's' },
      { ringMs: 100, answerMs: 1500, hangupMs: 6000 },
    );
    return placed;
  }

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  private place(extension: string, to: string, id: string = randomUUID()): SimulatedPbxCall | null {
    if (this.offline.has(extension) || this.calls.size >= PBX_SIMULATOR_LIMITS.calls) return null;
    const call: SimulatedPbxCall = { id, extension, to, state: 'ringing', transferredTo: null };
    this.calls.set(call.id, call);
    return call;
  }

  private statusOf(extension: string) {
    return this.offline.has(extension) ? 'unavailable' : (this.statuses.get(extension) ?? 'idle');
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string) => HttpResponse.json({ message }, { status });
    const guarded =
      (
        credentialOf: (request: Request) => string | null,
        operation: (request: Request, params: Record<string, string>) => Promise<Response> | Response,
      ) =>
      async ({
        request,
        params,
      }: {
        request: Request;
        params: Record<string, string | readonly string[] | undefined>;
      }) => {
        const credential = credentialOf(request);
        if (credential === null || !(await this.admits(credential))) return error(401, 'Unauthorized');
        return withFaults(
          this,
          this.random,
          (message) => ({ message }),
          'PBX unavailable',
          () => operation(request, params as Record<string, string>),
        );
      };
    /** A call the PBX knows and has not hung up (an invalid channel otherwise). */
    const live = (id: string | undefined) => {
      const call = id ? this.calls.get(id) : undefined;
      return call && call.state !== 'hung_up' ? call : undefined;
    };
    const controls = [
      faultControls(base, this),
      http.get(`${base}/_sandbox/calls`, () => HttpResponse.json({ calls: [...this.calls.values()] })),
      http.post(`${base}/_sandbox/drop-connections`, () => {
        this.dropConnections();
        return new HttpResponse(null, { status: 204 });
      }),
    ];

    if (this.kind === 'asterisk') {
      const basic = (request: Request) => {
        const header = request.headers.get('authorization');
        return header?.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : null;
      };
      const ari = `${base}/ari`;
      return [
        ...controls,
        http.get(
          `${ari}/asterisk/info`,
          guarded(basic, () => HttpResponse.json({ system: { version: '20.5.0' } })),
        ),
        http.get(
          `${ari}/recordings/stored/:name/file`,
          guarded(basic, (_r, { name }) => {
            const audio = this.recordings.get(name!);
            return audio
              ? new HttpResponse(new Uint8Array(audio), { status: 200, headers: { 'content-type': 'audio/wav' } })
              : error(404, 'Recording not found');
          }),
        ),
        http.post(
          `${ari}/channels`,
          guarded(basic, async (request) => {
            const query = new URL(request.url).searchParams;
            if (query.get('context') === 'ponte-playback') {
              const body = (await request.json().catch(() => ({}))) as { variables?: { PONTE_RECORDING?: string } };
              const recording = body.variables?.PONTE_RECORDING ?? '';
              if (!this.recordings.has(recording)) return error(404, 'Recording not found');
              this.playbacks.push({ recording, to: (query.get('endpoint') ?? '').replace(/^PJSIP\//, '') });
              return HttpResponse.json({ id: randomUUID(), state: 'Down' });
            }
            const endpoint = query.get('endpoint') ?? '';
            const extension = /^PJSIP\/(\d{1,10})$/.exec(endpoint)?.[1];
            if (!extension) return error(400, 'Endpoint parameter must be PJSIP/<extension> of a known endpoint');
            if (!query.get('extension') || !query.get('context'))
              return error(400, 'Either extension and context, or app, must be given');
            const channelId = query.get('channelId');
            if (channelId && this.calls.has(channelId))
              return error(409, 'Channel with given unique ID already exists');
            const channel = this.channel({
              ...(channelId ? { id: channelId } : {}),
              endpoint,
              state: 'Down',
              caller: query.get('callerId') ?? '',
              context: query.get('context')!,
              exten: query.get('extension')!,
            });
            const call = this.place(extension, query.get('extension')!, channel.id);
            if (!call) return error(400, 'Allocation failed: the endpoint is not registered');
            this.play(
              channel,
              { endpoint: 'PJSIP/trunk', dialstring: `${call.to}@trunk`, exten: 's' },
              { ringMs: 300, answerMs: 1200, hangupMs: 4000 },
            );
            return HttpResponse.json(channel);
          }),
        ),
        http.get(
          `${ari}/channels`,
          guarded(basic, () => HttpResponse.json([...this.liveChannels.values()])),
        ),
        http.delete(
          `${ari}/channels/:id`,
          guarded(basic, (_r, { id }) => {
            const call = live(id);
            if (!call) return error(404, 'Channel not found');
            this.hangUp(call.id);
            return new HttpResponse(null, { status: 204 });
          }),
        ),
        http.post(
          `${ari}/channels/:id/redirect`,
          guarded(basic, (request, { id }) => {
            const call = live(id);
            if (!call) return error(404, 'Channel not found');
            call.transferredTo = (new URL(request.url).searchParams.get('endpoint') ?? '').replace(/^PJSIP\//, '');
            return new HttpResponse(null, { status: 204 });
          }),
        ),
        http.post(
          `${ari}/channels/:id/hold`,
          guarded(basic, (_r, { id }) => {
            const call = live(id);
            if (!call) return error(404, 'Channel not found');
            call.state = 'held';
            return new HttpResponse(null, { status: 204 });
          }),
        ),
        http.delete(
          `${ari}/channels/:id/hold`,
          guarded(basic, (_r, { id }) => {
            const call = live(id);
            if (!call) return error(404, 'Channel not found');
            call.state = 'up';
            return new HttpResponse(null, { status: 204 });
          }),
        ),
        http.get(
          `${ari}/deviceStates/:device`,
          guarded(basic, (_r, { device }) =>
            HttpResponse.json({ name: device, state: ARI[this.statusOf(device!.replace(/^PJSIP\//, ''))] }),
          ),
        ),
      ];
    }

    if (this.kind === 'digitro') {
      const apiKey = (request: Request) => request.headers.get('x-api-key');
      const COMMANDS: Record<string, (call: SimulatedPbxCall, body: Record<string, unknown>) => void> = {
        desligar: (call) => void (call.state = 'hung_up'),
        transferir: (call, body) => void (call.transferredTo = asText(body.DISPOSITIVO_DESTINO)),
        reter: (call) => void (call.state = 'held'),
        recuperar: (call) => void (call.state = 'up'),
      };
      return [
        ...controls,
        http.get(
          `${base}/status`,
          guarded(apiKey, () => HttpResponse.json({ STATUS: 'OK' })),
        ),
        http.post(
          `${base}/eventos/assinaturas`,
          guarded(apiKey, async (request) => {
            const body = (await request.json().catch(() => null)) as {
              URL_CALLBACK?: unknown;
              CABECALHOS?: { Authorization?: unknown };
            } | null;
            if (typeof body?.URL_CALLBACK !== 'string') return error(400, 'URL_CALLBACK é obrigatória');
            const id = randomUUID();
            this.subscriptions.set(id, {
              url: body.URL_CALLBACK,
              authorization: typeof body.CABECALHOS?.Authorization === 'string' ? body.CABECALHOS.Authorization : null,
              expiresAt: this.now() + 900_000,
            });
            return HttpResponse.json({ ID_ASSINATURA: id, EXPIRA_EM_SEGUNDOS: 900 }, { status: 201 });
          }),
        ),
        http.put(
          `${base}/eventos/assinaturas/:id`,
          guarded(apiKey, (_r, { id }) => {
            const subscription = this.subscriptions.get(id!);
            if (!subscription || subscription.expiresAt <= this.now()) {
              this.subscriptions.delete(id!);
              return error(404, 'Assinatura expirada ou inexistente');
            }
            subscription.expiresAt = this.now() + 900_000;
            return HttpResponse.json({ ID_ASSINATURA: id, EXPIRA_EM_SEGUNDOS: 900 });
          }),
        ),
        http.post(
          `${base}/chamada-preditiva`,
          guarded(apiKey, async (request) => {
            const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
            if (!body?.ROTA || !body.DISPOSITIVO || !body.IDENTIDADE_DESTINO)
              return error(400, 'ROTA, DISPOSITIVO e IDENTIDADE_DESTINO são obrigatórios');
            const call = this.place(asText(body.DISPOSITIVO), asText(body.IDENTIDADE_DESTINO));
            return call ? HttpResponse.json({ ID_CHAMADA: call.id }) : error(409, 'Dispositivo indisponível');
          }),
        ),
        http.get(
          `${base}/gravacoes/:id/audio`,
          guarded(
            (request) => request.headers.get('authorization'),
            (_r, { id }) => {
              const audio = this.recordings.get(id!);
              return audio
                ? new HttpResponse(new Uint8Array(audio), { status: 200, headers: { 'content-type': 'audio/wav' } })
                : error(404, 'Gravação não encontrada');
            },
          ),
        ),
        http.post(
          `${base}/requests/:id/reproduzir-gravacao`,
          guarded(apiKey, async (request, { id }) => {
            if (!this.recordings.has(id!)) return error(404, 'Gravação não encontrada');
            const body = ((await request.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
            this.playbacks.push({ recording: id!, to: asText(body.IDENTIDADE_DESTINO) });
            return HttpResponse.json({ ID_CHAMADA: randomUUID() });
          }),
        ),
        http.post(
          `${base}/requests/:id/:command`,
          guarded(apiKey, async (request, { id, command }) => {
            const call = live(id);
            const apply = COMMANDS[command!];
            if (!apply) return error(404, 'Comando desconhecido');
            if (!call) return error(404, 'Canal inválido');
            apply(call, ((await request.json().catch(() => ({}))) ?? {}) as Record<string, unknown>);
            return HttpResponse.json({ RESULTADO: 'OK' });
          }),
        ),
        http.get(
          `${base}/dispositivos/:ext/estado`,
          guarded(apiKey, (_r, { ext }) =>
            HttpResponse.json({ DISPOSITIVO: ext, ESTADO: DIGITRO[this.statusOf(ext!)] }),
          ),
        ),
      ];
    }

    const anyone = () => 'service';
    return [
      ...controls,
      http.get(
        `${base}/health`,
        guarded(anyone, () => HttpResponse.json({ status: 'ok' })),
      ),
      http.post(
        `${base}/calls`,
        guarded(anyone, async (request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          if (typeof body?.extension !== 'string' || typeof body.to !== 'string')
            return error(400, 'extension and to are required');
          const call = this.place(body.extension, body.to);
          return call ? HttpResponse.json({ callId: call.id }, { status: 201 }) : error(409, 'extension offline');
        }),
      ),
      http.post(
        `${base}/calls/:id/:command`,
        guarded(anyone, async (request, { id, command }) => {
          const call = live(id);
          if (!call) return error(404, 'unknown call');
          if (command === 'hangup') call.state = 'hung_up';
          else if (command === 'transfer')
            call.transferredTo = asText(((await request.json().catch(() => ({}))) as Record<string, unknown>).to);
          else return error(404, 'unknown command');
          return HttpResponse.json({ ok: true });
        }),
      ),
      http.get(
        `${base}/extensions/:ext`,
        guarded(anyone, (_r, { ext }) => HttpResponse.json({ extension: ext, status: this.statusOf(ext!) })),
      ),
    ];
  }
}
