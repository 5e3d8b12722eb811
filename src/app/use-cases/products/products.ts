import { isContractClosed } from '../../../domain/contracts/contract';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { ContractItem, Product, ProductType } from '../../../domain/products/product';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { partnerFailure } from '../partners';
import type { Notice } from '../../../domain/shared/notice';
import { autoCreateSvaUsers, removeSvaUsersOfProduct } from '../sva/users';
import { addStfcService, type StfcServiceInput } from '../stfc/stfc';

export interface CreateProductInput {
  readonly name: string;
  readonly type: ProductType;
  readonly priceCents: number;
  readonly svaIntegrationId?: string;
  readonly svaPackage?: string;
}

const unknownIntegration = () =>
  fail('UNKNOWN_SVA_INTEGRATION', 'SVA integration not found.', [
    { field: 'svaIntegrationId', message: 'No SVA integration has this id.' },
  ]);

/**
 * Seeds 002, 003: an SVA product belongs to one integration and sells exactly one package,
 * picked from the platform's list for Saber+ and typed in for EXA.
 */
async function svaFieldsOf(
  deps: UseCaseDeps,
  input: CreateProductInput,
): Promise<Result<{ svaIntegrationId: string | null; svaPackage: string | null }>> {
  if (input.type !== 'sva') {
    const stray = (['svaIntegrationId', 'svaPackage'] as const).filter((field) => input[field] !== undefined);
    if (stray.length > 0)
      return fail(
        'VALIDATION_FAILED',
        'Only SVA products have an integration and a package.',
        stray.map((field) => ({ field, message: 'Only for type sva.' })),
      );
    return ok({ svaIntegrationId: null, svaPackage: null });
  }
  const missing = (['svaIntegrationId', 'svaPackage'] as const).filter((field) => input[field] === undefined);
  if (missing.length > 0)
    return fail(
      'VALIDATION_FAILED',
      'An SVA product needs its integration and its package.',
      missing.map((field) => ({ field, message: 'Required for type sva.' })),
    );
  const integration = await deps.store.svaIntegrations.findById(input.svaIntegrationId!);
  if (!integration) return unknownIntegration();
  const svaPackage = input.svaPackage!.trim();
  if (integration.platform === 'saber_plus') {
    let packages;
    try {
      packages = await deps.svaPlatformFor(integration).listPackages();
    } catch (error) {
      return partnerFailure(error);
    }
    if (!packages.some((p) => p.code === svaPackage)) {
      return fail('UNKNOWN_SVA_PACKAGE', `Saber+ has no package '${svaPackage}'.`, [
        { field: 'svaPackage', message: `One of: ${packages.map((p) => p.code).join(', ')}.` },
      ]);
    }
  }
  return ok({ svaIntegrationId: integration.id, svaPackage });
}

export function makeCreateProduct(deps: UseCaseDeps) {
  return async (input: CreateProductInput): Promise<Result<Product>> => {
    // The package is checked with the platform before any transaction: no partner call holds one open.
    const sva = await deps.store.outsideUnit(() => svaFieldsOf(deps, input));
    if (!sva.ok) return sva;
    return deps.store.transaction(async (repos) => {
      const { svaIntegrationId } = sva.value;
      // The integration cannot be deleted while its product is being written.
      if (svaIntegrationId && !(await repos.svaIntegrations.lockForReference(svaIntegrationId))) {
        return unknownIntegration();
      }
      const now = deps.clock.now();
      return repos.products.create({
        name: input.name.trim(),
        type: input.type,
        priceCents: input.priceCents,
        ...sva.value,
        id: deps.ids.next(),
        createdAt: now,
        updatedAt: now,
      });
    });
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
  return async (filter: { type?: ProductType }, page: PageRequest): Promise<Result<Page<Product>>> =>
    ok(await store.products.list(filter, page));
}

/**
 * Puts a product on a contract at the product's current price (later price changes do not touch
 * it). Seed 003: an EXA product added to an active contract creates its user when the integration
 * allows; when it cannot, the answer says why in `notices`.
 */
export function makeAddContractItem({ store, clock, ids, secrets, effectsQueued }: UseCaseDeps) {
  return async (
    contractId: string,
    input: { productId: string; priceCents?: number } & StfcServiceInput,
  ): Promise<Result<ContractItem & { notices: readonly Notice[] }>> => {
    const result = await store.transaction(async (repos) => {
      const { contracts, products } = repos;
      const contract = await contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (isContractClosed(contract)) {
        return fail('CONTRACT_CLOSED', `Products cannot be added to a contract with status '${contract.status}'.`);
      }
      const product = await products.findById(input.productId);
      if (!product)
        return fail('UNKNOWN_PRODUCT', 'Product not found.', [
          { field: 'productId', message: 'No product has this id.' },
        ]);
      const now = clock.now();
      const itemId = ids.next();
      // A Summit service is written first: when it is refused, nothing else has been.
      const stfc = await addStfcService(repos, { ids }, contract, product, itemId, input, now);
      if (!stfc.ok) return stfc;
      const item = await contracts.addItem({
        id: itemId,
        contractId,
        product,
        priceCents: input.priceCents ?? product.priceCents,
        createdAt: now,
      });
      const auto =
        contract.status === 'active'
          ? await autoCreateSvaUsers(repos, contract, [product], { secrets }, { ids, now, cause: item.id })
          : { created: 0, notices: [] };
      return ok({ item: { ...item, notices: auto.notices }, created: auto.created + (stfc.value ? 1 : 0) });
    });
    if (!result.ok) return result;
    if (result.value.created > 0) effectsQueued();
    return ok(result.value.item);
  };
}

export function makeListContractItems({ store }: UseCaseDeps) {
  return async (contractId: string): Promise<Result<readonly ContractItem[]>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.contracts.listItems(contractId));
  };
}

/**
 * Takes a product off an open contract. When the last item of an SVA product goes, the product's
 * users go too, here and on their platform: the provider stops paying for what it no longer bills.
 */
export function makeRemoveContractItem({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (contractId: string, itemId: string): Promise<Result<void>> => {
    const result = await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (isContractClosed(contract)) {
        return fail('CONTRACT_CLOSED', `Products cannot be removed from a contract with status '${contract.status}'.`);
      }
      const items = await repos.contracts.listItems(contractId);
      const item = items.find((i) => i.id === itemId);
      if (!item) return fail('CONTRACT_ITEM_NOT_FOUND', 'This contract has no item with this id.');
      // Its Summit service, if it sold one, stays in the history as deleted.
      await repos.stfc.deleteServiceOfItem(itemId, clock.now());
      await repos.contracts.deleteItem(contractId, itemId);
      const stillSold = items.some((i) => i.id !== itemId && i.product.id === item.product.id);
      return ok(
        stillSold
          ? 0
          : await removeSvaUsersOfProduct(repos, contractId, item.product.id, { ids, now: clock.now(), cause: itemId }),
      );
    });
    if (!result.ok) return result;
    if (result.value > 0) effectsQueued();
    return ok(undefined);
  };
}
