import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UseCases } from '../../use-cases';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../schemas/common';
import {
  AddContractItemBody,
  AddedContractItemView,
  addedContractItemView,
  ContractItemParams,
  ContractItemView,
  contractItemView,
  CreateProductBody,
  ProductQuery,
  ProductView,
  productView,
  UpdateProductBody,
} from '../schemas/products';
import { respond, respondPage } from '../respond';

export function productsRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Products'];

  r.post('/v1/products', {
    schema: { tags, operationId: 'createProduct', summary: 'Create a product (SVA: checks the package against the platform)', headers: IdempotencyHeaders, body: CreateProductBody, response: { 201: ProductView, ...problems(409, 413, 415, 422, 502) } },
    config: { scope: 'products:write', idempotent: true },
  }, async (request, reply) => respond(reply, await useCases.createProduct(request.body), 201, productView));

  r.get('/v1/products', {
    schema: { tags, operationId: 'listProducts', summary: 'List products', querystring: ProductQuery, response: { 200: pageOf(ProductView), ...problems() } },
    config: { scope: 'products:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listProducts({ ...(request.query.type ? { type: request.query.type } : {}) }, page), productView));

  r.get('/v1/products/:id', {
    schema: { tags, operationId: 'getProduct', summary: 'Get a product', params: IdParams, response: { 200: ProductView, ...problems(404) } },
    config: { scope: 'products:read' },
  }, async (request, reply) => respond(reply, await useCases.getProduct(request.params.id), 200, productView));

  r.patch('/v1/products/:id', {
    schema: { tags, operationId: 'updateProduct', summary: 'Rename or reprice a product', params: IdParams, body: UpdateProductBody, response: { 200: ProductView, ...problems(404, 413, 415) } },
    config: { scope: 'products:write' },
  }, async (request, reply) => respond(reply, await useCases.updateProduct(request.params.id, request.body), 200, productView));

  const itemTags = ['Contracts'];

  r.post('/v1/contracts/:id/products', {
    schema: { tags: itemTags, operationId: 'addContractProduct', summary: 'Put a product on a contract', params: IdParams, headers: IdempotencyHeaders, body: AddContractItemBody, response: { 201: AddedContractItemView, ...problems(404, 409, 413, 415, 422) } },
    config: { scope: 'contracts:write', idempotent: true },
  }, async (request, reply) => respond(reply, await useCases.addContractItem(request.params.id, request.body), 201, addedContractItemView));

  r.get('/v1/contracts/:id/products', {
    schema: { tags: itemTags, operationId: 'listContractProducts', summary: "List a contract's products", params: IdParams, response: { 200: Type.Object({ items: Type.Array(ContractItemView) }), ...problems(404) } },
    config: { scope: 'contracts:read' },
  }, async (request, reply) => respond(reply, await useCases.listContractItems(request.params.id), 200, (items) => ({ items: items.map(contractItemView) })));

  r.delete('/v1/contracts/:id/products/:itemId', {
    schema: { tags: itemTags, operationId: 'removeContractProduct', summary: 'Take a product off an open contract (its SVA users are removed, here and on the platform)', params: ContractItemParams, response: { 204: Type.Null({ description: 'Removed.' }), ...problems(404, 409) } },
    config: { scope: 'contracts:write' },
  }, async (request, reply) => respond(reply, await useCases.removeContractItem(request.params.id, request.params.itemId), 204, () => undefined));
}
