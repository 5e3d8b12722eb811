/**
 * The provider's softswitch (our contract, PARTNERS.md: no public API): SIP lines addressed by
 * Ponte's id for them (`reference`). Every operation is safe to repeat: creating a line that is
 * already there, or deleting one that is gone, succeeds. Failures are PartnerErrors.
 */
export interface VoipPlatform {
  createLine(line: { readonly reference: string; readonly extension: string; readonly number: string; readonly password: string | null }): Promise<void>;
  blockLine(reference: string): Promise<void>;
  unblockLine(reference: string): Promise<void>;
  cancelLine(reference: string): Promise<void>;
  updateLine(reference: string, changes: { readonly password: string | null }): Promise<void>;
  deleteLine(reference: string): Promise<void>;
}
