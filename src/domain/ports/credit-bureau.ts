import type { CreditReport, Debt } from '../credit/credit';
import type { DocumentType } from '../customers/document';

/** What a bureau's webhook says about a debt: the bureau's id of it and where it stands now. */
export interface DebtNews {
  readonly requestId: string;
  readonly state: 'registered' | 'failed' | 'removed';
  readonly message: string | null;
}

/**
 * One port for every credit bureau (PARTNERS.md): consults answer at once; a debt is registered
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
