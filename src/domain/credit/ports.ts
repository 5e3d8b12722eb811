import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { PreviousConsult } from './consult-guard';
import type {
  Bureau,
  CreditConsultation,
  CreditIntegration,
  Negativation,
  NegativationState,
  CreditReport,
  Debt,
} from './credit';
import type { DocumentType } from '../customers/document';

/* What the credit area needs from storage: bureaus, consults and negativations. */

export interface CreditIntegrationRecord extends CreditIntegration {
  readonly sealedCredentials: string;
  readonly sealedWebhookSecret: string;
}

export interface ConsultationFilter {
  readonly document?: string;
  /** Consulted at or after. */
  readonly from?: Date;
  /** Consulted before. */
  readonly to?: Date;
}

export interface NegativationFilter {
  readonly contractId?: string;
  readonly state?: NegativationState;
}

export interface CreditRepository {
  createIntegration(integration: CreditIntegrationRecord): Promise<CreditIntegration>;
  findIntegration(id: string): Promise<CreditIntegrationRecord | null>;
  listIntegrations(page: PageRequest): Promise<Page<CreditIntegration>>;
  /** Every integration of a bureau, with its credentials (the sandbox admits only those). */
  integrationsOf(bureau: Bureau): Promise<readonly CreditIntegrationRecord[]>;
  updateIntegration(
    id: string,
    fields: Partial<
      Pick<
        CreditIntegrationRecord,
        'description' | 'url' | 'active' | 'sealedCredentials' | 'sealedWebhookSecret' | 'authError'
      >
    >,
    now: Date,
  ): Promise<CreditIntegration | null>;
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Fails with CREDIT_INTEGRATION_IN_USE while negativations name it. */
  deleteIntegration(id: string): Promise<Result<void>>;
  /** Active integrations, oldest first. */
  activeIntegrations(): Promise<readonly CreditIntegration[]>;
  /** The latest completed consult of a document, for the consult-interval guard. */
  lastCompletedConsult(document: string): Promise<PreviousConsult | null>;
  saveConsultation(consultation: CreditConsultation): Promise<CreditConsultation>;
  findConsultation(id: string): Promise<CreditConsultation | null>;
  /** Newest first. */
  listConsultations(filter: ConsultationFilter, page: PageRequest): Promise<Page<CreditConsultation>>;
  /** Drops the raw answers whose retention ended; answers how many. */
  purgeRawAnswers(now: Date): Promise<number>;
  /** Fails with NEGATIVATION_EXISTS when the charge already has a live one. */
  createNegativation(negativation: Negativation): Promise<Result<Negativation>>;
  findNegativation(id: string): Promise<Negativation | null>;
  /** The negativation, locked until the transaction ends. */
  lockNegativation(id: string): Promise<Negativation | null>;
  /** By the bureau's id of the debt, locked until the transaction ends. */
  lockNegativationByRequest(integrationId: string, requestId: string): Promise<Negativation | null>;
  listNegativations(filter: NegativationFilter, page: PageRequest): Promise<Page<Negativation>>;
  updateNegativation(
    id: string,
    fields: Partial<
      Pick<
        Negativation,
        'state' | 'requestId' | 'message' | 'registeredAt' | 'failedAt' | 'removedAt' | 'removalConfirmedAt'
      >
    >,
    now: Date,
  ): Promise<Negativation>;
  /** How many live (pending or registered) negativations the contract has. */
  countLiveNegativations(contractId: string): Promise<number>;
}

/** What a bureau's webhook says about a debt: the bureau's id of it and where it stands now. */
export interface DebtNews {
  readonly requestId: string;
  readonly state: 'registered' | 'failed' | 'removed';
  readonly message: string | null;
}

/**
 * One port for every credit bureau (docs/partners.md): consults answer at once; a debt is registered
 * at once (SPC) or later, by webhook (Serasa's PEFIN). Registering is safe to repeat: a debt the
 * bureau already holds (same contract number) answers the one it holds. Failures are
 * PartnerErrors: `rejected` for the bureau's business refusals (bad check digit, debtor under 18),
 * `auth` for refused credentials or a caller outside the allowed networks.
 */
export interface CreditBureau {
  consult(document: { readonly number: string; readonly type: DocumentType }): Promise<CreditReport>;
  registerDebt(debt: Debt): Promise<{ readonly requestId: string; readonly state: 'pending' | 'registered' }>;
  /** Takes the debt off; a debt the bureau no longer holds is already removed. */
  removeDebt(requestId: string): Promise<void>;
  /** Reads a webhook call's body; null when it is not one this bureau sends. */
  readWebhook(payload: unknown): DebtNews | null;
}
