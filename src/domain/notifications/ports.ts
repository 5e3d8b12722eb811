import type { Page, PageRequest } from '../ports/page';
import type { Notification } from './notification';
import type { OpaSuiteIntegration } from './opa-suite';

/* What the notifications area needs from storage: Opa! Suite integrations and what each customer was told. */

export interface OpaSuiteIntegrationRecord extends OpaSuiteIntegration {
  readonly sealedCredentials: string;
}

export interface OpaSuiteRepository {
  createIntegration(integration: OpaSuiteIntegrationRecord): Promise<OpaSuiteIntegration>;
  findIntegration(id: string): Promise<OpaSuiteIntegrationRecord | null>;
  listIntegrations(page: PageRequest): Promise<Page<OpaSuiteIntegration>>;
  updateIntegration(
    id: string,
    fields: Partial<
      Pick<OpaSuiteIntegrationRecord, 'description' | 'url' | 'channelId' | 'sealedCredentials' | 'authError'>
    >,
    now: Date,
  ): Promise<OpaSuiteIntegration | null>;
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Answers whether there was one. */
  deleteIntegration(id: string): Promise<boolean>;
}

/** Who a contract's notifications go to. */
export interface NotificationRecipient {
  readonly contractId: string;
  readonly contractDescription: string | null;
  readonly customerName: string;
  readonly mobilePhone: string | null;
  /** During a trust release, its last day (YYYY-MM-DD). */
  readonly trustReleaseEndsOn: string | null;
}

/** An open charge past its due date whose customer was not told yet. */
export interface NewlyOverdueCharge {
  readonly chargeId: string;
  readonly contractId: string;
  readonly dueCents: number;
  readonly dueDate: string;
  readonly competence: string;
}

export interface NotificationRepository {
  insert(notifications: readonly Notification[]): Promise<void>;
  find(id: string): Promise<Notification | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<Notification>>;
  update(id: string, fields: Partial<Pick<Notification, 'status' | 'messageId' | 'error' | 'sentAt'>>): Promise<void>;
  recipients(contractIds: readonly string[]): Promise<ReadonlyMap<string, NotificationRecipient>>;
  /**
   * Marks told the open charges overdue on `today` (due before it) not told yet, and answers them:
   * each charge is taken once, whatever runs at the same time.
   */
  takeNewlyOverdue(today: string, now: Date): Promise<readonly NewlyOverdueCharge[]>;
}

/** A message template as Opa! Suite lists it. */
export interface OpaSuiteTemplate {
  readonly id: string;
  readonly name: string;
  /** How many variables the template takes (a send must fill exactly these). */
  readonly variableCount: number | null;
}

/**
 * Opa! Suite, the omnichannel platform (docs/partners.md): templates sent to a customer's WhatsApp
 * through a channel. A 200 whose `status` is not `success` is a rejection. Failures are
 * PartnerErrors.
 */
export interface OpaSuitePlatform {
  sendTemplate(message: {
    readonly phone: string;
    readonly name: string | null;
    readonly templateId: string;
    readonly variables: readonly string[];
    readonly channelId: string;
  }): Promise<{ readonly messageId: string }>;
  listTemplates(): Promise<readonly OpaSuiteTemplate[]>;
}
