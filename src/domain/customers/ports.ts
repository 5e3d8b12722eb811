import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { Customer, CustomerFields } from './customer';

/* What the customers area needs from storage. */

export interface CustomerFilter {
  readonly name?: string;
  readonly document?: string;
  readonly phone?: string;
}

export interface CustomerRepository {
  /** Fails with CUSTOMER_DOCUMENT_TAKEN when another customer has the document. */
  create(customer: Customer): Promise<Result<Customer>>;
  findById(id: string): Promise<Customer | null>;
  /** Keeps the customer from being deleted until the transaction ends; false when it does not exist. */
  lockForReference(id: string): Promise<boolean>;
  list(filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>>;
  update(id: string, fields: Partial<CustomerFields>, now: Date): Promise<Result<Customer>>;
  /** Fails with CUSTOMER_HAS_CONTRACTS while the customer has any contract. */
  delete(id: string): Promise<Result<void>>;
}
