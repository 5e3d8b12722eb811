import { asText } from '../../../domain/shared/text';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BureauLogin, CreditRestriction } from '../../../domain/credit/credit';
import type { CreditBureau } from '../../../domain/credit/ports';
import { PartnerError } from '../../../domain/ports/partner';
import { unstorableTextAt } from '../../../domain/shared/storable';
import { judgeStatus, partnerFetch, unstorableAnswer, type PartnerHttp } from '../partner-http';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const CONSULT_NS = 'http://webservice.consulta.spcjava.spcbrasil.org/';
const SPC_NS = 'http://webservice.spc.insumo.spcjava.spcbrasil.org/';
/** The consult product of the contract with SPC Brasil (basic consumer report with score). */
export const SPC_CONSULT_PRODUCT = '12';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

/** `<name>value</name>` for each field, values escaped. */
const fields = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');

const envelope = (ns: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:web="${ns}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const malformed = (what: string) => new PartnerError('retryable', `SPC Brasil's ${what} could not be read.`);
const oneLine = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() !== ''
    ? value
        .replace(/[\u0000-\u001F\u007F]+/g, ' ')
        .trim()
        .slice(0, 300)
    : fallback;
const asArray = (value: unknown): Record<string, unknown>[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Record<string, unknown>[];

/**
 * The SOAP body of an answer, judged: a Fault is refused for good when it blames the request
 * (faultcode Client), worth another try otherwise; a result with `sucesso` false is the bureau's
 * business refusal even though HTTP said 200.
 */
function soapBody(status: number, text: string, operation: string): Record<string, unknown> {
  // The parser takes a document cut short for a whole one with less in it: it is checked first.
  if (XMLValidator.validate(text) !== true)
    throw status >= 500
      ? new PartnerError('retryable', `SPC Brasil answered ${status} to ${operation}.`)
      : malformed(`answer to ${operation}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch {
    throw malformed(`answer to ${operation}`);
  }
  const unstorableAt = unstorableTextAt(parsed);
  if (unstorableAt !== null) throw unstorableAnswer(unstorableAt);
  const body = ((parsed.Envelope as Record<string, unknown> | undefined)?.Body ?? null) as Record<
    string,
    unknown
  > | null;
  if (!body)
    throw status >= 500
      ? new PartnerError('retryable', `SPC Brasil answered ${status} to ${operation}.`)
      : malformed(`answer to ${operation}`);
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) {
    const code = asText(fault.faultcode);
    const message = `SPC Brasil refused ${operation}: ${oneLine(fault.faultstring, 'SOAP fault')}.`;
    throw new PartnerError(/client/i.test(code) ? 'rejected' : 'retryable', message);
  }
  if (status >= 300)
    throw new PartnerError(status >= 500 ? 'retryable' : 'rejected', `SPC Brasil answered ${status} to ${operation}.`);
  return body;
}

function refusedInBody(result: Record<string, unknown>, operation: string): PartnerError | null {
  if (asText(result.sucesso, 'true').toLowerCase() !== 'false') return null;
  return new PartnerError(
    'rejected',
    `SPC Brasil refused ${operation}: ${oneLine(result.mensagem, 'no reason given')}.`,
  );
}

/**
 * SPC Brasil over SOAP with HTTP Basic (docs/partners.md): `consultaWebService` (consultar) for
 * consults, `spcWebService` (incluirSpc / excluirSpc) for debts, which it registers at once. A debt
 * is known to SPC by its contract number (Ponte's negativation id), which is also the request id.
 */
export function createSpcBureau({
  baseUrl,
  login,
  http,
}: {
  baseUrl: string;
  login: BureauLogin;
  http: PartnerHttp;
}): CreditBureau {
  const base = baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;

  async function call(service: string, action: string, ns: string, body: string): Promise<Record<string, unknown>> {
    const response = await partnerFetch(http, {
      method: 'POST',
      url: `${base}/${service}`,
      headers: { authorization, 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml', soapaction: action },
      body: envelope(ns, body),
    });
    // A Fault comes with 500: read it before judging the status.
    if (response.status === 500 && response.text.includes('Fault'))
      return soapBody(response.status, response.text, action);
    judgeStatus(response, null);
    return soapBody(response.status, response.text, action);
  }

  return {
    async consult(document) {
      const body = await call(
        'consultaWebService',
        'consultar',
        CONSULT_NS,
        `<web:filtro>${fields({ 'codigo-produto': SPC_CONSULT_PRODUCT, 'tipo-consumidor': document.type === 'cpf' ? 'F' : 'J', 'documento-consumidor': document.number })}</web:filtro>`,
      );
      const result = body.resultado as Record<string, unknown> | undefined;
      if (!result || typeof result !== 'object') throw malformed('consult result');
      const refused = refusedInBody(result, 'the consult');
      if (refused) throw refused;
      const consumer = (result.consumidor ?? {}) as Record<string, unknown>;
      const score = Number((result.score as Record<string, unknown> | undefined)?.['@pontuacao']);
      const restrictions: CreditRestriction[] = asArray(
        (result.spc as Record<string, unknown> | undefined)?.['detalhe-spc'],
      ).map((d) => {
        const value = Number(d['@valor']);
        return {
          kind: 'spc',
          creditor: typeof d['@nome-associado'] === 'string' ? d['@nome-associado'] : null,
          amountCents: Number.isFinite(value) ? Math.round(value * 100) : null,
          date: typeof d['@data-inclusao'] === 'string' ? d['@data-inclusao'].slice(0, 10) : null,
        };
      });
      return {
        name: typeof consumer['@nome'] === 'string' ? consumer['@nome'] : null,
        registrationStatus:
          typeof consumer['@situacao-documento'] === 'string' ? consumer['@situacao-documento'] : null,
        score: Number.isSafeInteger(score) ? score : null,
        restrictions,
        raw: result,
      };
    },
    async registerDebt(debt) {
      const body = await call(
        'spcWebService',
        'incluirSpc',
        SPC_NS,
        `<web:incluirSpc><insumoSpc>${fields({
          'tipo-pessoa': debt.debtor.documentType === 'cpf' ? 'F' : 'J',
          documento: debt.debtor.document,
          nome: debt.debtor.name,
          contrato: debt.contractNumber,
          valor: (debt.amountCents / 100).toFixed(2),
          'data-vencimento': debt.dueDate,
        })}</insumoSpc></web:incluirSpc>`,
      );
      const result = body.incluirSpcResponse as Record<string, unknown> | undefined;
      if (!result || typeof result !== 'object') throw malformed('incluirSpc answer');
      // The same contract twice (a retry after a lost answer) is the debt SPC already holds.
      if (asText(result.codigo).toUpperCase() === 'DUPLICADO')
        return { requestId: debt.contractNumber, state: 'registered' };
      const refused = refusedInBody(result, 'the debt');
      if (refused) throw refused;
      return { requestId: debt.contractNumber, state: 'registered' };
    },
    async removeDebt(requestId) {
      const body = await call(
        'spcWebService',
        'excluirSpc',
        SPC_NS,
        `<web:excluirSpc><insumoSpc>${fields({ contrato: requestId })}</insumoSpc></web:excluirSpc>`,
      );
      const result = body.excluirSpcResponse as Record<string, unknown> | undefined;
      if (!result || typeof result !== 'object') throw malformed('excluirSpc answer');
      if (asText(result.codigo).toUpperCase() === 'NAO_ENCONTRADO') return;
      const refused = refusedInBody(result, 'the removal');
      if (refused) throw refused;
    },
    // SPC answers at once: it sends no webhook.
    readWebhook: () => null,
  };
}
