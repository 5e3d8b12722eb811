import { http, HttpResponse, type HttpHandler } from 'msw';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { boundedText, driftControl } from '../drift';
import { pageOfKeys } from '../paging';

/** A SIP line as the softswitch sees it. */
export interface SimulatedLine {
  reference: string;
  extension: string;
  number: string;
  status: 'active' | 'blocked' | 'cancelled';
  hasPassword: boolean;
  /** Every change the softswitch applied, in order. */
  log: string[];
}

/** Lines a softswitch holds at most, as a real one would refuse beyond. */
export const VOIP_SIMULATOR_LIMITS = { lines: 10_000, fieldLength: 64 } as const;

/**
 * An in-memory softswitch and the msw handlers that serve it: lines by reference, Bearer token,
 * an extension or number taken by another live line refused (409), faults injected per call.
 */
export class VoipSimulator {
  readonly lines = new Map<string, SimulatedLine>();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };
  calls = 0;

  constructor(
    private readonly token: string,
    private readonly random: () => number = Math.random,
  ) {}

  /** What the softswitch keeps across restarts (no passwords: only whether one is set). */
  state(): { lines: SimulatedLine[] } {
    return { lines: [...this.lines.values()].map((line) => ({ ...line, log: [...line.log] })) };
  }

  restore(state: { lines?: SimulatedLine[] }) {
    for (const line of state.lines ?? []) this.lines.set(line.reference, { ...line, log: [...line.log] });
  }

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  /**
   * A change behind Ponte's back, as an operator on the softswitch would make it (docs/sandbox.md):
   * `{reference, status | extension | number | delete}` changes or removes a line;
   * `{extra: {reference, extension, number}}` adds one Ponte does not have. Answers the line, or what is wrong.
   */
  drift(body: unknown): SimulatedLine | string {
    const b = (body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => boundedText(value, VOIP_SIMULATOR_LIMITS.fieldLength);
    if (b.extra !== undefined) {
      const extra = (b.extra ?? {}) as Record<string, unknown>;
      const [reference, extension, number] = [text(extra.reference), text(extra.extension), text(extra.number)];
      if (!reference || !extension || !number) return 'extra: reference, extension and number are required.';
      if (this.lines.has(reference)) return 'extra.reference: the softswitch already holds it.';
      const line: SimulatedLine = {
        reference,
        extension,
        number,
        status: 'active',
        hasPassword: false,
        log: ['created (drift)'],
      };
      this.lines.set(reference, line);
      return line;
    }
    const line = typeof b.reference === 'string' ? this.lines.get(b.reference) : undefined;
    if (!line) return 'reference: the softswitch holds no such line.';
    if (b.delete === true) {
      this.lines.delete(line.reference);
      line.log.push('deleted (drift)');
      return line;
    }
    if (b.status !== undefined && b.status !== 'active' && b.status !== 'blocked' && b.status !== 'cancelled')
      return 'status: active, blocked or cancelled.';
    for (const field of ['extension', 'number'] as const)
      if (b[field] !== undefined && !text(b[field])) return `${field}: a text.`;
    if (b.status === undefined && b.extension === undefined && b.number === undefined)
      return 'One of status, extension, number or delete: true.';
    if (b.status !== undefined) line.status = b.status;
    if (typeof b.extension === 'string') line.extension = b.extension;
    if (typeof b.number === 'string') line.number = b.number;
    line.log.push('changed (drift)');
    return line;
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });
    const view = ({ log: _log, ...line }: SimulatedLine) => line;
    const guarded =
      (operation: (request: Request, params: Record<string, string>) => Promise<Response> | Response) =>
      async ({
        request,
        params,
      }: {
        request: Request;
        params: Record<string, string | readonly string[] | undefined>;
      }) => {
        this.calls += 1;
        if (request.headers.get('authorization') !== `Bearer ${this.token}`) return error(401, 'token inválido');
        return withFaults(
          this,
          this.random,
          (message) => ({ error: message }),
          'softswitch indisponível',
          () => operation(request, params as Record<string, string>),
        );
      };
    const live = (line: SimulatedLine) => line.status !== 'cancelled';
    const transitions: Record<string, { from: SimulatedLine['status'][]; to: SimulatedLine['status'] }> = {
      block: { from: ['active', 'blocked'], to: 'blocked' },
      unblock: { from: ['active', 'blocked'], to: 'active' },
      cancel: { from: ['active', 'blocked', 'cancelled'], to: 'cancelled' },
    };
    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/lines`, () =>
        HttpResponse.json({
          platform: 'softswitch',
          lines: [...this.lines.values()].map((l) => ({ ...view(l), log: l.log })),
        }),
      ),
      driftControl(base, (body) => this.drift(body), view),
      http.get(
        `${base}/lines`,
        guarded((request) => {
          const page = pageOfKeys([...this.lines.keys()].sort(), request);
          if (typeof page === 'string') return error(400, page);
          return HttpResponse.json({ lines: page.keys.map((key) => view(this.lines.get(key)!)), next: page.next });
        }),
      ),
      http.post(
        `${base}/lines`,
        guarded(async (request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const field = (name: string) =>
            typeof body?.[name] === 'string' && body[name].length <= VOIP_SIMULATOR_LIMITS.fieldLength
              ? body[name]
              : null;
          const [reference, extension, number] = [field('reference'), field('extension'), field('number')];
          if (!reference || !extension || !number) return error(422, 'reference, extension e number são obrigatórios');
          const existing = this.lines.get(reference);
          if (existing)
            return existing.extension === extension
              ? HttpResponse.json(view(existing))
              : error(409, 'referência já usada');
          const clash = [...this.lines.values()].find(
            (l) => live(l) && (l.extension === extension || l.number === number),
          );
          if (clash) return error(409, clash.extension === extension ? 'ramal já cadastrado' : 'número já cadastrado');
          if (this.lines.size >= VOIP_SIMULATOR_LIMITS.lines) return error(422, 'limite de linhas atingido');
          const line: SimulatedLine = {
            reference,
            extension,
            number,
            status: 'active',
            hasPassword: typeof body?.password === 'string',
            log: ['created'],
          };
          this.lines.set(reference, line);
          return HttpResponse.json(view(line), { status: 201 });
        }),
      ),
      http.get(
        `${base}/lines/:reference`,
        guarded((_request, { reference }) => {
          const line = this.lines.get(reference!);
          return line ? HttpResponse.json(view(line)) : error(404, 'linha não encontrada');
        }),
      ),
      http.patch(
        `${base}/lines/:reference`,
        guarded(async (request, { reference }) => {
          const line = this.lines.get(reference!);
          if (!line) return error(404, 'linha não encontrada');
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          if (typeof body?.password === 'string') line.hasPassword = true;
          line.log.push('updated');
          return HttpResponse.json(view(line));
        }),
      ),
      http.delete(
        `${base}/lines/:reference`,
        guarded((_request, { reference }) => {
          if (!this.lines.delete(reference!)) return error(404, 'linha não encontrada');
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.post(
        `${base}/lines/:reference/:verb`,
        guarded((_request, { reference, verb }) => {
          const line = this.lines.get(reference!);
          const move = transitions[verb!];
          if (!line) return error(404, 'linha não encontrada');
          if (!move) return error(404, 'operação desconhecida');
          if (!move.from.includes(line.status)) return error(422, `linha ${line.status} não pode ser alterada`);
          if (line.status !== move.to) line.log.push(move.to);
          line.status = move.to;
          return HttpResponse.json(view(line));
        }),
      ),
    ];
  }
}
