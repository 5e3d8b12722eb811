import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { Product, ProductType } from './product';

/* What the products area needs from storage. */

export interface ProductRepository {
  /** Fails with SVA_PACKAGE_TAKEN when another product sells the package of the same integration. */
  create(product: Product): Promise<Result<Product>>;
  /** The SVA products on a contract. */
  listSvaOnContract(contractId: string): Promise<readonly Product[]>;
  findById(id: string): Promise<Product | null>;
  list(filter: { readonly type?: ProductType }, page: PageRequest): Promise<Page<Product>>;
  update(id: string, fields: Partial<Pick<Product, 'name' | 'priceCents'>>, now: Date): Promise<Product | null>;
}
