import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiKeysUseCases } from '../../use-cases/api-keys';
import type { ApiKeyVerifier } from '../auth';
import { ApiKeyQuery, ApiKeyView, apiKeyView, CreateApiKeyBody, CreatedApiKeyView } from './schemas';
import { IdParams, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';

const tags = ['API keys'];

export function apiKeysRoutes(app: FastifyInstance, useCases: ApiKeysUseCases, verifier: ApiKeyVerifier) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/api-keys',
    {
      schema: {
        tags,
        operationId: 'createApiKey',
        summary: 'Create an API key (the secret is shown once)',
        description: 'Not idempotent by design: replaying an answer would mean storing the secret.',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyView, ...problems(413, 415, 'VALIDATION_FAILED') },
      },
      config: { scope: 'admin' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const created = await useCases.createApiKey(request.body);
      if (created.ok) verifier.forgetMisses();
      return respond(reply, created, 201, (key) => ({
        ...apiKeyView(key),
        key: key.key,
      }));
    },
  );

  r.get(
    '/v1/api-keys',
    {
      schema: {
        tags,
        operationId: 'listApiKeys',
        summary: 'List API keys (never their secrets)',
        description:
          'Every API key with its name, scopes and the first characters of its secret (never the secret itself). Needs the `admin` scope.',
        querystring: ApiKeyQuery,
        response: { 200: pageOf(ApiKeyView), ...problems() },
      },
      config: { scope: 'admin' },
    },
    async (request, reply) => respondPage(reply, request.query, (page) => useCases.listApiKeys(page), apiKeyView),
  );

  r.delete(
    '/v1/api-keys/:id',
    {
      schema: {
        tags,
        operationId: 'deleteApiKey',
        summary: 'Revoke an API key (never the last admin key)',
        description:
          'Revokes the key at once in this process (other processes within API_KEY_CACHE_SECONDS). The last key with the `admin` scope cannot be revoked: 409 LAST_ADMIN_KEY.',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Revoked.' }), ...problems('API_KEY_NOT_FOUND', 'LAST_ADMIN_KEY') },
      },
      config: { scope: 'admin' },
    },
    async (request, reply) => {
      const result = await useCases.deleteApiKey(request.params.id);
      if (result.ok) verifier.forget(request.params.id);
      return respond(reply, result, 204, () => undefined);
    },
  );
}
