import type { Contract } from '../contracts/contract';
import type { Customer } from '../customers/customer';
import type { SvaUser } from '../sva/sva';
import type { Charge } from '../receivables/charge';
import type { CreditConsultation, Negativation } from '../credit/credit';
import type { OverdueRun } from '../overdue/ports';
import type { Notification } from '../notifications/notification';
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

/** A call as its events tell it (written by the database as the PBX's events fold into the call). */
export interface CallData {
  readonly from: string | null;
  readonly to: string | null;
  readonly [field: string]: unknown;
}

/** A call's phone numbers masked as the API masks them: numbers, not extensions. */
export const maskedCall = (c: CallData): CallData => {
  const number = (n: string | null) => (n?.startsWith('+') ? maskPhone(n) : n);
  return { ...c, from: number(c.from), to: number(c.to) };
};

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

export const chargeData = (c: Charge) => ({
  charge: {
    id: c.id,
    contractId: c.contractId,
    amountCents: c.amountCents,
    paidCents: c.paidCents,
    dueDate: c.dueDate,
    competence: c.competence,
    status: c.status,
    paidAt: c.paidAt?.toISOString() ?? null,
  },
});

export const negativationData = (n: Negativation) => ({
  negativation: {
    id: n.id,
    contractId: n.contractId,
    chargeId: n.chargeId,
    integrationId: n.integrationId,
    bureau: n.bureau,
    state: n.state,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    message: n.message,
    registeredAt: n.registeredAt?.toISOString() ?? null,
    removedAt: n.removedAt?.toISOString() ?? null,
    removalConfirmedAt: n.removalConfirmedAt?.toISOString() ?? null,
  },
});

/** That a consult was made, and by whom: what it found (a person's credit) stays behind the credit scope. */
export const creditConsultationData = (c: CreditConsultation) => ({
  creditConsultation: {
    id: c.id,
    integrationId: c.integrationId,
    bureau: c.bureau,
    status: c.status,
    purpose: c.purpose,
    actor: c.actor,
    confirmed: c.confirmed,
    consultedAt: c.consultedAt.toISOString(),
  },
});

/** A charge the overdue run found overdue for the first time, with what is still due of it. */
export const chargeOverdueData = (c: {
  readonly chargeId: string;
  readonly contractId: string;
  readonly dueCents: number;
  readonly dueDate: string;
  readonly competence: string;
}) => ({
  charge: {
    id: c.chargeId,
    contractId: c.contractId,
    dueCents: c.dueCents,
    dueDate: c.dueDate,
    competence: c.competence,
  },
});

export const overdueRunData = (r: OverdueRun) => ({
  overdueRun: {
    id: r.id,
    asOf: r.asOf,
    trigger: r.trigger,
    actor: r.actor,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    latePaymentsReported: r.latePaymentsReported,
    blocked: r.blocked,
    cancelled: r.cancelled,
    rejected: r.rejected,
  },
});

/** A customer notification Opa! Suite refused for good: which, for which event, and its words. */
export const notificationFailedData = (n: Notification, error: string) => ({
  notification: {
    id: n.id,
    contractId: n.contractId,
    chargeId: n.chargeId,
    event: n.event,
    integrationId: n.integrationId,
    templateId: n.templateId,
    error,
  },
});

export const endpointDisabledData = (endpointId: string, reason: string) => ({
  webhookEndpoint: { id: endpointId, reason },
});
