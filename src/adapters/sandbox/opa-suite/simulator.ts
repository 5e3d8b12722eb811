import { randomBytes } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';

/** A template as the simulated tenant holds it. */
export interface SimulatedTemplate {
  _id: string;
  nome: string;
  variaveis: string[];
}

/** A message the simulated tenant sent. */
export interface SimulatedMessage {
  messageSentId: string;
  to: string;
  name: string | null;
  templateId: string;
  variables: string[];
  channel: string;
  at: string;
}

/** The templates a new tenant has (ids are Opa! Suite's 24-hex kind). */
export const SANDBOX_TEMPLATES: readonly SimulatedTemplate[] = [
  { _id: '64b0c0ffee00000000000a01', nome: 'Aviso de atraso', variaveis: ['nome', 'contrato'] },
  { _id: '64b0c0ffee00000000000a02', nome: 'Aviso de bloqueio', variaveis: ['nome', 'contrato'] },
  { _id: '64b0c0ffee00000000000a03', nome: 'Aviso de desbloqueio', variaveis: ['nome'] },
  { _id: '64b0c0ffee00000000000a04', nome: 'Aviso de cancelamento', variaveis: ['nome', 'contrato'] },
  { _id: '64b0c0ffee00000000000a05', nome: 'Desbloqueio de confiança', variaveis: ['nome', 'data'] },
  { _id: '64b0c0ffee00000000000a06', nome: 'Fatura disponível', variaveis: ['nome', 'valor', 'vencimento'] },
  { _id: '64b0c0ffee00000000000a07', nome: 'Fatura vencida', variaveis: ['nome', 'valor', 'vencimento'] },
  { _id: '64b0c0ffee00000000000a08', nome: 'Notificação de débito', variaveis: ['nome', 'aviso'] },
];

export const OPA_SUITE_SIMULATOR_LIMITS = { messages: 10_000 } as const;

const HEX24 = /^[0-9a-f]{24}$/;

/**
 * An in-memory Opa! Suite tenant and the msw handlers that serve it: Bearer tokens (a regenerated
 * one revokes the old at once: 401), the envelope `{status, code, data}`, `POST /template/send`
 * checking the phone (+55…), the template and its variable count, and `GET /template`. Scripted
 * `businessErrors` answer 200 with `status: "error"`. `GET /_sandbox/messages` shows what it sent.
 */
export class OpaSuiteSimulator {
  readonly templates = new Map<string, SimulatedTemplate>(
    SANDBOX_TEMPLATES.map((t) => [t._id, { ...t, variaveis: [...t.variaveis] }]),
  );
  readonly messages: SimulatedMessage[] = [];
  readonly revoked = new Set<string>();
  /** Played one by one: answered 200 with status "error" and this message. */
  businessErrors: string[] = [];
  faults: FaultSettings = { ...NO_FAULTS, script: [] };

  constructor(
    private readonly admits: (token: string) => boolean | Promise<boolean>,
    private readonly random: () => number = Math.random,
  ) {}

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  /** The tenant regenerated its token: the old one is refused from now on. */
  regenerateToken(old: string) {
    this.revoked.add(old);
  }

  state(): { messages: SimulatedMessage[] } {
    return { messages: this.messages.map((m) => ({ ...m, variables: [...m.variables] })) };
  }

  restore(state: { messages?: SimulatedMessage[] }) {
    this.messages.push(...(state.messages ?? []).map((m) => ({ ...m, variables: [...m.variables] })));
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const envelope = (status: number, data: unknown) =>
      HttpResponse.json({ status: status < 300 ? 'success' : 'error', code: status, data }, { status });
    const error = (status: number, message: string) => envelope(status, { message });
    const guarded =
      (operation: (request: Request) => Promise<Response> | Response) =>
      async ({ request }: { request: Request }) => {
        const header = request.headers.get('authorization');
        const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
        if (!token || this.revoked.has(token) || !(await this.admits(token)))
          return error(401, 'Token inválido ou revogado');
        return withFaults(
          this,
          this.random,
          (message) => ({ status: 'error', code: 500, data: { message } }),
          'Erro interno',
          () => {
            const business = this.businessErrors.shift();
            return business
              ? HttpResponse.json({ status: 'error', code: 200, data: { message: business } })
              : operation(request);
          },
        );
      };
    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/messages`, () =>
        HttpResponse.json({ platform: 'opa_suite', messages: this.messages }),
      ),
      http.get(
        `${base}/template`,
        guarded(() => envelope(200, [...this.templates.values()])),
      ),
      http.post(
        `${base}/template/send`,
        guarded(async (request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          const contact = (body?.contato ?? {}) as Record<string, unknown>;
          const template = (body?.template ?? {}) as Record<string, unknown>;
          const extra = Object.keys(body ?? {}).find((key) => !['contato', 'template', 'canal'].includes(key));
          if (extra) return error(400, `Campo não permitido: ${extra}`);
          if (typeof contact.canalCliente !== 'string' || !/^\+55\d{10,11}$/.test(contact.canalCliente))
            return error(400, 'contato.canalCliente deve ser +55DDDNUMERO');
          if (typeof body?.canal !== 'string' || !HEX24.test(body.canal)) return error(400, 'canal inválido');
          const found = typeof template._id === 'string' ? this.templates.get(template._id) : undefined;
          if (!found) return error(404, 'Template não encontrado');
          const variables = template.variaveis;
          if (!Array.isArray(variables) || !variables.every((v) => typeof v === 'string' && v.length <= 1000))
            return error(400, 'template.variaveis deve ser uma lista de textos');
          if (variables.length !== found.variaveis.length)
            return error(400, `O template espera ${found.variaveis.length} variáveis, recebeu ${variables.length}`);
          if (this.messages.length >= OPA_SUITE_SIMULATOR_LIMITS.messages) this.messages.shift();
          const message: SimulatedMessage = {
            messageSentId: randomBytes(12).toString('hex'),
            to: contact.canalCliente,
            name: typeof contact.nome === 'string' ? contact.nome : null,
            templateId: found._id,
            variables: variables as string[],
            channel: body.canal,
            at: new Date().toISOString(),
          };
          this.messages.push(message);
          return envelope(200, { messageSentId: message.messageSentId });
        }),
      ),
    ];
  }
}
