import { normaliseCustomerInput, type Customer, type CustomerInput } from '../../../domain/customers/customer';
import { parseDocument } from '../../../domain/customers/document';
import { parsePhone } from '../../../domain/customers/phone';
import type { CustomerFilter } from '../../../domain/customers/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { Repositories } from '../../../domain/ports/store';
import { customerData } from '../../../domain/webhooks/payloads';
import type { UseCaseDeps } from '../deps';
import { withEvents } from '../webhooks/emit';

export type NewCustomer = CustomerInput & { readonly name: string; readonly document: string };

/** A customer change and its event (docs/webhooks.md), in one transaction. */
const withEvent = (
  deps: UseCaseDeps,
  type: 'customer.created' | 'customer.updated',
  change: (repos: Repositories) => Promise<Result<Customer>>,
): Promise<Result<Customer>> =>
  withEvents<Result<Customer>>(deps, async (repos) => {
    const changed = await change(repos);
    return {
      result: changed,
      events: changed.ok ? [{ type, resourceId: changed.value.id, data: customerData(changed.value) }] : [],
      at: changed.ok ? changed.value.updatedAt : deps.clock.now(),
    };
  });

export function makeCreateCustomer(deps: UseCaseDeps) {
  const { clock, ids } = deps;
  return async (input: NewCustomer): Promise<Result<Customer>> => {
    const fields = normaliseCustomerInput(input);
    if (!fields.ok) return fields;
    const now = clock.now();
    return withEvent(deps, 'customer.created', (repos) =>
      repos.customers.create({
        email: null,
        mobilePhone: null,
        phones: [],
        address: null,
        ...(fields.value as Required<Pick<Customer, 'name' | 'document' | 'documentType'>>),
        id: ids.next(),
        createdAt: now,
        updatedAt: now,
      }),
    );
  };
}

export function makeUpdateCustomer(deps: UseCaseDeps) {
  return async (id: string, input: CustomerInput): Promise<Result<Customer>> => {
    const fields = normaliseCustomerInput(input);
    if (!fields.ok) return fields;
    return withEvent(deps, 'customer.updated', (repos) => repos.customers.update(id, fields.value, deps.clock.now()));
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
