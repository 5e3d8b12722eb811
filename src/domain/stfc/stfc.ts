import type { OutboxEffect } from '../deliveries/delivery';

/** A Summit integration as the API shows it: never its credentials. */
export interface StfcIntegration {
  readonly id: string;
  readonly description: string | null;
  /** Summit's base URL. */
  readonly url: string;
  /** Set when Summit refused the credentials; cleared by new ones. */
  readonly authError: { readonly at: Date; readonly message: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What Summit takes to let Ponte in: a token, sealed at rest. */
export interface StfcCredentials {
  readonly token: string;
}

/**
 * pending: waiting for Summit to provision the line; active: provisioned. A deleted service (its
 * product left the contract) keeps its status and gains `deletedAt`.
 */
export const STFC_SERVICE_STATUSES = ['pending', 'active'] as const;
export type StfcServiceStatus = (typeof STFC_SERVICE_STATUSES)[number];

/** The Summit telephony service of a contract: a product of type stfc on it (seed 001). */
export interface StfcService {
  readonly id: string;
  readonly contractId: string;
  /** The contract item that sells it; null once the item is gone. */
  readonly contractItemId: string | null;
  readonly integrationId: string;
  /** The fixed line's number (E.164). */
  readonly number: string;
  readonly plan: string;
  readonly status: StfcServiceStatus;
  readonly provisionedAt: Date | null;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** provision_line: put the line on Summit; update_line: set its plan and closing day to Ponte's (reconciliation). */
export type StfcAction = 'provision_line' | 'update_line';

/** What the Summit handler needs to provision a service: the closing day is the contract's. */
export interface StfcEffect {
  readonly action: StfcAction;
  readonly service: {
    readonly stfcServiceId: string;
    readonly contractId: string;
    readonly number: string;
    readonly plan: string;
    readonly closingDay: number;
  };
}

/** The outbox row that provisions a service on Summit, in order per service. */
export const stfcServiceEffect = (
  action: StfcAction,
  service: StfcService,
  closingDay: number,
): OutboxEffect<StfcEffect> => ({
  target: { kind: 'stfc_service', id: service.id },
  platform: 'summit',
  integrationId: service.integrationId,
  contractId: service.contractId,
  action,
  orderingKey: `stfc_service:${service.id}`,
  payload: {
    action,
    service: {
      stfcServiceId: service.id,
      contractId: service.contractId,
      number: service.number,
      plan: service.plan,
      closingDay,
    },
  },
});

/** Valor eventual: an amount for one competence, linked to the contract's Summit service or not. */
export interface OneOffValue {
  readonly id: string;
  readonly contractId: string;
  readonly stfcServiceId: string | null;
  readonly competence: string;
  readonly amountCents: number;
  readonly description: string;
  readonly actor: string;
  readonly createdAt: Date;
}

/** Evento de faturamento zerado: the contract is not billed for the competence (null: for any). */
export interface ZeroBillingEvent {
  readonly id: string;
  readonly contractId: string;
  readonly competence: string | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly createdAt: Date;
}
