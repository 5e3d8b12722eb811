import type { Contract, ContractHistoryEntry } from '../contracts/contract';
import type { Customer } from '../customers/customer';
import type { SvaUser } from '../sva/sva';
import { maskDocument, maskEmail, maskName, maskPhone } from '../shared/personal-data';

/*
 * The data of each event type (docs/webhooks.md): the resource's identity and state, small enough
 * to act on without a call back, and the same shape for every event of a type.
 */

export interface CustomerData {
  readonly id: string;
  readonly name: string;
  readonly document: string;
  readonly documentType: string;
  readonly email: string | null;
  readonly mobilePhone: string | null;
}

export const customerData = (c: Customer): { customer: CustomerData } => ({
  customer: {
    id: c.id,
    name: c.name,
    document: c.document,
    documentType: c.documentType,
    email: c.email,
    mobilePhone: c.mobilePhone,
  },
});

/** The customer of a payload as a reader without `customers:read` sees it. */
export const maskedCustomer = (c: CustomerData): CustomerData => ({
  ...c,
  name: maskName(c.name),
  document: maskDocument(c.document),
  email: c.email === null ? null : maskEmail(c.email),
  mobilePhone: c.mobilePhone === null ? null : maskPhone(c.mobilePhone),
});

export const contractData = (c: Contract) => ({
  contract: {
    id: c.id,
    customerId: c.customerId,
    status: c.status,
    accessStatus: c.accessStatus,
    description: c.description,
    billingDay: c.billingDay,
    approved: c.approved,
    billingStart: c.billingStart,
    billingEnd: c.billingEnd,
  },
});

/** A contract event: the contract's new state and the event that moved it (its history line). */
export const contractStatusChangedData = (
  contract: Pick<Contract, 'id' | 'customerId' | 'status' | 'accessStatus'>,
  event: ContractHistoryEntry,
) => ({
  contract: {
    id: contract.id,
    customerId: contract.customerId,
    status: contract.status,
    accessStatus: contract.accessStatus,
  },
  change: {
    historyId: event.id,
    event: event.type,
    mode: event.mode,
    reason: event.reason,
    actor: event.actor,
    before: event.before,
    after: event.after,
  },
});

/** A new SVA user: its subscription, never its personal data (the user name is a CPF or an e-mail). */
export const svaUserCreatedData = (
  u: Pick<SvaUser, 'id' | 'contractId' | 'platform' | 'integrationId' | 'productId' | 'packageCode' | 'status'>,
) => ({
  svaUser: {
    id: u.id,
    contractId: u.contractId,
    platform: u.platform,
    integrationId: u.integrationId,
    productId: u.productId,
    packageCode: u.packageCode,
    status: u.status,
  },
});

export const endpointDisabledData = (endpointId: string, reason: string) => ({
  webhookEndpoint: { id: endpointId, reason },
});
