/** A line's state on TeleCall (PARTNERS.md, our contract). */
export type TelecallLineState = 'pending' | 'active' | 'blocked_partial' | 'blocked_total' | 'cancelled';

/**
 * TeleCall, the MVNO (PARTNERS.md: no public API; this is our contract). Lines are addressed by
 * their number. Operations may finish later; each method returns once TeleCall shows the line in
 * the state it asked for, or fails. Already in that state is success. Failures are PartnerErrors.
 */
export interface TelecallPlatform {
  activateLine(line: { readonly reference: string; readonly msisdn: string; readonly iccid: string; readonly plan: string }): Promise<void>;
  blockLine(msisdn: string, mode: 'total' | 'partial'): Promise<void>;
  unblockLine(msisdn: string): Promise<void>;
  cancelLine(msisdn: string): Promise<void>;
  getLine(msisdn: string): Promise<TelecallLineState | null>;
}
