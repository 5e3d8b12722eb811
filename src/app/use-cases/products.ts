import type { Page, PageRequest } from '../../domain/ports/repositories';
import type { ContractItem, Product, ProductType } from '../../domain/product/product';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { UseCaseDeps } from './deps';

export function makeCreateProduct({ store, clock, ids }: UseCaseDeps) {
  return async (input: { name: string; type: ProductType; priceCents: number }): Promise<Result<Product>> => {
    const now = clock.now();
    return ok(await store.products.create({ ...input, name: input.name.trim(), id: ids.next(), createdAt: now, updatedAt: now }));
  };
}

export function makeUpdateProduct({ store, clock }: UseCaseDeps) {
  return async (id: string, fields: { name?: string; priceCents?: number }): Promise<Result<Product>> => {
    const product = await store.products.update(id, fields, clock.now());
    return product ? ok(product) : fail('PRODUCT_NOT_FOUND', 'Product not found.');
  };
}

export function makeGetProduct({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Product>> => {
    const product = await store.products.findById(id);
    return product ? ok(product) : fail('PRODUCT_NOT_FOUND', 'Product not found.');
  };
}

export function makeListProducts({ store }: UseCaseDeps) {
  return async (filter: { type?: ProductType }, page: PageRequest): Promise<Result<Page<Product>>> => ok(await store.products.list(filter, page));
}

/** Puts a product on a contract at the product's current price (later price changes do not touch it). */
export function makeAddContractItem({ store, clock, ids }: UseCaseDeps) {
  return async (contractId: string, input: { productId: string; priceCents?: number }): Promise<Result<ContractItem>> =>
    store.transaction(async ({ contracts, products }) => {
      const contract = await contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (contract.status === 'inactive' || contract.status === 'negativated' || contract.status === 'withdrawn') {
        return fail('CONTRACT_CLOSED', `Products cannot be added to a contract with status '${contract.status}'.`);
      }
      const product = await products.findById(input.productId);
      if (!product) return fail('UNKNOWN_PRODUCT', 'Product not found.', [{ field: 'productId', message: 'No product has this id.' }]);
      return ok(
        await contracts.addItem({ id: ids.next(), contractId, product, priceCents: input.priceCents ?? product.priceCents, createdAt: clock.now() }),
      );
    });
}

export function makeListContractItems({ store }: UseCaseDeps) {
  return async (contractId: string): Promise<Result<readonly ContractItem[]>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.contracts.listItems(contractId));
  };
}

export function makeRemoveContractItem({ store }: UseCaseDeps) {
  return async (contractId: string, itemId: string): Promise<Result<void>> =>
    (await store.contracts.deleteItem(contractId, itemId)) ? ok(undefined) : fail('CONTRACT_ITEM_NOT_FOUND', 'This contract has no item with this id.');
}
