import { Type } from 'typebox';
import { PRODUCT_TYPES, type ContractItem, type Product } from '../../../domain/products/product';
import type { Notice } from '../../../domain/shared/notice';
import { Id, Notices, Nullable, PageQuery, StringEnum, Text, Timestamp } from '../common';

const PriceCents = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Monthly price in cents (BRL).' });
const ProductType = StringEnum(PRODUCT_TYPES);

export const CreateProductBody = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 200 }),
    type: ProductType,
    priceCents: PriceCents,
    svaIntegrationId: Type.Optional(Id),
    svaPackage: Type.Optional(
      Text({
        minLength: 1,
        maxLength: 100,
        description: 'SVA only: one package, from GET /v1/sva-integrations/{id}/packages for Saber+, typed in for EXA.',
      }),
    ),
  },
  {
    title: 'CreateProductRequest',
    additionalProperties: false,
    description: 'Products of type sva need svaIntegrationId and svaPackage; other types have neither.',
  },
);

export const UpdateProductBody = Type.Object(
  { name: Type.Optional(Text({ minLength: 1, maxLength: 200 })), priceCents: Type.Optional(PriceCents) },
  {
    title: 'UpdateProductRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'The type of a product cannot change.',
  },
);

export const ProductQuery = Type.Object(
  { ...PageQuery, type: Type.Optional(ProductType) },
  { additionalProperties: false },
);

export const ProductView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    type: ProductType,
    priceCents: Type.Integer(),
    svaIntegrationId: Nullable(Id),
    svaPackage: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Product' },
);

export const productView = (p: Product) => ({
  ...p,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const AddContractItemBody = Type.Object(
  {
    productId: Id,
    priceCents: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000_000, description: "Defaults to the product's price." }),
    ),
    number: Type.Optional(
      Text({
        minLength: 8,
        maxLength: 25,
        description:
          "stfc products only, and required with them: the fixed line's number, any usual Brazilian form; stored as E.164.",
      }),
    ),
    plan: Type.Optional(
      Text({
        minLength: 1,
        maxLength: 60,
        description: "stfc products only: Summit's plan for the line; defaults to the product's name.",
      }),
    ),
    stfcIntegrationId: Type.Optional(Id),
  },
  {
    title: 'AddContractProductRequest',
    additionalProperties: false,
    description:
      "A product of type stfc is the contract's Summit telephony service: it takes the line's `number` (and `plan`, and `stfcIntegrationId` when several Summit integrations exist).",
  },
);

export const ContractItemView = Type.Object(
  { id: Id, contractId: Id, product: ProductView, priceCents: Type.Integer(), createdAt: Timestamp },
  { title: 'ContractItem' },
);

export const contractItemView = (i: ContractItem) => ({
  id: i.id,
  contractId: i.contractId,
  product: productView(i.product),
  priceCents: i.priceCents,
  createdAt: i.createdAt.toISOString(),
});

export const AddedContractItemView = Type.Object(
  { ...ContractItemView.properties, notices: Notices },
  {
    title: 'AddedContractItem',
    description: 'The item put on the contract, with the SVA users automatic creation did not make.',
  },
);

export const addedContractItemView = (i: ContractItem & { readonly notices: readonly Notice[] }) => ({
  ...contractItemView(i),
  notices: [...i.notices],
});

export const ContractItemParams = Type.Object({ id: Id, itemId: Id });
