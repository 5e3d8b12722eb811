export const PRODUCT_TYPES = ['internet', 'sva', 'voip', 'mvno', 'stfc'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly type: ProductType;
  readonly priceCents: number;
  /** SVA products: the integration and the one package they sell (seeds 002, 003). */
  readonly svaIntegrationId: string | null;
  readonly svaPackage: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A product on a contract, at the price it was sold for. */
export interface ContractItem {
  readonly id: string;
  readonly contractId: string;
  readonly product: Product;
  readonly priceCents: number;
  readonly createdAt: Date;
}
