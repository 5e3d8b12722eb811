import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UseCases } from '../../use-cases';
import { seesPersonalData } from '../personal-data';
import { respond, respondPage } from '../respond';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../schemas/common';
import {
  CreateSvaIntegrationBody,
  CreateSvaUserBody,
  DeliveryQuery,
  DeliveryDetailView,
  deliveryDetailView,
  DeliveryView,
  deliveryView,
  SvaIntegrationQuery,
  SvaIntegrationView,
  svaIntegrationView,
  SvaPackagesView,
  SvaUserView,
  svaUserView,
  UpdateSvaIntegrationBody,
  UpdateSvaUserBody,
} from '../schemas/sva';

const Deleted = { 204: Type.Null({ description: 'Deleted.' }) };

export function svaIntegrationsRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['SVA integrations'];

  r.post('/v1/sva-integrations', {
    schema: { tags, operationId: 'createSvaIntegration', summary: 'Register a Saber+ or EXA integration', headers: IdempotencyHeaders, body: CreateSvaIntegrationBody, response: { 201: SvaIntegrationView, ...problems(409, 413, 415, 422) } },
    config: { scope: 'integrations:write', idempotent: true },
  }, async (request, reply) => respond(reply, await useCases.createSvaIntegration(request.body), 201, svaIntegrationView));

  r.get('/v1/sva-integrations', {
    schema: { tags, operationId: 'listSvaIntegrations', summary: 'List SVA integrations', querystring: SvaIntegrationQuery, response: { 200: pageOf(SvaIntegrationView), ...problems() } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listSvaIntegrations({ ...(request.query.platform ? { platform: request.query.platform } : {}) }, page), svaIntegrationView));

  r.get('/v1/sva-integrations/:id', {
    schema: { tags, operationId: 'getSvaIntegration', summary: 'Get an SVA integration', params: IdParams, response: { 200: SvaIntegrationView, ...problems(404) } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => respond(reply, await useCases.getSvaIntegration(request.params.id), 200, svaIntegrationView));

  r.patch('/v1/sva-integrations/:id', {
    schema: { tags, operationId: 'updateSvaIntegration', summary: 'Change the description or credentials of an SVA integration', params: IdParams, body: UpdateSvaIntegrationBody, response: { 200: SvaIntegrationView, ...problems(404, 409, 422) } },
    config: { scope: 'integrations:write' },
  }, async (request, reply) => respond(reply, await useCases.updateSvaIntegration(request.params.id, request.body), 200, svaIntegrationView));

  r.delete('/v1/sva-integrations/:id', {
    schema: { tags, operationId: 'deleteSvaIntegration', summary: 'Delete an SVA integration no product or user uses', params: IdParams, response: { ...Deleted, ...problems(404, 409) } },
    config: { scope: 'integrations:write' },
  }, async (request, reply) => respond(reply, await useCases.deleteSvaIntegration(request.params.id), 204, () => undefined));

  r.get('/v1/sva-integrations/:id/packages', {
    schema: { tags, operationId: 'listSvaPackages', summary: "List the platform's packages (Saber+)", params: IdParams, response: { 200: SvaPackagesView, ...problems(404, 409, 502) } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => respond(reply, await useCases.listSvaPackages(request.params.id), 200, (items) => ({ items: [...items] })));
}

export function svaUsersRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['SVA users'];

  r.post('/v1/contracts/:id/sva-users', {
    schema: { tags, operationId: 'createSvaUser', summary: "Create (activate) an SVA user for one of the contract's SVA products", params: IdParams, headers: IdempotencyHeaders, body: CreateSvaUserBody, response: { 201: SvaUserView, ...problems(404, 409, 413, 415, 422) } },
    config: { scope: 'contracts:write', idempotent: true },
  }, async (request, reply) => {
    const { productId, useCustomerData = false, document, mobilePhone, email, password } = request.body;
    const input = { productId, useCustomerData, ...(document !== undefined ? { document } : {}), ...(mobilePhone !== undefined ? { mobilePhone } : {}), ...(email !== undefined ? { email } : {}), ...(password !== undefined ? { password } : {}) };
    return respond(reply, await useCases.createSvaUser(request.params.id, input), 201, (u) => svaUserView(u, seesPersonalData(request)));
  });

  r.get('/v1/contracts/:id/sva-users', {
    schema: { tags, operationId: 'listSvaUsers', summary: "List a contract's SVA users", params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), response: { 200: pageOf(SvaUserView), ...problems(404) } },
    config: { scope: 'contracts:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listSvaUsers(request.params.id, page), (u) => svaUserView(u, seesPersonalData(request))));

  r.get('/v1/sva-users/:id', {
    schema: { tags, operationId: 'getSvaUser', summary: 'Get an SVA user', params: IdParams, response: { 200: SvaUserView, ...problems(404) } },
    config: { scope: 'contracts:read' },
  }, async (request, reply) => respond(reply, await useCases.getSvaUser(request.params.id), 200, (u) => svaUserView(u, seesPersonalData(request))));

  r.patch('/v1/sva-users/:id', {
    schema: { tags, operationId: 'updateSvaUser', summary: "Change an SVA user's phone or password", params: IdParams, body: UpdateSvaUserBody, response: { 200: SvaUserView, ...problems(404, 413, 415) } },
    config: { scope: 'contracts:write' },
  }, async (request, reply) => respond(reply, await useCases.updateSvaUser(request.params.id, request.body), 200, (u) => svaUserView(u!, seesPersonalData(request))));

  r.delete('/v1/sva-users/:id', {
    schema: { tags, operationId: 'deleteSvaUser', summary: 'Delete an SVA user here and on the platform', params: IdParams, response: { ...Deleted, ...problems(404) } },
    config: { scope: 'contracts:write' },
  }, async (request, reply) => respond(reply, await useCases.deleteSvaUser(request.params.id), 204, () => undefined));

  r.post('/v1/sva-users/:id/activate', {
    schema: { tags, operationId: 'activateSvaUser', summary: 'Activate an SVA user (refused while the contract is inactive, negativated or withdrawn)', params: IdParams, response: { 200: SvaUserView, ...problems(404, 409) } },
    config: { scope: 'contracts:write' },
  }, async (request, reply) => respond(reply, await useCases.activateSvaUser(request.params.id), 200, (u) => svaUserView(u!, seesPersonalData(request))));

  r.post('/v1/sva-users/:id/deactivate', {
    schema: { tags, operationId: 'deactivateSvaUser', summary: 'Deactivate this SVA user only; the contract is not touched', params: IdParams, response: { 200: SvaUserView, ...problems(404) } },
    config: { scope: 'contracts:write' },
  }, async (request, reply) => respond(reply, await useCases.deactivateSvaUser(request.params.id), 200, (u) => svaUserView(u!, seesPersonalData(request))));
}

export function deliveriesRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Integration deliveries'];

  r.get('/v1/integration-deliveries', {
    schema: { tags, operationId: 'listIntegrationDeliveries', summary: 'List partner deliveries (status=dead lists the integration errors)', querystring: DeliveryQuery, response: { 200: pageOf(DeliveryView), ...problems() } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => {
    const { status, platform, contractId, svaUserId } = request.query;
    const filter = { ...(status ? { status } : {}), ...(platform ? { platform } : {}), ...(contractId ? { contractId } : {}), ...(svaUserId ? { svaUserId } : {}) };
    return respondPage(reply, request.query, (page) => useCases.listDeliveries(filter, page), deliveryView);
  });

  r.get('/v1/integration-deliveries/:id', {
    schema: { tags, operationId: 'getIntegrationDelivery', summary: 'Get a partner delivery', params: IdParams, response: { 200: DeliveryDetailView, ...problems(404) } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => respond(reply, await useCases.getDelivery(request.params.id), 200, deliveryDetailView));

  r.post('/v1/integration-deliveries/:id/retry', {
    schema: { tags, operationId: 'retryIntegrationDelivery', summary: 'Send a failed or waiting delivery again now', params: IdParams, response: { 200: DeliveryDetailView, ...problems(404, 409) } },
    config: { scope: 'integrations:write' },
  }, async (request, reply) => respond(reply, await useCases.retryDelivery(request.params.id), 200, deliveryDetailView));
}
