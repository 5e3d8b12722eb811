import { brazilianDate } from '../shared/calendar';
import { formatBrl } from '../shared/money';
import type { OutboxEffect } from '../deliveries/delivery';

/**
 * What a customer is told about (issue: Opa! Suite notifications): the contract events that
 * change what the customer has, and the life of a charge.
 */
export const NOTIFICATION_EVENTS = [
  'report_late_payment',
  'block',
  'unblock',
  'cancel',
  'trust_release',
  'charge_created',
  'charge_overdue',
  'overdue_notice',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const isChargeEvent = (event: NotificationEvent) =>
  event === 'charge_created' || event === 'charge_overdue' || event === 'overdue_notice';

/** What a template's variables may be filled with, in the order the template takes them. */
export const TEMPLATE_VARIABLES = [
  'customer.name',
  'customer.firstName',
  'contract.id',
  'contract.description',
  'event.reason',
  'trustRelease.endsOn',
  'charge.amount',
  'charge.dueDate',
  'charge.competence',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Variables only some events can fill. */
const ONLY_FOR: Partial<Record<TemplateVariable, (event: NotificationEvent) => boolean>> = {
  'charge.amount': isChargeEvent,
  'charge.dueDate': isChargeEvent,
  'charge.competence': isChargeEvent,
  'trustRelease.endsOn': (event) => event === 'trust_release',
  // The overdue notice's reason is its whole text: what Anatel's RGC asks a notice of debt to say.
  'event.reason': (event) => !isChargeEvent(event) || event === 'overdue_notice',
};

/** The Opa! Suite template sent for an event, and what fills its variables. */
export interface NotificationTemplate {
  readonly event: NotificationEvent;
  /** The template's id at Opa! Suite (24 hexadecimal characters). */
  readonly templateId: string;
  readonly variables: readonly TemplateVariable[];
}

export interface NotificationTemplates {
  readonly items: readonly NotificationTemplate[];
}

export const NO_TEMPLATES: NotificationTemplates = { items: [] };

/** Each event once; each variable one its event can fill. Answers the fields at fault. */
export function templateProblems(templates: NotificationTemplates): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<NotificationEvent>();
  templates.items.forEach((template, i) => {
    if (seen.has(template.event))
      problems.push({ field: `items/${i}/event`, message: `'${template.event}' has a template already.` });
    seen.add(template.event);
    template.variables.forEach((variable, j) => {
      if (ONLY_FOR[variable] && !ONLY_FOR[variable](template.event))
        problems.push({
          field: `items/${i}/variables/${j}`,
          message: `'${variable}' cannot be filled for '${template.event}'.`,
        });
    });
  });
  return problems;
}

export const templateFor = (templates: NotificationTemplates, event: NotificationEvent) =>
  templates.items.find((t) => t.event === event) ?? null;

/** What the variables are filled from. */
export interface NotificationFacts {
  readonly customer: { readonly name: string };
  readonly contract: { readonly id: string; readonly description: string | null };
  readonly reason?: string | null;
  readonly trustReleaseEndsOn?: string | null;
  readonly charge?: { readonly amountCents: number; readonly dueDate: string; readonly competence: string };
}

/** The template's variables filled in, as the customer reads them (R$ 129,90; 10/10/2026). */
export function fillVariables(variables: readonly TemplateVariable[], facts: NotificationFacts): string[] {
  return variables.map((variable) => {
    switch (variable) {
      case 'customer.name':
        return facts.customer.name;
      case 'customer.firstName':
        return facts.customer.name.trim().split(/\s+/)[0] ?? '';
      case 'contract.id':
        return facts.contract.id;
      case 'contract.description':
        return facts.contract.description ?? '';
      case 'event.reason':
        return facts.reason ?? '';
      case 'trustRelease.endsOn':
        return facts.trustReleaseEndsOn ? brazilianDate(facts.trustReleaseEndsOn) : '';
      case 'charge.amount':
        return facts.charge ? formatBrl(facts.charge.amountCents) : '';
      case 'charge.dueDate':
        return facts.charge ? brazilianDate(facts.charge.dueDate) : '';
      case 'charge.competence':
        return facts.charge ? `${facts.charge.competence.slice(5, 7)}/${facts.charge.competence.slice(0, 4)}` : '';
    }
  });
}

/** pending: on its way; sent: Opa! Suite took it; failed: refused for good; skipped: not sent, and why. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface Notification {
  readonly id: string;
  readonly contractId: string;
  readonly chargeId: string | null;
  readonly event: NotificationEvent;
  readonly integrationId: string | null;
  readonly templateId: string;
  /** The customer's mobile phone, +55 E.164; null when the customer has none (skipped). */
  readonly phone: string | null;
  readonly variables: readonly string[];
  readonly status: NotificationStatus;
  /** Opa! Suite's id of the message sent. */
  readonly messageId: string | null;
  /** Why it failed or was skipped. */
  readonly error: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export interface SendTemplateEffect {
  readonly action: 'send_template';
  readonly notificationId: string;
}

export const notificationEffect = (
  notification: Pick<Notification, 'id' | 'contractId' | 'integrationId'>,
): OutboxEffect<SendTemplateEffect> => ({
  target: { kind: 'notification', id: notification.id },
  platform: 'opa_suite',
  integrationId: notification.integrationId,
  contractId: notification.contractId,
  action: 'send_template',
  // A customer reads a contract's messages in the order its events happened.
  orderingKey: `notification:contract:${notification.contractId}`,
  payload: { action: 'send_template', notificationId: notification.id },
});
