import type { OpaSuitePlatform, OpaSuiteTemplate } from '../../../domain/notifications/ports';
import { PartnerError } from '../../../domain/ports/partner';
import {
  partnerCall,
  partnerGetWithBody,
  partnerMessage,
  rejection,
  type PartnerHttp,
  type PartnerResponse,
} from '../partner-http';

/** Opa! Suite answers in an envelope: success only when `status` says so. */
function data(response: PartnerResponse, what: string): unknown {
  const envelope = (response.body ?? {}) as { status?: unknown; data?: unknown };
  if (response.status >= 200 && response.status < 300 && envelope.status === 'success') return envelope.data;
  if (response.status >= 200 && response.status < 300) {
    throw new PartnerError(
      'rejected',
      `${what}: ${partnerMessage(response.body, `Opa! Suite answered status '${String(envelope.status)}'`)}.`,
    );
  }
  throw rejection(response, what);
}

/**
 * Opa! Suite over HTTP (docs/partners.md): per-tenant base URL (`https://<tenant>/api/v1`), Bearer
 * token, `POST /template/send` with the contact's WhatsApp number (+55…), the template and its
 * variables and the channel; lists are GETs with a JSON body (`{filter, options}`).
 */
export function createOpaSuitePlatform({
  baseUrl,
  token,
  http,
}: {
  baseUrl: string;
  token: string;
  http: PartnerHttp;
}): OpaSuitePlatform {
  const base = baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${token}` };
  return {
    async sendTemplate(message) {
      const response = await partnerCall(http, {
        method: 'POST',
        url: `${base}/template/send`,
        headers,
        body: {
          contato: { canalCliente: message.phone, ...(message.name ? { nome: message.name } : {}) },
          template: { _id: message.templateId, variaveis: message.variables },
          canal: message.channelId,
        },
      });
      const sent = data(response, 'Opa! Suite did not send the message') as { messageSentId?: unknown } | null;
      if (typeof sent?.messageSentId !== 'string' || sent.messageSentId === '')
        throw new PartnerError('retryable', "Opa! Suite's answer to the message could not be read.");
      return { messageId: sent.messageSentId };
    },
    async listTemplates() {
      const templates: OpaSuiteTemplate[] = [];
      for (let skip = 0; ; skip += 1000) {
        const response = await partnerGetWithBody(http, {
          url: `${base}/template`,
          headers,
          body: { filter: {}, options: { limit: 1000, skip } },
        });
        const page = data(response, 'Opa! Suite did not list the templates');
        if (!Array.isArray(page)) throw new PartnerError('retryable', "Opa! Suite's template list could not be read.");
        for (const item of page as Record<string, unknown>[]) {
          if (typeof item?._id !== 'string') continue;
          const count = Array.isArray(item.variaveis)
            ? item.variaveis.length
            : Number.isSafeInteger(item.quantidadeVariaveis)
              ? (item.quantidadeVariaveis as number)
              : null;
          templates.push({
            id: item._id,
            name: typeof item.nome === 'string' ? item.nome : typeof item.name === 'string' ? item.name : item._id,
            variableCount: count,
          });
        }
        if (page.length < 1000) return templates;
      }
    },
  };
}
