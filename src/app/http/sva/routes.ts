import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SvaUseCases } from '../../use-cases/sva';
import { seesPersonalData } from '../personal-data';
import { respond, respondPage } from '../respond';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import {
  CreateSvaIntegrationBody,
  CreateSvaUserBody,
  SvaIntegrationQuery,
  SvaIntegrationView,
  svaIntegrationView,
  SvaPackagesView,
  SvaUserView,
  svaUserView,
  UpdateSvaIntegrationBody,
  UpdateSvaUserBody,
} from './schemas';

const Deleted = { 204: Type.Null({ description: 'Deleted.' }) };

export function svaIntegrationsRoutes(app: FastifyInstance, useCases: SvaUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['SVA integrations'];

  r.post(
    '/v1/sva-integrations',
    {
      schema: {
        tags,
        operationId: 'createSvaIntegration',
        summary: 'Register a Saber+ or EXA integration',
        description:
          'Saber+ takes a `token` (one Saber+ integration at most); EXA a `url`, a `prefix` and `autoCreateUsers`. Credentials are sealed (AES-256-GCM), write-only, and never returned nor logged. Partner URLs must be https to a public address outside the sandbox.',
        headers: IdempotencyHeaders,
        body: CreateSvaIntegrationBody,
        response: {
          201: SvaIntegrationView,
          ...problems(
            'SVA_INTEGRATION_SABER_PLUS_EXISTS',
            413,
            415,
            'PARTNER_URL_NOT_ALLOWED',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'integrations:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.createSvaIntegration(request.body), 201, svaIntegrationView),
  );

  r.get(
    '/v1/sva-integrations',
    {
      schema: {
        tags,
        operationId: 'listSvaIntegrations',
        summary: 'List SVA integrations',
        description: 'Every SVA integration, with `credentialsSet` and any `authError` (never the credentials).',
        querystring: SvaIntegrationQuery,
        response: { 200: pageOf(SvaIntegrationView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) =>
          useCases.listSvaIntegrations(
            { ...(request.query.platform ? { platform: request.query.platform } : {}) },
            page,
          ),
        svaIntegrationView,
      ),
  );

  r.get(
    '/v1/sva-integrations/:id',
    {
      schema: {
        tags,
        operationId: 'getSvaIntegration',
        summary: 'Get an SVA integration',
        description:
          'The integration, with `authError` when the platform refused its credentials (cleared when they change).',
        params: IdParams,
        response: { 200: SvaIntegrationView, ...problems('SVA_INTEGRATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getSvaIntegration(request.params.id), 200, svaIntegrationView),
  );

  r.patch(
    '/v1/sva-integrations/:id',
    {
      schema: {
        tags,
        operationId: 'updateSvaIntegration',
        summary: 'Change the description or credentials of an SVA integration',
        description:
          'Changes the description, URL, automatic creation or credentials; the platform of an integration cannot change (409 SVA_INTEGRATION_PLATFORM_IMMUTABLE).',
        params: IdParams,
        body: UpdateSvaIntegrationBody,
        response: {
          200: SvaIntegrationView,
          ...problems('SVA_INTEGRATION_NOT_FOUND', 'SVA_INTEGRATION_PLATFORM_IMMUTABLE', 'PARTNER_URL_NOT_ALLOWED'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateSvaIntegration(request.params.id, request.body), 200, svaIntegrationView),
  );

  r.delete(
    '/v1/sva-integrations/:id',
    {
      schema: {
        tags,
        operationId: 'deleteSvaIntegration',
        summary: 'Delete an SVA integration no product or user uses',
        description: 'Only an integration no product uses can be deleted (409 SVA_INTEGRATION_IN_USE).',
        params: IdParams,
        response: { ...Deleted, ...problems('SVA_INTEGRATION_NOT_FOUND', 'SVA_INTEGRATION_IN_USE') },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.deleteSvaIntegration(request.params.id), 204, () => undefined),
  );

  r.get(
    '/v1/sva-integrations/:id/packages',
    {
      schema: {
        tags,
        operationId: 'listSvaPackages',
        summary: "List the platform's packages (Saber+)",
        description:
          'The packages the Saber+ platform sells, read live from the platform (502 when it fails). EXA has no package list (409 SVA_PACKAGES_NOT_LISTED).',
        params: IdParams,
        response: {
          200: SvaPackagesView,
          ...problems(
            'SVA_INTEGRATION_NOT_FOUND',
            'SVA_PACKAGES_NOT_LISTED',
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
      respond(reply, await useCases.listSvaPackages(request.params.id), 200, (items) => ({ items: [...items] })),
  );
}

export function svaUsersRoutes(app: FastifyInstance, useCases: SvaUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['SVA users'];

  r.post(
    '/v1/contracts/:id/sva-users',
    {
      schema: {
        tags,
        operationId: 'createSvaUser',
        summary: "Create (activate) an SVA user for one of the contract's SVA products",
        description:
          'The product must be on the contract. `useCustomerData` fills document, user name and phone from the customer; Saber+ needs name, CPF and mobile, EXA e-mail, mobile and CPF/CNPJ (422 SVA_USER_MISSING_DATA lists what is missing). Saber+: one user per CPF per contract (409 SVA_USER_CPF_TAKEN, "CPF já cadastrado"). EXA: one user per EXA product of the contract (409 SVA_USER_PRODUCT_TAKEN); the e-mail of one customer may hold several packages, that of another may not (409 SVA_USER_EMAIL_TAKEN). The user is created on the platform through the outbox: `syncStatus` tells how it went.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateSvaUserBody,
        response: {
          201: SvaUserView,
          ...problems(
            'CONTRACT_NOT_FOUND',
            'SVA_USER_CPF_TAKEN',
            'SVA_USER_EMAIL_TAKEN',
            'SVA_USER_PRODUCT_TAKEN',
            'CONTRACT_CLOSED',
            413,
            415,
            'SVA_PRODUCT_NOT_ON_CONTRACT',
            'SVA_USER_MISSING_DATA',
            'SVA_USER_DOCUMENT_NOT_CUSTOMERS',
            'PRODUCT_NOT_SVA',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) => {
      const { productId, useCustomerData = false, document, mobilePhone, email, password } = request.body;
      const input = {
        productId,
        useCustomerData,
        ...(document !== undefined ? { document } : {}),
        ...(mobilePhone !== undefined ? { mobilePhone } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(password !== undefined ? { password } : {}),
      };
      return respond(reply, await useCases.createSvaUser(request.params.id, input), 201, (u) =>
        svaUserView(u, seesPersonalData(request)),
      );
    },
  );

  r.get(
    '/v1/contracts/:id/sva-users',
    {
      schema: {
        tags,
        operationId: 'listSvaUsers',
        summary: "List a contract's SVA users",
        description: "The contract's SVA users, each with its status and `syncStatus`.",
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(SvaUserView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listSvaUsers(request.params.id, page),
        (u) => svaUserView(u, seesPersonalData(request)),
      ),
  );

  r.get(
    '/v1/sva-users/:id',
    {
      schema: {
        tags,
        operationId: 'getSvaUser',
        summary: 'Get an SVA user',
        description:
          'The SVA user, with `syncStatus`: synced, pending (deliveries on their way) or failed (a delivery is dead; see the integration deliveries).',
        params: IdParams,
        response: { 200: SvaUserView, ...problems('SVA_USER_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getSvaUser(request.params.id), 200, (u) =>
        svaUserView(u, seesPersonalData(request)),
      ),
  );

  r.patch(
    '/v1/sva-users/:id',
    {
      schema: {
        tags,
        operationId: 'updateSvaUser',
        summary: "Change an SVA user's phone or password",
        description:
          'Changes the mobile phone or the password (write-only); the change is sent to the platform through the outbox.',
        params: IdParams,
        body: UpdateSvaUserBody,
        response: { 200: SvaUserView, ...problems('SVA_USER_NOT_FOUND', 413, 415) },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateSvaUser(request.params.id, request.body), 200, (u) =>
        svaUserView(u!, seesPersonalData(request)),
      ),
  );

  r.delete(
    '/v1/sva-users/:id',
    {
      schema: {
        tags,
        operationId: 'deleteSvaUser',
        summary: 'Delete an SVA user here and on the platform',
        description: 'Removes the user here and, through the outbox, on the platform.',
        params: IdParams,
        response: { ...Deleted, ...problems('SVA_USER_NOT_FOUND') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) => respond(reply, await useCases.deleteSvaUser(request.params.id), 204, () => undefined),
  );

  r.post(
    '/v1/sva-users/:id/activate',
    {
      schema: {
        tags,
        operationId: 'activateSvaUser',
        summary: 'Activate an SVA user (refused while the contract is inactive, negativated or withdrawn)',
        description:
          'Activates the user on its platform; refused while the contract is inactive, negativated or withdrawn (409 SVA_USER_ACTIVATION_NOT_ALLOWED).',
        params: IdParams,
        response: { 200: SvaUserView, ...problems('SVA_USER_NOT_FOUND', 'SVA_USER_ACTIVATION_NOT_ALLOWED') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.activateSvaUser(request.params.id), 200, (u) =>
        svaUserView(u!, seesPersonalData(request)),
      ),
  );

  r.post(
    '/v1/sva-users/:id/deactivate',
    {
      schema: {
        tags,
        operationId: 'deactivateSvaUser',
        summary: 'Deactivate this SVA user only; the contract is not touched',
        description: 'Cuts this user only; contract events leave it deactivated until it is activated again.',
        params: IdParams,
        response: { 200: SvaUserView, ...problems('SVA_USER_NOT_FOUND') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.deactivateSvaUser(request.params.id), 200, (u) =>
        svaUserView(u!, seesPersonalData(request)),
      ),
  );
}
