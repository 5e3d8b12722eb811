import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { SyncStatus } from '../deliveries/delivery';
import type { MvnoLine } from './mvno-line';

/* What the MVNO area needs from storage: TeleCall lines. */

export interface MvnoLineRepository {
  /** Fails with MVNO_MSISDN_TAKEN or MVNO_ICCID_TAKEN when a live line already has it. */
  create(line: MvnoLine): Promise<Result<MvnoLine>>;
  findById(id: string): Promise<MvnoLine | null>;
  lockById(id: string): Promise<MvnoLine | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<MvnoLine>>;
  update(id: string, fields: Partial<Pick<MvnoLine, 'plan' | 'status'>>, now: Date): Promise<MvnoLine>;
  /** TeleCall finished activating the line: pending becomes active (any other status stays). */
  markActivated(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SyncStatus>>;
}

/** A line's state on TeleCall (docs/partners.md, our contract). */
export type TelecallLineState = 'pending' | 'active' | 'blocked_partial' | 'blocked_total' | 'cancelled';

/**
 * TeleCall, the MVNO (docs/partners.md: no public API; this is our contract). Lines are addressed by
 * their number. Operations may finish later; each method returns once TeleCall shows the line in
 * the state it asked for, or fails. Already in that state is success. Failures are PartnerErrors.
 */
export interface TelecallPlatform {
  activateLine(line: {
    readonly reference: string;
    readonly msisdn: string;
    readonly iccid: string;
    readonly plan: string;
  }): Promise<void>;
  blockLine(msisdn: string, mode: 'total' | 'partial'): Promise<void>;
  unblockLine(msisdn: string): Promise<void>;
  cancelLine(msisdn: string): Promise<void>;
  getLine(msisdn: string): Promise<TelecallLineState | null>;
  /** Every line TeleCall holds for the provider, a page at a time in number order, for reconciliation. */
  listLines(page: { readonly cursor: string | null; readonly limit: number }): Promise<TelecallLinePage>;
}

/** A line as TeleCall shows it; `reference` is Ponte's line id, sent when it was activated. */
export interface TelecallLine {
  readonly reference: string;
  readonly msisdn: string;
  readonly iccid: string;
  readonly plan: string;
  readonly status: TelecallLineState;
}

export interface TelecallLinePage {
  readonly lines: readonly TelecallLine[];
  /** The cursor of the next page; null after the last one. */
  readonly next: string | null;
}
