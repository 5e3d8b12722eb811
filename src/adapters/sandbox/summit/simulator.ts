import { createHash } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { boundedText, driftControl } from '../drift';
import { pageOfKeys } from '../paging';

/** A line as Summit holds it, by Ponte's contract id. */
export interface SimulatedSummitLine {
  contractRef: string;
  number: string;
  plan: string;
  closingDay: number;
}

/** A call as Summit sends it: amounts as Summit writes them (numbers or decimal-comma strings). */
export interface SimulatedCall {
  callId: string;
  startedAt: string;
  origin: string;
  destination: string;
  kind: string;
  durationSeconds: number;
  billedSeconds: number;
  amount: number | string;
}

/** One contract's month on Summit. */
export interface SimulatedMonth {
  closed: boolean;
  total: number | string;
  items: { description: string; amount: number | string }[];
  calls: SimulatedCall[];
}

export const SUMMIT_PAGE_SIZE = 100;
export const SUMMIT_SIMULATOR_LIMITS = { lines: 10_000, fieldLength: 64 } as const;

/** A closing day Summit takes (1 to 28), or null. */
const closingDayOf = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 28 ? (value as number) : null;
/** A text field within Summit's size, or null. */
const fieldText = (value: unknown) => boundedText(value, SUMMIT_SIMULATOR_LIMITS.fieldLength);

const KINDS = ['local', 'long_distance', 'mobile'] as const;
const RATE_CENTS: Record<(typeof KINDS)[number], number> = { local: 10, long_distance: 35, mobile: 80 };

/**
 * The month a provisioned line has when none was set: a closed month (unless it is the current
 * one or later) with a few calls derived from the contract and competence, so that the sandbox
 * answers the same thing twice. Amounts are written the Brazilian way, with a decimal comma.
 */
function generatedMonth(line: SimulatedSummitLine, competence: string, currentCompetence: string): SimulatedMonth {
  const seed = createHash('sha256').update(`${line.contractRef}:${competence}`).digest();
  const count = 3 + (seed[0]! % 8);
  const calls: SimulatedCall[] = Array.from({ length: count }, (_, i) => {
    const kind = KINDS[seed[(i + 1) % seed.length]! % KINDS.length]!;
    const durationSeconds = 20 + ((seed[(i + 7) % seed.length]! * 7) % 900);
    const billedSeconds = Math.max(30, Math.ceil(durationSeconds / 6) * 6);
    const cents = Math.ceil((billedSeconds / 60) * RATE_CENTS[kind]);
    const day = String(1 + (seed[(i + 13) % seed.length]! % 28)).padStart(2, '0');
    return {
      callId: `${line.contractRef.slice(0, 8)}-${competence}-${i + 1}`,
      startedAt: `${competence}-${day}T${String(8 + (i % 12)).padStart(2, '0')}:15:00-03:00`,
      origin: line.number,
      destination: kind === 'mobile' ? '+5511987654321' : kind === 'long_distance' ? '+552133334444' : '+551140028922',
      kind,
      durationSeconds,
      billedSeconds,
      amount: `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`,
    };
  });
  const total = calls.reduce((sum, c) => sum + Number(String(c.amount).replace(',', '')), 0);
  return {
    closed: competence < currentCompetence,
    total: `${Math.floor(total / 100)},${String(total % 100).padStart(2, '0')}`,
    items: [],
    calls,
  };
}

/**
 * An in-memory Summit and the msw handlers that serve it: lines by contract, each month's
 * billing and calls (paged), Bearer token, faults injected per call. `setMonth` gives a contract's
 * month exactly (tests: a month not closed, the same calls twice, an empty month, amounts with a
 * decimal comma); otherwise a provisioned line's month is generated.
 */
export class SummitSimulator {
  readonly lines = new Map<string, SimulatedSummitLine>();
  readonly months = new Map<string, SimulatedMonth>();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };
  calls = 0;

  /** `token`: the one it answers, or a check of a presented one (the sandbox admits registered integrations). */
  constructor(
    private readonly token: string | ((token: string) => Promise<boolean>),
    private readonly options: { random?: () => number; now?: () => Date } = {},
  ) {}

  private async admits(header: string | null): Promise<boolean> {
    const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
    if (!presented) return false;
    return typeof this.token === 'string' ? presented === this.token : this.token(presented);
  }

  setMonth(contractRef: string, competence: string, month: Partial<SimulatedMonth>) {
    this.months.set(`${contractRef}:${competence}`, { closed: true, total: 0, items: [], calls: [], ...month });
  }

  monthOf(contractRef: string, competence: string): SimulatedMonth | null {
    const set = this.months.get(`${contractRef}:${competence}`);
    if (set) return set;
    const line = this.lines.get(contractRef);
    return line
      ? generatedMonth(line, competence, (this.options.now?.() ?? new Date()).toISOString().slice(0, 7))
      : null;
  }

  state(): { lines: SimulatedSummitLine[] } {
    return { lines: [...this.lines.values()].map((line) => ({ ...line })) };
  }

  restore(state: { lines?: SimulatedSummitLine[] }) {
    for (const line of state.lines ?? []) this.lines.set(line.contractRef, { ...line });
  }

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  /**
   * A change behind Ponte's back, as an operator in Summit would make it (docs/sandbox.md):
   * `{reference: <contract id>, closingDay | plan (or package) | number | delete}` changes or removes a line;
   * `{extra: {reference, number, plan?, closingDay?}}` adds one for a contract Ponte has none for.
   */
  drift(body: unknown): SimulatedSummitLine | string {
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.extra !== undefined) {
      const extra = (b.extra ?? {}) as Record<string, unknown>;
      const [contractRef, number] = [fieldText(extra.reference ?? extra.contractRef), fieldText(extra.number)];
      if (!contractRef || !number) return 'extra: reference (a contract) and number are required.';
      if (this.lines.has(contractRef)) return 'extra.reference: Summit already holds a line for it.';
      const line = {
        contractRef,
        number,
        plan: fieldText(extra.plan) ?? 'STFC',
        closingDay: closingDayOf(extra.closingDay) ?? 10,
      };
      this.lines.set(contractRef, line);
      return line;
    }
    const line = typeof b.reference === 'string' ? this.lines.get(b.reference) : undefined;
    if (!line) return 'reference: Summit holds no line for this contract.';
    if (b.delete === true) {
      this.lines.delete(line.contractRef);
      return line;
    }
    const plan = b.plan ?? b.package;
    if (b.closingDay !== undefined && closingDayOf(b.closingDay) === null) return 'closingDay: 1 to 28.';
    if (plan !== undefined && !fieldText(plan)) return 'plan: a plan name.';
    if (b.number !== undefined && !fieldText(b.number)) return 'number: a number.';
    if (b.closingDay === undefined && plan === undefined && b.number === undefined)
      return 'One of closingDay, plan (or package), number or delete: true.';
    if (b.closingDay !== undefined) line.closingDay = b.closingDay as number;
    if (typeof plan === 'string') line.plan = plan;
    if (typeof b.number === 'string') line.number = b.number;
    return line;
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });
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
        if (!(await this.admits(request.headers.get('authorization')))) return error(401, 'token inválido');
        return withFaults(
          this,
          this.options.random ?? Math.random,
          (message) => ({ error: message }),
          'Summit indisponível',
          () => operation(request, params as Record<string, string>),
        );
      };
    const competenceOf = (request: Request) => {
      const competence = new URL(request.url).searchParams.get('competence') ?? '';
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(competence) ? competence : null;
    };
    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/lines`, () =>
        HttpResponse.json({ platform: 'summit', lines: [...this.lines.values()] }),
      ),
      driftControl(
        base,
        (body) => this.drift(body),
        (line) => line,
      ),
      http.get(
        `${base}/lines`,
        guarded((request) => {
          const page = pageOfKeys([...this.lines.keys()].sort(), request);
          if (typeof page === 'string') return error(400, page);
          return HttpResponse.json({ lines: page.keys.map((key) => this.lines.get(key)!), next: page.next });
        }),
      ),
      http.patch(
        `${base}/lines/:ref`,
        guarded(async (request, { ref }) => {
          const line = this.lines.get(ref!);
          if (!line) return error(404, 'contrato não encontrado');
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const [closingDay, plan] = [closingDayOf(body?.closingDay), fieldText(body?.plan)];
          if (body?.closingDay !== undefined && closingDay === null) return error(422, 'closingDay: de 1 a 28');
          if (body?.plan !== undefined && plan === null) return error(422, 'plano inválido');
          if (closingDay !== null) line.closingDay = closingDay;
          if (plan !== null) line.plan = plan;
          return HttpResponse.json(line);
        }),
      ),
      http.post(
        `${base}/lines`,
        guarded(async (request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const [contractRef, number, plan] = [
            fieldText(body?.contractRef),
            fieldText(body?.number),
            fieldText(body?.plan),
          ];
          const closingDay = closingDayOf(body?.closingDay);
          if (!contractRef || !number || !plan || closingDay === null) {
            return error(422, 'contractRef, number, plan e closingDay (1 a 28) são obrigatórios');
          }
          const existing = this.lines.get(contractRef);
          if (existing)
            return existing.number === number
              ? HttpResponse.json({ error: 'linha já cadastrada', line: existing }, { status: 409 })
              : error(409, 'contrato já tem outra linha');
          if ([...this.lines.values()].some((l) => l.number === number))
            return error(409, 'número já cadastrado em outro contrato');
          if (this.lines.size >= SUMMIT_SIMULATOR_LIMITS.lines) return error(422, 'limite de linhas atingido');
          const line = { contractRef, number, plan, closingDay };
          this.lines.set(contractRef, line);
          return HttpResponse.json(line, { status: 201 });
        }),
      ),
      http.get(
        `${base}/contracts/:ref/billing`,
        guarded((request, { ref }) => {
          const competence = competenceOf(request);
          if (!competence) return error(422, 'competência inválida');
          const month = this.monthOf(ref!, competence);
          if (!month) return error(404, 'contrato não encontrado');
          return HttpResponse.json({ competence, closed: month.closed, total: month.total, items: month.items });
        }),
      ),
      http.get(
        `${base}/contracts/:ref/calls`,
        guarded((request, { ref }) => {
          const competence = competenceOf(request);
          const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
          if (!competence || !Number.isInteger(page) || page < 1) return error(422, 'competência ou página inválida');
          const month = this.monthOf(ref!, competence);
          if (!month) return error(404, 'contrato não encontrado');
          const calls = month.calls.slice((page - 1) * SUMMIT_PAGE_SIZE, page * SUMMIT_PAGE_SIZE);
          return HttpResponse.json({ calls, nextPage: page * SUMMIT_PAGE_SIZE < month.calls.length ? page + 1 : null });
        }),
      ),
    ];
  }
}
