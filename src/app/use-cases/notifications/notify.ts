import {
  fillVariables,
  NOTIFICATION_EVENTS,
  notificationEffect,
  templateFor,
  type Notification,
  type NotificationEvent,
} from '../../../domain/notifications/notification';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { IntegrationSettings } from '../../../domain/settings/integration-settings';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { ContractEventFollower, UseCaseDeps } from '../deps';

/** Something a customer is told about, and what fills its template. */
export interface NotificationRequest {
  readonly event: NotificationEvent;
  readonly contractId: string;
  /** What caused it (a contract event's id, a charge's id): the delivery's idempotency. */
  readonly cause: string;
  readonly reason?: string | null;
  readonly charge?: {
    readonly id: string;
    readonly amountCents: number;
    readonly dueDate: string;
    readonly competence: string;
  };
}

/**
 * The notifications of these events, in the caller's transaction: for each event that has a
 * template, while a default Opa! Suite channel is set, a notification to the customer's mobile
 * phone goes to the outbox (a customer without one is recorded as skipped). Answers how many were
 * queued. Without templates this costs one read.
 */
export async function queueNotifications(
  repos: Repositories,
  deps: Pick<UseCaseDeps, 'ids'>,
  requests: readonly NotificationRequest[],
  now: Date,
  known?: IntegrationSettings,
): Promise<number> {
  if (requests.length === 0) return 0;
  const { settings: templates } = await repos.notificationTemplates.get();
  const wanted = requests.filter((request) => templateFor(templates, request.event) !== null);
  if (wanted.length === 0) return 0;
  const settings = known ?? (await repos.settings.get()).settings;
  const integrationId = settings.communicationChannel.defaultOpaSuiteIntegrationId;
  if (integrationId === null) return 0;
  const recipients = await repos.notifications.recipients([...new Set(wanted.map((r) => r.contractId))]);
  const notifications: Notification[] = [];
  for (const request of wanted) {
    const recipient = recipients.get(request.contractId);
    if (!recipient) continue;
    const template = templateFor(templates, request.event)!;
    const variables = fillVariables(template.variables, {
      customer: { name: recipient.customerName },
      contract: { id: request.contractId, description: recipient.contractDescription },
      reason: request.reason ?? null,
      trustReleaseEndsOn: recipient.trustReleaseEndsOn,
      ...(request.charge ? { charge: request.charge } : {}),
    });
    notifications.push({
      id: deps.ids.next(),
      contractId: request.contractId,
      chargeId: request.charge?.id ?? null,
      event: request.event,
      integrationId,
      templateId: template.templateId,
      phone: recipient.mobilePhone,
      variables,
      status: recipient.mobilePhone ? 'pending' : 'skipped',
      messageId: null,
      error: recipient.mobilePhone ? null : 'The customer has no mobile phone.',
      createdAt: now,
      sentAt: null,
    });
  }
  await repos.notifications.insert(notifications);
  const pending = notifications.filter((n) => n.status === 'pending');
  const causes = new Map(wanted.map((r) => [`${r.contractId}:${r.event}`, r.cause]));
  await repos.outbox.enqueue(
    pending.map((n) => ({
      id: deps.ids.next(),
      cause: `${causes.get(`${n.contractId}:${n.event}`)}:${n.id}`,
      effect: notificationEffect(n),
    })),
    now,
  );
  return pending.length;
}

export function makeListContractNotifications({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<Notification>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.notifications.listByContract(contractId, page));
  };
}

/** The customer is told of the contract events that have a notification template. */
export const notificationsContractEventFollower: ContractEventFollower = {
  async afterEvents(repos, deps, changed, now, settings) {
    const requests = changed
      .filter(({ event }) => (NOTIFICATION_EVENTS as readonly string[]).includes(event.type))
      .map(({ contract, event }) => ({
        event: event.type as NotificationEvent,
        contractId: contract.id,
        cause: event.id,
        reason: event.reason,
      }));
    return { queued: await queueNotifications(repos, deps, requests, now, settings) };
  },
};
