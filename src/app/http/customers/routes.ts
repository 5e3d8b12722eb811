import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CustomersUseCases } from '../../use-cases/customers';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { CreateCustomerBody, CustomerQuery, CustomerView, customerView, UpdateCustomerBody } from './schemas';
import { respond, respondPage } from '../respond';

const tags = ['Customers'];

export function customersRoutes(app: FastifyInstance, useCases: CustomersUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/customers',
    {
      schema: {
        tags,
        operationId: 'createCustomer',
        summary: 'Create a customer',
        description:
          "The CPF or CNPJ (alphanumeric CNPJ included) and the phones are accepted in any usual written form and stored normalised (digits; E.164). One customer per document: a second answers 409 CUSTOMER_DOCUMENT_TAKEN with the holder's id in `existingId`. Send an `Idempotency-Key` to retry safely.",
        headers: IdempotencyHeaders,
        body: CreateCustomerBody,
        response: { 201: CustomerView, ...problems('CUSTOMER_DOCUMENT_TAKEN', 413, 415, 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'customers:write', idempotent: true },
    },
    async (request, reply) => respond(reply, await useCases.createCustomer(request.body), 201, customerView),
  );

  r.get(
    '/v1/customers',
    {
      schema: {
        tags,
        operationId: 'listCustomers',
        summary: 'List customers, filtered by name, document or phone',
        description:
          'Filters combine: `name` (part, any case), `document` (exact, any punctuation), `phone` (mobile or other, any form). Personal data is masked for keys without `customers:read`.',
        querystring: CustomerQuery,
        response: { 200: pageOf(CustomerView), ...problems() },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listCustomers(request.query, page), customerView),
  );

  r.get(
    '/v1/customers/:id',
    {
      schema: {
        tags,
        operationId: 'getCustomer',
        summary: 'Get a customer',
        description: 'The customer as stored, with its document and phones normalised.',
        params: IdParams,
        response: { 200: CustomerView, ...problems('CUSTOMER_NOT_FOUND') },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) => respond(reply, await useCases.getCustomer(request.params.id), 200, customerView),
  );

  r.patch(
    '/v1/customers/:id',
    {
      schema: {
        tags,
        operationId: 'updateCustomer',
        summary: 'Change some fields of a customer',
        description:
          "Only the fields sent change; `null` clears an optional field. A document another customer holds answers 409 CUSTOMER_DOCUMENT_TAKEN with that customer's id.",
        params: IdParams,
        body: UpdateCustomerBody,
        response: { 200: CustomerView, ...problems('CUSTOMER_NOT_FOUND', 'CUSTOMER_DOCUMENT_TAKEN', 413, 415) },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateCustomer(request.params.id, request.body), 200, customerView),
  );

  r.delete(
    '/v1/customers/:id',
    {
      schema: {
        tags,
        operationId: 'deleteCustomer',
        summary: 'Delete a customer without contracts',
        description:
          'Only a customer without contracts can be deleted (409 CUSTOMER_HAS_CONTRACTS otherwise); cancel or move the contracts first.',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          ...problems('CUSTOMER_NOT_FOUND', 'CUSTOMER_HAS_CONTRACTS'),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) => respond(reply, await useCases.deleteCustomer(request.params.id), 204, () => undefined),
  );
}
