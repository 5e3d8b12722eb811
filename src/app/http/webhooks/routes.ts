import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { messageOf } from '../../../domain/webhooks/events';
import type { WebhooksUseCases } from '../../use-cases/webhooks';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { seesPersonalData } from '../personal-data';
import { respond, respondPage } from '../respond';
import {
  CreatedWebhookEndpointView,
  createdWebhookEndpointView,
  CreateWebhookEndpointBody,
  DeliveryParams,
  EventsQuery,
  EventView,
  eventView,
  ListQuery,
  ReplayBody,
  ReplayView,
  UpdateWebhookEndpointBody,
  WebhookDeliveryView,
  webhookDeliveryView,
  WebhookEndpointView,
  webhookEndpointView,
} from './schemas';

const tags = ['Webhooks'];
const eventTags = ['Events'];
const SIGNED =
  'Each event is POSTed as JSON with the Standard Webhooks headers `webhook-id` (the event id), `webhook-timestamp` and `webhook-signature` (`v1,` HMAC-SHA256 of `id.timestamp.body`), so any Standard Webhooks library verifies it.';

export function webhooksRoutes(app: FastifyInstance, useCases: WebhooksUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/webhook-endpoints',
    {
      schema: {
        tags,
        operationId: 'createWebhookEndpoint',
        summary: 'Register a webhook endpoint (its signing secret is shown once)',
        description: `${SIGNED} Events of one contract (or of one resource) arrive in order, one at a time; failures are tried again for about three days. Payloads carry customers' personal data masked unless the registering key holds \`customers:read\`. Send an \`Idempotency-Key\` to retry safely (a replay shows the secret as null).`,
        headers: IdempotencyHeaders,
        body: CreateWebhookEndpointBody,
        response: {
          201: CreatedWebhookEndpointView,
          ...problems(413, 415, 'PARTNER_URL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'webhooks:write', idempotent: true, shownOnce: ['secret'] },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const by = { name: request.apiKey!.name, seesPersonalData: seesPersonalData(request) };
      return respond(reply, await useCases.createWebhookEndpoint(request.body, by), 201, createdWebhookEndpointView);
    },
  );

  r.get(
    '/v1/webhook-endpoints',
    {
      schema: {
        tags,
        operationId: 'listWebhookEndpoints',
        summary: 'List webhook endpoints',
        description: 'Without their secrets, which are shown once.',
        querystring: ListQuery,
        response: { 200: pageOf(WebhookEndpointView), ...problems() },
      },
      config: { scope: 'webhooks:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listWebhookEndpoints(page), webhookEndpointView),
  );

  r.get(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'getWebhookEndpoint',
        summary: 'Get a webhook endpoint',
        description: 'Whether it is enabled (and why not), since when it has been failing.',
        params: IdParams,
        response: { 200: WebhookEndpointView, ...problems('WEBHOOK_ENDPOINT_NOT_FOUND') },
      },
      config: { scope: 'webhooks:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getWebhookEndpoint(request.params.id), 200, webhookEndpointView),
  );

  r.patch(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhookEndpoint',
        summary: 'Change a webhook endpoint (URL, event types, enabled)',
        description:
          'Disabling it ends its deliveries still waiting; enabling it again clears why it was disabled. Replay the window it missed (POST …/replay).',
        params: IdParams,
        body: UpdateWebhookEndpointBody,
        response: {
          200: WebhookEndpointView,
          ...problems(413, 415, 'WEBHOOK_ENDPOINT_NOT_FOUND', 'PARTNER_URL_NOT_ALLOWED'),
        },
      },
      config: { scope: 'webhooks:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateWebhookEndpoint(request.params.id, request.body), 200, webhookEndpointView),
  );

  r.delete(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWebhookEndpoint',
        summary: 'Delete a webhook endpoint',
        description: 'With its deliveries and their log; nothing more is sent to it.',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          ...problems('WEBHOOK_ENDPOINT_NOT_FOUND'),
        },
      },
      config: { scope: 'webhooks:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.deleteWebhookEndpoint(request.params.id), 204, () => undefined),
  );

  r.post(
    '/v1/webhook-endpoints/:id/rotate-secret',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'Make a new signing secret (shown once); the old one signs too for 24 hours',
        description:
          'For a day every message carries two signatures, space-delimited in `webhook-signature`: the new secret’s and the old one’s, so the receiver can switch at its own pace.',
        params: IdParams,
        response: { 200: CreatedWebhookEndpointView, ...problems('WEBHOOK_ENDPOINT_NOT_FOUND') },
      },
      config: { scope: 'webhooks:write' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return respond(reply, await useCases.rotateWebhookSecret(request.params.id), 200, createdWebhookEndpointView);
    },
  );

  r.get(
    '/v1/webhook-endpoints/:id/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'An endpoint’s deliveries, each with every attempt',
        description:
          'Oldest first: each event sent to it, its status, and every attempt with the status, the time it took and the first bytes of the answer.',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: pageOf(WebhookDeliveryView), ...problems('WEBHOOK_ENDPOINT_NOT_FOUND') },
      },
      config: { scope: 'webhooks:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listWebhookDeliveries(request.params.id, page),
        webhookDeliveryView,
      ),
  );

  r.post(
    '/v1/webhook-endpoints/:id/deliveries/:deliveryId/retry',
    {
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Send a delivery that gave up again now',
        description:
          'With a fresh schedule of tries. The later events of its contract wait for it, in order. One that succeeded is sent again by a replay.',
        params: DeliveryParams,
        response: {
          202: WebhookDeliveryView,
          ...problems('WEBHOOK_ENDPOINT_NOT_FOUND', 'WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_DELIVERY_SUCCEEDED'),
        },
      },
      config: { scope: 'webhooks:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.retryWebhookDelivery(request.params.id, request.params.deliveryId),
        202,
        webhookDeliveryView,
      ),
  );

  r.post(
    '/v1/webhook-endpoints/:id/replay',
    {
      schema: {
        tags,
        operationId: 'replayWebhookEvents',
        summary: 'Send an endpoint every event of a time window again',
        description:
          'The kept events (30 days) from `from` to `to` that it wants, and of `types` when given, oldest first, under their own ids (`webhook-id`): a receiver that already has one can tell.',
        params: IdParams,
        body: ReplayBody,
        response: { 202: ReplayView, ...problems(413, 415, 'WEBHOOK_ENDPOINT_NOT_FOUND') },
      },
      config: { scope: 'webhooks:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.replayWebhookEvents(request.params.id, {
          from: new Date(request.body.from),
          to: new Date(request.body.to),
          ...(request.body.types ? { types: request.body.types } : {}),
        }),
        202,
        (replay) => replay,
      ),
  );

  r.get(
    '/v1/events',
    {
      schema: {
        tags: eventTags,
        operationId: 'listEvents',
        summary: 'List the events of the last 30 days',
        description:
          'Oldest first; keep the last `nextCursor` and ask again for what came since. The same payloads webhook endpoints receive; customers’ personal data comes masked unless the key holds `customers:read`.',
        querystring: EventsQuery,
        response: { 200: pageOf(EventView), ...problems() },
      },
      config: { scope: 'webhooks:read' },
    },
    async (request, reply) => {
      const { type, resourceId, contractId } = request.query;
      const sees = seesPersonalData(request);
      return respondPage(
        reply,
        request.query,
        (page) =>
          useCases.listEvents(
            {
              ...(type ? { types: [type] } : {}),
              ...(resourceId ? { resourceId } : {}),
              ...(contractId ? { contractId } : {}),
            },
            page,
          ),
        (event) => eventView(messageOf(event, sees)),
      );
    },
  );

  r.get(
    '/v1/events/:id',
    {
      schema: {
        tags: eventTags,
        operationId: 'getEvent',
        summary: 'Get an event',
        description: 'Kept for 30 days.',
        params: IdParams,
        response: { 200: EventView, ...problems('EVENT_NOT_FOUND') },
      },
      config: { scope: 'webhooks:read' },
    },
    async (request, reply) => {
      const sees = seesPersonalData(request);
      return respond(reply, await useCases.getEvent(request.params.id), 200, (event) =>
        eventView(messageOf(event, sees)),
      );
    },
  );
}
