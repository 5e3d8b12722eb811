import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NotificationsUseCases } from '../../use-cases/notifications';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { maskPhone, seesPersonalData } from '../personal-data';
import { respond, respondPage } from '../respond';
import {
  CreateOpaSuiteIntegrationBody,
  ListQuery,
  NotificationTemplatesView,
  notificationTemplatesView,
  NotificationView,
  notificationView,
  OpaSuiteIntegrationView,
  opaSuiteIntegrationView,
  OpaSuiteTemplatesView,
  opaSuiteTemplatesView,
  ReplaceNotificationTemplatesBody,
  UpdateOpaSuiteIntegrationBody,
} from './schemas';

const integrationTags = ['Opa! Suite integrations'];
const tags = ['Notifications'];

export function notificationsRoutes(app: FastifyInstance, useCases: NotificationsUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/opa-suite-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'createOpaSuiteIntegration',
        summary: 'Register an Opa! Suite tenant (the first becomes the default channel)',
        description:
          "The tenant's API address, a token (sealed, write-only) and the channel messages go out through. While the settings name no default channel (`communicationChannel.defaultOpaSuiteIntegrationId`), the first integration becomes it. Send an `Idempotency-Key` to retry safely.",
        headers: IdempotencyHeaders,
        body: CreateOpaSuiteIntegrationBody,
        response: {
          201: OpaSuiteIntegrationView,
          ...problems(413, 415, 'PARTNER_URL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'integrations:write', idempotent: true },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.createOpaSuiteIntegration(request.body, request.apiKey!.name),
        201,
        opaSuiteIntegrationView,
      ),
  );

  r.get(
    '/v1/opa-suite-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'listOpaSuiteIntegrations',
        summary: 'List Opa! Suite integrations',
        description: 'Without tokens, which are write-only.',
        querystring: ListQuery,
        response: { 200: pageOf(OpaSuiteIntegrationView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listOpaSuiteIntegrations(page), opaSuiteIntegrationView),
  );

  r.get(
    '/v1/opa-suite-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'getOpaSuiteIntegration',
        summary: 'Get an Opa! Suite integration',
        description: 'Without its token; `authError` when Opa! Suite refused it.',
        params: IdParams,
        response: { 200: OpaSuiteIntegrationView, ...problems('OPA_SUITE_INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getOpaSuiteIntegration(request.params.id), 200, opaSuiteIntegrationView),
  );

  r.patch(
    '/v1/opa-suite-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'updateOpaSuiteIntegration',
        summary: 'Change an Opa! Suite integration (address, token, channel)',
        description: 'A regenerated token revokes the old one at once at Opa! Suite: send the new one here.',
        params: IdParams,
        body: UpdateOpaSuiteIntegrationBody,
        response: {
          200: OpaSuiteIntegrationView,
          ...problems('OPA_SUITE_INTEGRATION_NOT_FOUND', 'PARTNER_URL_NOT_ALLOWED', 413, 415),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.updateOpaSuiteIntegration(request.params.id, request.body),
        200,
        opaSuiteIntegrationView,
      ),
  );

  r.delete(
    '/v1/opa-suite-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'deleteOpaSuiteIntegration',
        summary: 'Delete an Opa! Suite integration',
        description:
          'Refused while it is the default channel (409 OPA_SUITE_INTEGRATION_IN_USE). Its notifications stay.',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          ...problems('OPA_SUITE_INTEGRATION_NOT_FOUND', 'OPA_SUITE_INTEGRATION_IN_USE'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.deleteOpaSuiteIntegration(request.params.id), 204, () => undefined),
  );

  r.get(
    '/v1/opa-suite-integrations/:id/templates',
    {
      schema: {
        tags: integrationTags,
        operationId: 'listOpaSuiteTemplates',
        summary: "The tenant's message templates, read live",
        description: 'To pick the ids of the notification templates; 502 when Opa! Suite fails.',
        params: IdParams,
        response: {
          200: OpaSuiteTemplatesView,
          ...problems(
            'OPA_SUITE_INTEGRATION_NOT_FOUND',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.listOpaSuiteTemplates(request.params.id), 200, opaSuiteTemplatesView),
  );

  r.get(
    '/v1/notification-templates',
    {
      schema: {
        tags,
        operationId: 'getNotificationTemplates',
        summary: 'The Opa! Suite template of each notified event',
        description: 'An event without a template is not notified.',
        response: { 200: NotificationTemplatesView, ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (_request, reply) =>
      respond(reply, await useCases.getNotificationTemplates(), 200, notificationTemplatesView),
  );

  r.put(
    '/v1/notification-templates',
    {
      schema: {
        tags,
        operationId: 'replaceNotificationTemplates',
        summary: 'Set the template of each notified event',
        description:
          "Every event's template at once: contract events (report_late_payment, block, unblock, cancel, trust_release) and charges (charge_created, charge_overdue), each with its Opa! Suite template id and what fills its variables, in order (`customer.name`, `charge.amount`…). Each event once. Sent through the default channel of the settings to the customer's mobile phone.",
        body: ReplaceNotificationTemplatesBody,
        response: { 200: NotificationTemplatesView, ...problems(413, 415) },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.replaceNotificationTemplates(request.body, request.apiKey!.name),
        200,
        notificationTemplatesView,
      ),
  );

  r.get(
    '/v1/contracts/:id/notifications',
    {
      schema: {
        tags,
        operationId: 'listContractNotifications',
        summary: "What the contract's customer was told, and its state",
        description:
          'Oldest first: the event, the template and its variables, the phone, and whether it was sent. Phones and variables are masked without the `customers:read` scope.',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: pageOf(NotificationView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => {
      const sees = seesPersonalData(request);
      const view = (n: Parameters<typeof notificationView>[0]) =>
        sees
          ? notificationView(n)
          : {
              ...notificationView(n),
              phone: n.phone ? maskPhone(n.phone) : null,
              variables: n.variables.map(() => '•••'),
            };
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listContractNotifications(request.params.id, page),
        view,
      );
    },
  );
}
