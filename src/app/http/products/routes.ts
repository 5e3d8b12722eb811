import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ProductsUseCases } from '../../use-cases/products';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
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
} from './schemas';
import { respond, respondPage } from '../respond';

export function productsRoutes(app: FastifyInstance, useCases: ProductsUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Products'];

  r.post(
    '/v1/products',
    {
      schema: {
        tags,
        operationId: 'createProduct',
        summary: 'Create a product (SVA: checks the package against the platform)',
        description:
          "A product of type `sva` names its `svaIntegrationId` and one `svaPackage`: for Saber+ the package is checked against the platform's live list (502 when the platform fails), for EXA it is typed in. A package is sold by one product only (409 SVA_PACKAGE_TAKEN).",
        headers: IdempotencyHeaders,
        body: CreateProductBody,
        response: {
          201: ProductView,
          ...problems(
            'SVA_PACKAGE_TAKEN',
            413,
            415,
            'UNKNOWN_SVA_INTEGRATION',
            'UNKNOWN_SVA_PACKAGE',
            'IDEMPOTENCY_KEY_REUSED',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'products:write', idempotent: true },
    },
    async (request, reply) => respond(reply, await useCases.createProduct(request.body), 201, productView),
  );

  r.get(
    '/v1/products',
    {
      schema: {
        tags,
        operationId: 'listProducts',
        summary: 'List products',
        description: 'Every product, filtered by `type` when given.',
        querystring: ProductQuery,
        response: { 200: pageOf(ProductView), ...problems() },
      },
      config: { scope: 'products:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listProducts({ ...(request.query.type ? { type: request.query.type } : {}) }, page),
        productView,
      ),
  );

  r.get(
    '/v1/products/:id',
    {
      schema: {
        tags,
        operationId: 'getProduct',
        summary: 'Get a product',
        description: 'The product with its price in BRL cents and, for SVA products, its integration and package.',
        params: IdParams,
        response: { 200: ProductView, ...problems('PRODUCT_NOT_FOUND') },
      },
      config: { scope: 'products:read' },
    },
    async (request, reply) => respond(reply, await useCases.getProduct(request.params.id), 200, productView),
  );

  r.patch(
    '/v1/products/:id',
    {
      schema: {
        tags,
        operationId: 'updateProduct',
        summary: 'Rename or reprice a product',
        description:
          'Renames or reprices the product; contracts that already have it keep the price they were sold at.',
        params: IdParams,
        body: UpdateProductBody,
        response: { 200: ProductView, ...problems('PRODUCT_NOT_FOUND', 413, 415) },
      },
      config: { scope: 'products:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateProduct(request.params.id, request.body), 200, productView),
  );

  const itemTags = ['Contracts'];

  r.post(
    '/v1/contracts/:id/products',
    {
      schema: {
        tags: itemTags,
        operationId: 'addContractProduct',
        summary: 'Put a product on a contract',
        description:
          "Adds the product at its price (or `priceCents`). Adding an EXA product to an active contract creates the customer's EXA user when the integration allows it; what could not be created is said in `notices`. A product of type stfc is the contract's Summit telephony service: it needs the line's `number` and the contract's billing (closing) day, and is provisioned on Summit through the outbox; removing the product marks the service deleted. A closed contract answers 409 CONTRACT_CLOSED.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AddContractItemBody,
        response: {
          201: AddedContractItemView,
          ...problems(
            'CONTRACT_NOT_FOUND',
            'CONTRACT_CLOSED',
            413,
            415,
            'UNKNOWN_PRODUCT',
            'UNKNOWN_STFC_INTEGRATION',
            'STFC_MODULE_DISABLED',
            'STFC_SERVICE_EXISTS',
            'STFC_NUMBER_TAKEN',
            'STFC_CLOSING_DAY_MISSING',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.addContractItem(request.params.id, request.body), 201, addedContractItemView),
  );

  r.get(
    '/v1/contracts/:id/products',
    {
      schema: {
        tags: itemTags,
        operationId: 'listContractProducts',
        summary: "List a contract's products",
        description: 'The products on the contract, each with the price it was sold at.',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(ContractItemView) }, { title: 'ContractItemList' }),
          ...problems('CONTRACT_NOT_FOUND'),
        },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.listContractItems(request.params.id), 200, (items) => ({
        items: items.map(contractItemView),
      })),
  );

  r.delete(
    '/v1/contracts/:id/products/:itemId',
    {
      schema: {
        tags: itemTags,
        operationId: 'removeContractProduct',
        summary: 'Take a product off an open contract (its SVA users are removed, here and on the platform)',
        description:
          'Takes the product off the contract; its SVA users are removed here and, through the outbox, on their platform. A closed contract answers 409 CONTRACT_CLOSED.',
        params: ContractItemParams,
        response: {
          204: Type.Null({ description: 'Removed.' }),
          ...problems('CONTRACT_NOT_FOUND', 'CONTRACT_ITEM_NOT_FOUND', 'CONTRACT_CLOSED'),
        },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.removeContractItem(request.params.id, request.params.itemId), 204, () => undefined),
  );
}
