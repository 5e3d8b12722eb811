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

  constructor(
    private readonly kind: 'asterisk' | 'digitro' | 'service',
    private readonly admits: (credential: string) => boolean,
    private readonly random: () => number = Math.random,
    /** Where an Asterisk's ARI events go (the sandbox posts them to Ponte); none: no events. */
    private readonly deliver: ((events: unknown[]) => void) | null = null,
  ) {}

  /** ARI events of a channel, played back as a real call would: ringing, answered, then hung up. */
  private play(
    channel: { id: string; caller: string; connected: string; context: string; exten: string },
    timings: { answerMs: number; hangupMs: number },
  ) {
    if (!this.deliver) return;
    const event = (type: string, state: string) => ({
      type,
      timestamp: new Date().toISOString(),
      channel: {
        id: channel.id,
        state,
        caller: { number: channel.caller },
        connected: { number: channel.connected },
        dialplan: { context: channel.context, exten: channel.exten },
      },
    });
    const deliver = this.deliver;
    deliver([event('StasisStart', 'Ring')]);
    setTimeout(() => {
      if (this.calls.get(channel.id)?.state === 'hung_up') return;
      const call = this.calls.get(channel.id);
      if (call) call.state = 'up';
      deliver([event('ChannelStateChange', 'Up')]);
    }, timings.answerMs).unref();
    setTimeout(() => {
      const call = this.calls.get(channel.id);
      // An answered call was recorded (as MixMonitor would): stored under the channel's id.
      if (call?.state === 'up') this.recordings.set(channel.id, TONE_WAV);
      if (call && call.state !== 'hung_up') call.state = 'hung_up';
      deliver([event('ChannelDestroyed', 'Up')]);
    }, timings.hangupMs).unref();
  }

  /** A customer calls in (`POST /sandbox/pbx/_sandbox/inbound`): the call rings at the extension, is answered and hung up. */
  inbound(call: { from: string; did: string; extension: string }): SimulatedPbxCall | null {
    const placed = this.place(call.extension, call.did);
    if (!placed) return null;
    this.play(
      { id: placed.id, caller: call.from, connected: call.extension, context: 'from-trunk', exten: call.did },
      { answerMs: 1500, hangupMs: 6000 },
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
        if (credential === null || !this.admits(credential)) return error(401, 'Unauthorized');
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
            const extension = endpoint.replace(/^PJSIP\//, '');
            if (!extension || !query.get('extension')) return error(400, 'Endpoint and extension are required');
            const call = this.place(extension, query.get('extension')!, query.get('channelId') ?? undefined);
            if (!call) return error(400, 'Allocation failed: endpoint unavailable');
            this.play(
              { id: call.id, caller: extension, connected: call.to, context: 'from-internal', exten: call.to },
              { answerMs: 1200, hangupMs: 4000 },
            );
            return HttpResponse.json({ id: call.id, state: 'Down', name: `${endpoint}-00000001` });
          }),
        ),
        http.delete(
          `${ari}/channels/:id`,
          guarded(basic, (_r, { id }) => {
            const call = live(id);
            if (!call) return error(404, 'Channel not found');
            call.state = 'hung_up';
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
