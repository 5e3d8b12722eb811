import type { Contract, ContractHistoryEntry, ContractState, AccessStatus, ContractStatus } from '../contract/contract';
import type { Customer, CustomerFields } from '../customer/customer';
import type { ContractItem, Product, ProductType } from '../product/product';
import type { Result } from '../shared/result';

export interface PageRequest {
  readonly limit: number;
  /** The id of the last item of the previous page. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Id of the last item when more may follow, else null. */
  readonly last: string | null;
}

export interface CustomerFilter {
  readonly name?: string;
  readonly document?: string;
  readonly phone?: string;
}

export interface CustomerRepository {
  /** Fails with CUSTOMER_DOCUMENT_TAKEN when another customer has the document. */
  create(customer: Customer): Promise<Result<Customer>>;
  findById(id: string): Promise<Customer | null>;
  list(filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>>;
  update(id: string, fields: Partial<CustomerFields>, now: Date): Promise<Result<Customer>>;
  /** Fails with CUSTOMER_HAS_CONTRACTS while the customer has any contract. */
  delete(id: string): Promise<Result<void>>;
}

export interface ProductRepository {
  create(product: Product): Promise<Product>;
  findById(id: string): Promise<Product | null>;
  list(filter: { readonly type?: ProductType }, page: PageRequest): Promise<Page<Product>>;
  update(id: string, fields: Partial<Pick<Product, 'name' | 'priceCents'>>, now: Date): Promise<Product | null>;
}

export interface ContractFilter {
  readonly customerId?: string;
  readonly status?: ContractStatus;
  readonly accessStatus?: AccessStatus;
}

export interface ContractRepository {
  create(contract: Contract): Promise<Contract>;
  findById(id: string): Promise<Contract | null>;
  /** Reads the contract and locks it until the transaction ends (SELECT … FOR UPDATE). */
  lockById(id: string): Promise<Contract | null>;
  list(filter: ContractFilter, page: PageRequest): Promise<Page<Contract>>;
  updateDetails(id: string, fields: Partial<Pick<Contract, 'description' | 'billingDay'>>, now: Date): Promise<Contract | null>;
  /** Stores a new state if the contract is still at `expectedVersion`; null when it moved on. */
  saveState(
    id: string,
    expectedVersion: number,
    state: ContractState & Pick<Contract, 'activatedAt' | 'blockedAt' | 'endedAt'>,
    now: Date,
  ): Promise<Contract | null>;
  appendHistory(entry: ContractHistoryEntry): Promise<void>;
  listHistory(contractId: string, page: PageRequest): Promise<Page<ContractHistoryEntry>>;
  /** Contracts blocked since before `blockedBefore`, for the overdue policy. */
  listBlockedSince(blockedBefore: Date, limit: number): Promise<readonly Contract[]>;
  addItem(item: ContractItem): Promise<ContractItem>;
  listItems(contractId: string): Promise<readonly ContractItem[]>;
  deleteItem(contractId: string, itemId: string): Promise<boolean>;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the key, to tell keys apart without revealing them. */
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
}

export interface ApiKeyRepository {
  create(key: ApiKeyRecord, keyHash: string): Promise<ApiKeyRecord>;
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  list(page: PageRequest): Promise<Page<ApiKeyRecord>>;
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface Repositories {
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly contracts: ContractRepository;
  readonly apiKeys: ApiKeyRepository;
}

/** The repositories, plus a way to run several writes as one transaction. */
export interface Store extends Repositories {
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
