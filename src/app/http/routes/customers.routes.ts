import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UseCases } from '../../use-cases';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../schemas/common';
import { CreateCustomerBody, CustomerQuery, CustomerView, customerView, UpdateCustomerBody } from '../schemas/customers';
import { respond, respondPage } from '../respond';

const tags = ['Customers'];

export function customersRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post('/v1/customers', {
    schema: { tags, operationId: 'createCustomer', summary: 'Create a customer', headers: IdempotencyHeaders, body: CreateCustomerBody, response: { 201: CustomerView, ...problems(409, 413, 415, 422) } },
    config: { scope: 'customers:write', idempotent: true },
  }, async (request, reply) => respond(reply, await useCases.createCustomer(request.body), 201, customerView));

  r.get('/v1/customers', {
    schema: { tags, operationId: 'listCustomers', summary: 'List customers, filtered by name, document or phone', querystring: CustomerQuery, response: { 200: pageOf(CustomerView), ...problems() } },
    config: { scope: 'customers:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listCustomers(request.query, page), customerView));

  r.get('/v1/customers/:id', {
    schema: { tags, operationId: 'getCustomer', summary: 'Get a customer', params: IdParams, response: { 200: CustomerView, ...problems(404) } },
    config: { scope: 'customers:read' },
  }, async (request, reply) => respond(reply, await useCases.getCustomer(request.params.id), 200, customerView));

  r.patch('/v1/customers/:id', {
    schema: { tags, operationId: 'updateCustomer', summary: 'Change some fields of a customer', params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerView, ...problems(404, 409, 413, 415) } },
    config: { scope: 'customers:write' },
  }, async (request, reply) => respond(reply, await useCases.updateCustomer(request.params.id, request.body), 200, customerView));

  r.delete('/v1/customers/:id', {
    schema: { tags, operationId: 'deleteCustomer', summary: 'Delete a customer without contracts', params: IdParams, response: { 204: Type.Null({ description: 'Deleted.' }), ...problems(404, 409) } },
    config: { scope: 'customers:write' },
  }, async (request, reply) => respond(reply, await useCases.deleteCustomer(request.params.id), 204, () => undefined));
}
