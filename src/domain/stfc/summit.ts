/* Summit, the STFC billing platform, as the STFC area sees it: its port. */

/** A month's billing of one contract on Summit (docs/partners.md): a total to add to the charge and its items. */
export interface SummitBilling {
  /** False while Summit has not closed the month yet: nothing can be billed from it. */
  readonly closed: boolean;
  readonly totalCents: number;
  readonly items: readonly { readonly description: string; readonly amountCents: number }[];
}

/** One call as Summit bills it; `callId` is Summit's, the key that deduplicates a re-import. */
export interface SummitCallRecord {
  readonly callId: string;
  readonly startedAt: Date;
  readonly origin: string;
  readonly destination: string;
  /** local, long_distance, mobile, international… as Summit names it. */
  readonly kind: string;
  readonly durationSeconds: number;
  readonly billedSeconds: number;
  readonly amountCents: number;
}

/** A line as Summit holds it, by Ponte's contract id. */
export interface SummitLine {
  readonly contractRef: string;
  readonly number: string;
  readonly plan: string;
  readonly closingDay: number;
}

export interface SummitLinePage {
  readonly lines: readonly SummitLine[];
  /** The cursor of the next page; null after the last one. */
  readonly next: string | null;
}

/**
 * Summit, the STFC billing platform (our contract, docs/partners.md: no public API). Contracts are
 * addressed by Ponte's contract id (`contractRef`). Provisioning is safe to repeat. Failures are
 * PartnerErrors; an unknown contract is `rejected`.
 */
export interface SummitPlatform {
  /** Puts the line on Summit with the contract's closing day. */
  provisionLine(line: {
    readonly contractRef: string;
    readonly number: string;
    readonly plan: string;
    readonly closingDay: number;
  }): Promise<void>;
  /** Sets a provisioned line's plan and closing day (Ponte's), for reconciliation's repairs. */
  updateLine(contractRef: string, changes: { readonly plan: string; readonly closingDay: number }): Promise<void>;
  /** Every line Summit holds, a page at a time in contract order, for reconciliation. */
  listLines(page: { readonly cursor: string | null; readonly limit: number }): Promise<SummitLinePage>;
  getBilling(contractRef: string, competence: string): Promise<SummitBilling>;
  /** The month's calls, page by page (a page may repeat calls of another: dedupe by callId). */
  callRecords(contractRef: string, competence: string): AsyncIterable<readonly SummitCallRecord[]>;
}
