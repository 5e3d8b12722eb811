import { http, HttpResponse, type HttpHandler } from 'msw';
import type { TelecallLineState } from '../../../domain/mvno/ports';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { boundedText, driftControl } from '../drift';
import { pageOfKeys } from '../paging';

export interface SimulatedMobileLine {
  reference: string;
  msisdn: string;
  iccid: string;
  plan: string;
  status: TelecallLineState;
  /** An operation accepted (202) and not finished yet: the state it leads to, after so many reads. */
  finishing: { to: TelecallLineState; afterReads: number } | null;
  log: string[];
}

const TELECALL_STATES: readonly TelecallLineState[] = [
  'pending',
  'active',
  'blocked_partial',
  'blocked_total',
  'cancelled',
];

export const TELECALL_SIMULATOR_LIMITS = { lines: 10_000, fieldLength: 64 } as const;

/**
 * An in-memory TeleCall and the msw handlers that serve it. Like the real one, it accepts an
 * operation with 202 and finishes it later: the line reaches the state after `lateness` reads
 * (0: at once, answered 200). Already in the state is success; blocking a cancelled line is refused.
 */
export class TelecallSimulator {
  readonly lines = new Map<string, SimulatedMobileLine>();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };
  lateness = 1;

  constructor(
    private readonly token: string,
    private readonly random: () => number = Math.random,
  ) {}

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  state(): { lines: SimulatedMobileLine[] } {
    return { lines: [...this.lines.values()].map((line) => ({ ...line, log: [...line.log] })) };
  }

  restore(state: { lines?: SimulatedMobileLine[] }) {
    for (const line of state.lines ?? []) this.lines.set(line.msisdn, { ...line, log: [...line.log] });
  }

  /** Time passes: every accepted operation finishes, as TeleCall's would. */
  finishAll() {
    for (const line of this.lines.values()) {
      if (!line.finishing) continue;
      line.status = line.finishing.to;
      line.log.push(line.finishing.to);
      line.finishing = null;
    }
  }

  /**
   * A change behind Ponte's back, as the carrier would make it (docs/sandbox.md):
   * `{reference, status | plan (or package) | delete}` changes or removes a line (found by the
   * reference Ponte sent, its line id); `{extra: {reference, msisdn, iccid, plan}}` adds one Ponte
   * does not have. Answers the line, or what is wrong.
   */
  drift(body: unknown): SimulatedMobileLine | string {
    const b = (body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => boundedText(value, TELECALL_SIMULATOR_LIMITS.fieldLength);
    if (b.extra !== undefined) {
      const extra = (b.extra ?? {}) as Record<string, unknown>;
      const [reference, msisdn, iccid, plan] = [
        text(extra.reference),
        text(extra.msisdn),
        text(extra.iccid),
        text(extra.plan),
      ];
      if (!reference || !msisdn || !iccid || !plan) return 'extra: reference, msisdn, iccid and plan are required.';
      if (this.lines.has(msisdn)) return 'extra.msisdn: TeleCall already holds this number.';
      const line: SimulatedMobileLine = {
        reference,
        msisdn,
        iccid,
        plan,
        status: 'active',
        finishing: null,
        log: ['active (drift)'],
      };
      this.lines.set(msisdn, line);
      return line;
    }
    if (typeof b.reference !== 'string') return 'reference: the id Ponte sends for the line.';
    const line = [...this.lines.values()].find((held) => held.reference === b.reference);
    if (!line) return 'reference: TeleCall holds no such line.';
    if (b.delete === true) {
      this.lines.delete(line.msisdn);
      line.log.push('deleted (drift)');
      return line;
    }
    const plan = b.plan ?? b.package;
    if (b.status !== undefined && !TELECALL_STATES.includes(b.status as TelecallLineState))
      return `status: ${TELECALL_STATES.join(', ')}.`;
    if (plan !== undefined && !text(plan)) return 'plan: a plan name.';
    if (b.status === undefined && plan === undefined) return 'One of status, plan (or package) or delete: true.';
    if (b.status !== undefined) line.status = b.status as TelecallLineState;
    if (typeof plan === 'string') line.plan = plan;
    line.finishing = null;
    line.log.push('changed (drift)');
    return line;
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string) => HttpResponse.json({ mensagem: message }, { status });
    const view = ({ log: _log, finishing: _finishing, ...line }: SimulatedMobileLine) => line;
    const guarded =
      (operation: (request: Request, params: Record<string, string>) => Promise<Response> | Response) =>
      async ({
        request,
        params,
      }: {
        request: Request;
        params: Record<string, string | readonly string[] | undefined>;
      }) => {
        if (request.headers.get('authorization') !== `Bearer ${this.token}`) return error(401, 'token inválido');
        return withFaults(
          this,
          this.random,
          (message) => ({ mensagem: message }),
          'TeleCall indisponível',
          () => operation(request, params as Record<string, string>),
        );
      };
    /** Moves the line now (lateness 0) or accepts and finishes after some reads. */
    const move = (line: SimulatedMobileLine, to: TelecallLineState, created = false) => {
      if (this.lateness === 0) {
        line.status = to;
        line.log.push(to);
        return HttpResponse.json(view(line), { status: created ? 201 : 200 });
      }
      line.finishing = { to, afterReads: this.lateness };
      return HttpResponse.json(view(line), { status: 202 });
    };
    const read = (line: SimulatedMobileLine) => {
      if (line.finishing && (line.finishing.afterReads -= 1) <= 0) {
        line.status = line.finishing.to;
        line.log.push(line.finishing.to);
        line.finishing = null;
      }
      return line;
    };
    const target = (line: SimulatedMobileLine) => line.finishing?.to ?? line.status;
    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/lines`, () =>
        HttpResponse.json({
          platform: 'TeleCall',
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
            typeof body?.[name] === 'string' && body[name].length <= TELECALL_SIMULATOR_LIMITS.fieldLength
              ? body[name]
              : null;
          const [reference, msisdn, iccid, plan] = [field('reference'), field('msisdn'), field('iccid'), field('plan')];
          if (!reference || !msisdn || !iccid || !plan)
            return error(422, 'reference, msisdn, iccid e plan são obrigatórios');
          if (this.lines.has(msisdn)) return error(409, 'linha já cadastrada');
          if (this.lines.size >= TELECALL_SIMULATOR_LIMITS.lines) return error(422, 'limite de linhas atingido');
          const line: SimulatedMobileLine = {
            reference,
            msisdn,
            iccid,
            plan,
            status: 'pending',
            finishing: null,
            log: ['pending'],
          };
          this.lines.set(msisdn, line);
          return move(line, 'active', true);
        }),
      ),
      http.get(
        `${base}/lines/:msisdn`,
        guarded((_request, { msisdn }) => {
          const line = this.lines.get(msisdn!);
          return line ? HttpResponse.json(view(read(line))) : error(404, 'linha não encontrada');
        }),
      ),
      http.post(
        `${base}/lines/:msisdn/:verb`,
        guarded(async (request, { msisdn, verb }) => {
          const line = this.lines.get(msisdn!);
          if (!line) return error(404, 'linha não encontrada');
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const to: TelecallLineState | null =
            verb === 'block'
              ? body?.mode === 'partial'
                ? 'blocked_partial'
                : body?.mode === 'total'
                  ? 'blocked_total'
                  : null
              : verb === 'unblock'
                ? 'active'
                : verb === 'cancel'
                  ? 'cancelled'
                  : null;
          if (!to) return error(422, 'operação ou modo desconhecido');
          if (target(line) === to) return HttpResponse.json(view(line));
          if (target(line) === 'cancelled') return error(422, 'linha cancelada não pode ser alterada');
          return move(line, to);
        }),
      ),
    ];
  }
}
