import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CreditUseCases } from '../../use-cases/credit';
import { IdempotencyHeaders, IdParams, pageOf, problems, publicProblems } from '../common';
import { bearerOf } from '../auth';
import { respond, respondPage } from '../respond';
import {
  ConsultationQuery,
  CreateCreditIntegrationBody,
  CreateNegativationBody,
  CreatedCreditIntegrationView,
  createdCreditIntegrationView,
  CreditConsultBody,
  CreditConsultationView,
  creditConsultationView,
  CreditIntegrationView,
  creditIntegrationView,
  ListQuery,
  NegativationQuery,
  NegativationView,
  negativationView,
  UpdateCreditIntegrationBody,
  WebhookAnswer,
  WebhookBody,
  WebhookParams,
} from './schemas';

const integrationTags = ['Credit integrations'];
const tags = ['Credit analysis'];
const DISABLED =
  'While credit analysis is off (no active credit-analysis integration), answers 409 CREDIT_ANALYSIS_DISABLED.';

export function creditRoutes(app: FastifyInstance, useCases: CreditUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/credit-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'createCreditIntegration',
        summary: 'Register a credit bureau (switches credit analysis on)',
        description:
          "Bureau, URL and login (sealed, write-only; Serasa may have a separate negativation login). Creating, changing or deleting an integration keeps the settings' `creditAnalysis.enabled` in step (seed 000): on while an active integration exists. The bureau posts its results to `webhookUrl` with the webhook secret; left out, Ponte makes one and shows it in this answer only. Send an `Idempotency-Key` to retry safely.",
        headers: IdempotencyHeaders,
        body: CreateCreditIntegrationBody,
        response: {
          201: CreatedCreditIntegrationView,
          ...problems(413, 415, 'PARTNER_URL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'integrations:write', idempotent: true, shownOnce: ['webhookSecret'] },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.createCreditIntegration(request.body, request.apiKey!.name),
        201,
        createdCreditIntegrationView,
      ),
  );

  r.get(
    '/v1/credit-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'listCreditIntegrations',
        summary: 'List credit bureau integrations',
        description: 'Without credentials or webhook secrets, which are write-only.',
        querystring: ListQuery,
        response: { 200: pageOf(CreditIntegrationView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listCreditIntegrations(page), creditIntegrationView),
  );

  r.get(
    '/v1/credit-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'getCreditIntegration',
        summary: 'Get a credit bureau integration',
        description: 'Without its secrets; `authError` when the bureau refused the credentials.',
        params: IdParams,
        response: { 200: CreditIntegrationView, ...problems('CREDIT_INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getCreditIntegration(request.params.id), 200, creditIntegrationView),
  );

  r.patch(
    '/v1/credit-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'updateCreditIntegration',
        summary: 'Change a credit bureau integration (description, URL, credentials, webhook secret, active)',
        description:
          'The bureau cannot change. Deactivating the last active integration switches credit analysis off (and activating one, on).',
        params: IdParams,
        body: UpdateCreditIntegrationBody,
        response: {
          200: CreditIntegrationView,
          ...problems('CREDIT_INTEGRATION_NOT_FOUND', 'PARTNER_URL_NOT_ALLOWED', 413, 415),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.updateCreditIntegration(request.params.id, request.body, request.apiKey!.name),
        200,
        creditIntegrationView,
      ),
  );

  r.delete(
    '/v1/credit-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'deleteCreditIntegration',
        summary: 'Delete a credit bureau integration',
        description:
          'Refused while negativations were made through it (409 CREDIT_INTEGRATION_IN_USE: deactivate it instead). Deleting the last active one switches credit analysis off.',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          ...problems('CREDIT_INTEGRATION_NOT_FOUND', 'CREDIT_INTEGRATION_IN_USE'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.deleteCreditIntegration(request.params.id, request.apiKey!.name),
        204,
        () => undefined,
      ),
  );

  r.post(
    '/v1/credit-consultations',
    {
      schema: {
        tags,
        operationId: 'consultCredit',
        summary: 'Consult a CPF/CNPJ at a bureau',
        description: `Asks the bureau now and stores its answer (name, registration status, score, restrictions, and the raw answer for CREDIT_RAW_RETENTION_DAYS) with who asked and why (LGPD). The same document consulted again inside the settings' \`creditAnalysis.reconsultIntervalDays\` answers 409 CONFIRMATION_REQUIRED, naming the earlier consult, until the request says \`confirm: true\`. A bureau that fails answers 502 (the failed consult is kept too). ${DISABLED}`,
        body: CreditConsultBody,
        response: {
          201: CreditConsultationView,
          ...problems(
            'CREDIT_ANALYSIS_DISABLED',
            'CONFIRMATION_REQUIRED',
            'INVALID_DOCUMENT',
            'UNKNOWN_CREDIT_INTEGRATION',
            'CREDIT_INTEGRATION_INACTIVE',
            'CREDIT_BUREAU_NOT_SUPPORTED',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'credit:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.consultCredit(request.body, request.apiKey!.name), 201, creditConsultationView),
  );

  r.get(
    '/v1/credit-consultations',
    {
      schema: {
        tags,
        operationId: 'listCreditConsultations',
        summary: 'List credit consults, newest first',
        description: 'Filters: `document` (CPF/CNPJ), `from` and `to` (when consulted).',
        querystring: ConsultationQuery,
        response: { 200: pageOf(CreditConsultationView), ...problems('INVALID_DOCUMENT') },
      },
      config: { scope: 'credit:read' },
    },
    async (request, reply) => {
      const { document, from, to } = request.query;
      const filter = {
        ...(document !== undefined ? { document } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      };
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listCreditConsultations(filter, page),
        creditConsultationView,
      );
    },
  );

  r.get(
    '/v1/credit-consultations/:id',
    {
      schema: {
        tags,
        operationId: 'getCreditConsultation',
        summary: 'Get a credit consult',
        description: 'With who asked, why, and the raw answer while it is kept.',
        params: IdParams,
        response: { 200: CreditConsultationView, ...problems('CREDIT_CONSULTATION_NOT_FOUND') },
      },
      config: { scope: 'credit:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getCreditConsultation(request.params.id), 200, creditConsultationView),
  );

  r.post(
    '/v1/negativations',
    {
      schema: {
        tags,
        operationId: 'createNegativation',
        summary: 'Negativate an overdue charge of a contract',
        description: `The debt (what is still due on the charge) goes to the bureau through the outbox: SPC Brasil registers it at once, Serasa later by webhook. The contract moves as the lifecycle says (\`negativate\`, also from a cancelled contract); a bureau's refusal (state failed) puts it back to cancelled. One live negativation per charge (409 NEGATIVATION_EXISTS). \`integrationId\` may be left out while a single integration is active. ${DISABLED}`,
        headers: IdempotencyHeaders,
        body: CreateNegativationBody,
        response: {
          201: NegativationView,
          ...problems(
            'CREDIT_ANALYSIS_DISABLED',
            'CONTRACT_NOT_FOUND',
            'CHARGE_NOT_FOUND',
            'CHARGE_NOT_ON_CONTRACT',
            'CHARGE_NOT_OPEN',
            'CHARGE_NOT_OVERDUE',
            'NEGATIVATION_EXISTS',
            'CONTRACT_TRANSITION_NOT_ALLOWED',
            'UNKNOWN_CREDIT_INTEGRATION',
            'CREDIT_INTEGRATION_INACTIVE',
            'CREDIT_BUREAU_NOT_SUPPORTED',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'credit:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.createNegativation(request.body, request.apiKey!.name), 201, ({ negativation }) =>
        negativationView(negativation),
      ),
  );

  r.get(
    '/v1/negativations',
    {
      schema: {
        tags,
        operationId: 'listNegativations',
        summary: 'List negativations',
        description: 'Filters: `contractId`, `state`.',
        querystring: NegativationQuery,
        response: { 200: pageOf(NegativationView), ...problems() },
      },
      config: { scope: 'credit:read' },
    },
    async (request, reply) => {
      const { contractId, state } = request.query;
      return respondPage(
        reply,
        request.query,
        (page) =>
          useCases.listNegativations({ ...(contractId ? { contractId } : {}), ...(state ? { state } : {}) }, page),
        negativationView,
      );
    },
  );

  r.get(
    '/v1/negativations/:id',
    {
      schema: {
        tags,
        operationId: 'getNegativation',
        summary: 'Get a negativation',
        description:
          'Its state at the bureau; the deliveries (`GET /v1/integration-deliveries?targetKind=negativation&targetId=…`) show each call.',
        params: IdParams,
        response: { 200: NegativationView, ...problems('NEGATIVATION_NOT_FOUND') },
      },
      config: { scope: 'credit:read' },
    },
    async (request, reply) => respond(reply, await useCases.getNegativation(request.params.id), 200, negativationView),
  );

  r.delete(
    '/v1/negativations/:id',
    {
      schema: {
        tags,
        operationId: 'removeNegativation',
        summary: 'Remove a negativation (after payment)',
        description:
          "Removed here at once and at the bureau through the outbox (`removalConfirmedAt` once it confirmed). When it was the contract's last live negativation, the contract is back to cancelled (`inactive`). Removing twice changes nothing; a failed negativation holds nothing to remove (409).",
        params: IdParams,
        response: { 200: NegativationView, ...problems('NEGATIVATION_NOT_FOUND', 'NEGATIVATION_NOT_REMOVABLE') },
      },
      config: { scope: 'credit:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.removeNegativation(request.params.id, request.apiKey!.name), 200, negativationView),
  );

  r.post(
    '/v1/webhooks/credit/:integrationId',
    {
      schema: {
        tags,
        operationId: 'receiveCreditWebhook',
        summary: "A bureau's asynchronous result for a debt (called by the bureau)",
        description:
          "Authenticated by the integration's webhook secret (`Authorization: Bearer <secret>`), not an API key. Serasa's PEFIN result: `{uuid, status: SUCCESS | ERROR | REMOVED, message?}`, `uuid` being the debt's transactionId. A repeated notification changes nothing; an unknown integration or debt answers 404.",
        params: WebhookParams,
        body: WebhookBody,
        response: {
          200: WebhookAnswer,
          ...publicProblems(400, 401, 413, 415, 'CREDIT_INTEGRATION_NOT_FOUND', 'NEGATIVATION_NOT_FOUND'),
        },
      },
      bodyLimit: 64 * 1024,
      config: { guard: 'partner' },
    },
    async (request, reply) => {
      const secret = bearerOf(request.headers.authorization);
      return respond(
        reply,
        await useCases.receiveCreditWebhook(request.params.integrationId, secret, request.body),
        200,
        (n) => ({ negativationId: n.id, state: n.state }),
      );
    },
  );
}
