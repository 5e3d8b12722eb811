import { normaliseCustomerInput, type Customer, type CustomerInput } from '../../../domain/customers/customer';
import { parseDocument } from '../../../domain/customers/document';
import { parsePhone } from '../../../domain/customers/phone';
import type { CustomerFilter } from '../../../domain/customers/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

export type NewCustomer = CustomerInput & { readonly name: string; readonly document: string };

export function makeCreateCustomer({ store, clock, ids }: UseCaseDeps) {
  return async (input: NewCustomer): Promise<Result<Customer>> => {
    const fields = normaliseCustomerInput(input);
    if (!fields.ok) return fields;
    const now = clock.now();
    return store.customers.create({
      email: null,
      mobilePhone: null,
      phones: [],
      address: null,
      ...(fields.value as Required<Pick<Customer, 'name' | 'document' | 'documentType'>>),
      id: ids.next(),
      createdAt: now,
      updatedAt: now,
    });
  };
}

export function makeUpdateCustomer({ store, clock }: UseCaseDeps) {
  return async (id: string, input: CustomerInput): Promise<Result<Customer>> => {
    const fields = normaliseCustomerInput(input);
    if (!fields.ok) return fields;
    return store.customers.update(id, fields.value, clock.now());
  };
}

export function makeGetCustomer({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Customer>> => {
    const customer = await store.customers.findById(id);
    return customer ? ok(customer) : fail('CUSTOMER_NOT_FOUND', 'Customer not found.');
  };
}

export interface CustomerQuery {
  readonly name?: string;
  readonly document?: string;
  readonly phone?: string;
}

/** Filters take documents and phones as people write them, and compare them normalised. */
export function makeListCustomers({ store }: UseCaseDeps) {
  return async (query: CustomerQuery, page: PageRequest): Promise<Result<Page<Customer>>> => {
    const filter: { -readonly [K in keyof CustomerFilter]: CustomerFilter[K] } = {};
    if (query.name) filter.name = query.name.trim();
    if (query.document) {
      const document = parseDocument(query.document);
      if (!document.ok)
        return fail('VALIDATION_FAILED', 'Some filters are not valid.', [
          { field: 'document', message: document.error.message },
        ]);
      filter.document = document.value.value;
    }
    if (query.phone) {
      const phone = parsePhone(query.phone);
      if (!phone.ok)
        return fail('VALIDATION_FAILED', 'Some filters are not valid.', [
          { field: 'phone', message: phone.error.message },
        ]);
      filter.phone = phone.value;
    }
    return ok(await store.customers.list(filter, page));
  };
}

export function makeDeleteCustomer({ store }: UseCaseDeps) {
  return (id: string): Promise<Result<void>> => store.customers.delete(id);
}
