import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DeliveriesUseCases } from '../../use-cases/deliveries';
import { IdParams, pageOf, problems } from '../common';
import { problem, sendProblem } from '../errors';
import { respond, respondPage } from '../respond';
import { DeliveryDetailView, deliveryDetailView, DeliveryQuery, DeliveryView, deliveryView } from './schemas';
import {
  INTEGRATION_KEY,
  IntegrationKeyParams,
  IntegrationLimitChangeView,
  integrationLimitChangeView,
  IntegrationLimitsView,
  integrationLimitsView,
  LimitsPageQuery,
  UpdateIntegrationLimitsBody,
} from './limits-schemas';

export function deliveriesRoutes(app: FastifyInstance, useCases: DeliveriesUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Integration deliveries'];

  r.get(
    '/v1/integration-deliveries',
    {
      schema: {
        tags,
        operationId: 'listIntegrationDeliveries',
        summary: 'List partner deliveries (status=dead lists the integration errors)',
        description:
          'Every partner effect and how its delivery went, filtered by `status`, `platform`, `contractId` or `svaUserId`. `status=dead` lists the integration errors an operator retries.',
        querystring: DeliveryQuery,
        response: { 200: pageOf(DeliveryView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => {
      const { status, platform, contractId, targetKind, targetId, svaUserId } = request.query;
      // svaUserId is short for targetKind=sva_user&targetId=…; both at once must agree.
      if (svaUserId && ((targetKind && targetKind !== 'sva_user') || (targetId && targetId !== svaUserId))) {
        return sendProblem(
          reply,
          problem('VALIDATION_FAILED', 'The query string is not valid.', [
            { field: 'svaUserId', message: 'Means targetKind=sva_user and targetId=svaUserId; it contradicts them.' },
          ]),
        );
      }
      const kind = svaUserId ? 'sva_user' : targetKind;
      const id = svaUserId ?? targetId;
      const target = { ...(kind ? { kind } : {}), ...(id ? { id } : {}) };
      const filter = {
        ...(status ? { status } : {}),
        ...(platform ? { platform } : {}),
        ...(contractId ? { contractId } : {}),
        ...(kind || id ? { target } : {}),
      };
      return respondPage(reply, request.query, (page) => useCases.listDeliveries(filter, page), deliveryView);
    },
  );

  r.get(
    '/v1/integration-deliveries/:id',
    {
      schema: {
        tags,
        operationId: 'getIntegrationDelivery',
        summary: 'Get a partner delivery',
        description:
          "The delivery with every attempt it took (`attemptHistory`): when, outcome, and the platform's message.",
        params: IdParams,
        response: { 200: DeliveryDetailView, ...problems('DELIVERY_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => respond(reply, await useCases.getDelivery(request.params.id), 200, deliveryDetailView),
  );

  r.post(
    '/v1/integration-deliveries/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryIntegrationDelivery',
        summary: 'Send a failed or waiting delivery again now',
        description:
          'Makes a dead or waiting delivery due now with a fresh budget of tries; its attempts and their history stay. Later effects of the same user wait behind it, so they follow once it succeeds. A delivery that succeeded answers 409 DELIVERY_ALREADY_SUCCEEDED.',
        params: IdParams,
        response: { 200: DeliveryDetailView, ...problems('DELIVERY_NOT_FOUND', 'DELIVERY_ALREADY_SUCCEEDED') },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => respond(reply, await useCases.retryDelivery(request.params.id), 200, deliveryDetailView),
  );

  limitsRoutes(app, useCases);
}

/** Each integration's limits (docs/operations.md, "Partner limits"). */
function limitsRoutes(app: FastifyInstance, useCases: DeliveriesUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Integration limits'];

  r.get(
    '/v1/integration-limits',
    {
      schema: {
        tags,
        operationId: 'listIntegrationLimits',
        summary: "Every integration's limits and whether its partner paused it",
        description:
          'Every integration deliveries go through (SVA, Summit, credit bureaus, Opa! Suite, and `telecall` and `voip`), with its defaults, overrides, the limits in force, calls in flight, and what its partner said last.',
        querystring: LimitsPageQuery,
        response: { 200: pageOf(IntegrationLimitsView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listIntegrationLimits(page),
        integrationLimitsView,
        INTEGRATION_KEY,
      ),
  );

  r.get(
    '/v1/integration-limits/:id',
    {
      schema: {
        tags,
        operationId: 'getIntegrationLimits',
        summary: "An integration's limits",
        params: IntegrationKeyParams,
        response: { 200: IntegrationLimitsView, ...problems('INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getIntegrationLimits(request.params.id), 200, integrationLimitsView),
  );

  r.patch(
    '/v1/integration-limits/:id',
    {
      schema: {
        tags,
        operationId: 'updateIntegrationLimits',
        summary: "Change an integration's concurrency or rate",
        description:
          "Sets the calls in flight at once (`concurrency`) and the calls started per second (`ratePerSecond`) on the integration, for every Ponte process together; null goes back to the platform's default. Use the limit the partner gives you. Every change is kept in the history with who made it; sending the values in force changes nothing.",
        params: IntegrationKeyParams,
        body: UpdateIntegrationLimitsBody,
        response: { 200: IntegrationLimitsView, ...problems('INTEGRATION_NOT_FOUND', 413, 415) },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.updateIntegrationLimits(request.params.id, request.body, request.apiKey!.name),
        200,
        integrationLimitsView,
      ),
  );

  r.post(
    '/v1/integration-limits/:id/resume',
    {
      schema: {
        tags,
        operationId: 'resumeIntegration',
        summary: 'End a pause its partner asked for, now',
        description:
          'For an operator who knows the partner is back before its Retry-After ends: calls resume at once at the rate in force (a rate lowered after a 429 goes back too). A partner that still refuses pauses it again.',
        params: IntegrationKeyParams,
        response: { 200: IntegrationLimitsView, ...problems('INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.resumeIntegration(request.params.id), 200, integrationLimitsView),
  );

  r.get(
    '/v1/integration-limits/:id/history',
    {
      schema: {
        tags,
        operationId: 'listIntegrationLimitChanges',
        summary: "Every change to an integration's limits, oldest first",
        params: IntegrationKeyParams,
        querystring: LimitsPageQuery,
        response: { 200: pageOf(IntegrationLimitChangeView), ...problems('INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listIntegrationLimitHistory(request.params.id, page),
        integrationLimitChangeView,
      ),
  );
}
