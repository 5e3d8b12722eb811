import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { StfcUseCases } from '../../use-cases/stfc';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import {
  CreateStfcIntegrationBody,
  ListQuery,
  StfcIntegrationView,
  stfcIntegrationView,
  UpdateStfcIntegrationBody,
} from './schemas';

const integrationTags = ['STFC integrations'];

/** Summit integrations: while one exists, the STFC module is enabled. */
export function stfcRoutes(app: FastifyInstance, useCases: StfcUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/stfc-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'createStfcIntegration',
        summary: 'Register a Summit integration (enables the STFC module)',
        description:
          "Summit's URL and token; the token is sealed and never returned. While an integration exists the STFC module is enabled. Send an `Idempotency-Key` to retry safely.",
        headers: IdempotencyHeaders,
        body: CreateStfcIntegrationBody,
        response: {
          201: StfcIntegrationView,
          ...problems(413, 415, 'PARTNER_URL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'integrations:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.createStfcIntegration(request.body), 201, stfcIntegrationView),
  );

  r.get(
    '/v1/stfc-integrations',
    {
      schema: {
        tags: integrationTags,
        operationId: 'listStfcIntegrations',
        summary: 'List Summit integrations',
        description: 'Without credentials, which are write-only.',
        querystring: ListQuery,
        response: { 200: pageOf(StfcIntegrationView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listStfcIntegrations(page), stfcIntegrationView),
  );

  r.get(
    '/v1/stfc-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'getStfcIntegration',
        summary: 'Get a Summit integration',
        description: 'Without its credentials; `authError` when Summit refused them.',
        params: IdParams,
        response: { 200: StfcIntegrationView, ...problems('STFC_INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getStfcIntegration(request.params.id), 200, stfcIntegrationView),
  );

  r.patch(
    '/v1/stfc-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'updateStfcIntegration',
        summary: "Change a Summit integration's description, URL or token",
        description: 'A new token clears `authError`.',
        params: IdParams,
        body: UpdateStfcIntegrationBody,
        response: {
          200: StfcIntegrationView,
          ...problems('STFC_INTEGRATION_NOT_FOUND', 'PARTNER_URL_NOT_ALLOWED', 413, 415),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateStfcIntegration(request.params.id, request.body), 200, stfcIntegrationView),
  );

  r.delete(
    '/v1/stfc-integrations/:id',
    {
      schema: {
        tags: integrationTags,
        operationId: 'deleteStfcIntegration',
        summary: 'Delete a Summit integration',
        description:
          'Refused (409 STFC_INTEGRATION_IN_USE) while services, live or in history, use it. Deleting the last one disables the STFC module.',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          ...problems('STFC_INTEGRATION_NOT_FOUND', 'STFC_INTEGRATION_IN_USE'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.deleteStfcIntegration(request.params.id), 204, () => undefined),
  );
}
