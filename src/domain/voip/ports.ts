import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { SyncStatus } from '../deliveries/delivery';
import type { SipLine } from './sip-line';

/* What the VoIP area needs from storage: SIP lines. */

export interface SipLineRecord extends SipLine {
  readonly sealedPassword: string | null;
}

export interface SipLineRepository {
  /** Fails with SIP_EXTENSION_TAKEN or SIP_NUMBER_TAKEN when a live line already has it. */
  create(line: SipLineRecord): Promise<Result<SipLineRecord>>;
  findById(id: string): Promise<SipLineRecord | null>;
  /** The line, locked until the transaction ends; null when it does not exist. */
  lockById(id: string): Promise<SipLineRecord | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<SipLineRecord>>;
  countByContract(contractId: string): Promise<number>;
  update(
    id: string,
    fields: Partial<Pick<SipLineRecord, 'sealedPassword' | 'status' | 'blockedWithContract'>>,
    now: Date,
  ): Promise<SipLineRecord>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SyncStatus>>;
}

/**
 * The provider's softswitch (our contract, docs/partners.md: no public API): SIP lines addressed by
 * Ponte's id for them (`reference`). Every operation is safe to repeat: creating a line that is
 * already there, or deleting one that is gone, succeeds. Failures are PartnerErrors.
 */
export interface VoipPlatform {
  createLine(line: {
    readonly reference: string;
    readonly extension: string;
    readonly number: string;
    readonly password: string | null;
  }): Promise<void>;
  blockLine(reference: string): Promise<void>;
  unblockLine(reference: string): Promise<void>;
  cancelLine(reference: string): Promise<void>;
  updateLine(reference: string, changes: { readonly password: string | null }): Promise<void>;
  deleteLine(reference: string): Promise<void>;
  /** Every line the softswitch holds, a page at a time in reference order, for reconciliation. */
  listLines(page: { readonly cursor: string | null; readonly limit: number }): Promise<SoftswitchLinePage>;
}

/** A line as the softswitch shows it; `reference` is Ponte's line id. */
export interface SoftswitchLine {
  readonly reference: string;
  readonly extension: string;
  readonly number: string;
  readonly status: 'active' | 'blocked' | 'cancelled';
}

export interface SoftswitchLinePage {
  readonly lines: readonly SoftswitchLine[];
  /** The cursor of the next page; null after the last one. */
  readonly next: string | null;
}
