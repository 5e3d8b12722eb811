import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { parseDocument } from '../../../domain/customers/document';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { simulatedPerson } from '../credit-people';

/** A debt as SPC Brasil holds it, by contract number. */
export interface SimulatedSpcDebt {
  contract: string;
  document: string;
  name: string;
  amount: string;
  dueDate: string;
  protocol: string;
}

export const SPC_SIMULATOR_LIMITS = { debts: 10_000, fieldLength: 120 } as const;

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, trimValues: true });
const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

const soap = (body: string, status = 200) =>
  new HttpResponse(
    `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${body}</S:Body></S:Envelope>`,
    {
      status,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
    },
  );
const fault = (code: 'Client' | 'Server', message: string) =>
  soap(`<S:Fault><faultcode>S:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></S:Fault>`, 500);
const result = (element: string, fields: Record<string, string>) =>
  soap(
    `<ns2:${element} xmlns:ns2="http://webservice.spcbrasil.org/">${Object.entries(fields)
      .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
      .join('')}</ns2:${element}>`,
  );

/**
 * An in-memory SPC Brasil and the msw handlers that serve it: SOAP 1.1 with HTTP Basic,
 * `consultaWebService` (consultar) and `spcWebService` (incluirSpc, excluirSpc). Like the real one,
 * it answers some refusals with 200 and `sucesso` false (a debtor under 18, a debt already held),
 * and a malformed request with a SOAP Fault; `soapFaults` plays Faults one by one before anything
 * else.
 */
export class SpcSimulator {
  readonly debts = new Map<string, SimulatedSpcDebt>();
  readonly minors = new Set<string>();
  soapFaults: ('Client' | 'Server')[] = [];
  faults: FaultSettings = { ...NO_FAULTS, script: [] };

  constructor(
    private readonly admits: (username: string, password: string) => boolean | Promise<boolean>,
    private readonly random: () => number = Math.random,
  ) {}

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  state(): { debts: SimulatedSpcDebt[] } {
    return { debts: [...this.debts.values()].map((debt) => ({ ...debt })) };
  }

  restore(state: { debts?: SimulatedSpcDebt[] }) {
    for (const debt of state.debts ?? []) this.debts.set(debt.contract, { ...debt });
  }

  handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const guarded =
      (operation: (body: Record<string, unknown>) => Response) =>
      async ({ request }: { request: Request }) => {
        const header = request.headers.get('authorization') ?? '';
        const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
        const colon = decoded.indexOf(':');
        if (colon < 1 || !(await this.admits(decoded.slice(0, colon), decoded.slice(colon + 1)))) {
          return new HttpResponse('<html><body>401 - Não autorizado</body></html>', {
            status: 401,
            headers: { 'content-type': 'text/html' },
          });
        }
        return withFaults(
          this,
          this.random,
          (message) => ({ message }),
          'SPC indisponível',
          async () => {
            const planned = this.soapFaults.shift();
            if (planned)
              return fault(planned, planned === 'Client' ? 'Requisição inválida' : 'Erro interno do servidor');
            let parsed: Record<string, unknown>;
            try {
              parsed = parser.parse(await request.text()) as Record<string, unknown>;
            } catch {
              return fault('Client', 'XML mal formado');
            }
            const body = (parsed.Envelope as Record<string, unknown> | undefined)?.Body as
              Record<string, unknown> | undefined;
            return body && typeof body === 'object' ? operation(body) : fault('Client', 'Envelope SOAP ausente');
          },
        );
      };
    const text = (value: unknown) =>
      typeof value === 'string' && value.length > 0 && value.length <= SPC_SIMULATOR_LIMITS.fieldLength ? value : null;

    return [
      faultControls(base, this),
      http.get(`${base}/_sandbox/debts`, () => HttpResponse.json({ platform: 'spc', debts: [...this.debts.values()] })),
      http.post(
        `${base}/consultaWebService`,
        guarded((body) => {
          const filter = (body.filtro ?? {}) as Record<string, unknown>;
          const document = text(filter['documento-consumidor']);
          if (!document) return fault('Client', 'documento-consumidor é obrigatório');
          if (!parseDocument(document).ok)
            return result('resultado', {
              sucesso: 'false',
              mensagem: 'Documento inválido: dígito verificador não confere',
            });
          const person = simulatedPerson(
            document,
            [...this.debts.values()]
              .filter((d) => d.document === document)
              .map((d) => ({ creditor: 'Credor via Ponte', amount: d.amount, date: d.dueDate })),
          );
          const details = person.restrictions
            .map(
              (r) =>
                `<detalhe-spc nome-associado="${escapeXml(r.creditor)}" valor="${r.amount}" data-inclusao="${r.date}"/>`,
            )
            .join('');
          return soap(
            `<ns2:resultado xmlns:ns2="http://webservice.consulta.spcjava.spcbrasil.org/"><sucesso>true</sucesso><consumidor nome="${escapeXml(person.name)}" situacao-documento="${person.registrationStatus}"/><score pontuacao="${person.score}"/><spc quantidade-total="${person.restrictions.length}">${details}</spc></ns2:resultado>`,
          );
        }),
      ),
      http.post(
        `${base}/spcWebService`,
        guarded((body) => {
          if (body.incluirSpc) {
            const input = ((body.incluirSpc as Record<string, unknown>).insumoSpc ?? {}) as Record<string, unknown>;
            const [document, name, contract, amount, dueDate] = [
              text(input.documento),
              text(input.nome),
              text(input.contrato),
              text(input.valor),
              text(input['data-vencimento']),
            ];
            if (!document || !name || !contract || !amount || !dueDate)
              return fault('Client', 'documento, nome, contrato, valor e data-vencimento são obrigatórios');
            if (!parseDocument(document).ok)
              return fault('Client', 'Documento do consumidor inválido: dígito verificador não confere');
            if (this.minors.has(document))
              return result('incluirSpcResponse', {
                sucesso: 'false',
                mensagem: 'Consumidor menor de idade não pode ser incluído',
              });
            if (this.debts.has(contract))
              return result('incluirSpcResponse', {
                sucesso: 'false',
                codigo: 'DUPLICADO',
                mensagem: 'Registro já existe para este contrato',
              });
            if (this.debts.size >= SPC_SIMULATOR_LIMITS.debts)
              return result('incluirSpcResponse', { sucesso: 'false', mensagem: 'Limite de registros atingido' });
            const debt = { contract, document, name, amount, dueDate, protocol: randomUUID() };
            this.debts.set(contract, debt);
            return result('incluirSpcResponse', { sucesso: 'true', protocolo: debt.protocol });
          }
          if (body.excluirSpc) {
            const input = ((body.excluirSpc as Record<string, unknown>).insumoSpc ?? {}) as Record<string, unknown>;
            const contract = text(input.contrato);
            if (!contract) return fault('Client', 'contrato é obrigatório');
            if (!this.debts.delete(contract))
              return result('excluirSpcResponse', {
                sucesso: 'false',
                codigo: 'NAO_ENCONTRADO',
                mensagem: 'Registro não encontrado',
              });
            return result('excluirSpcResponse', { sucesso: 'true' });
          }
          return fault('Client', 'Operação desconhecida');
        }),
      ),
    ];
  }
}
