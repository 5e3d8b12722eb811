import type { CallCommand } from '../pbx/capabilities';
import type { CallEvent, ExtensionStatus } from '../pbx/call';

/**
 * One port for every PBX (PARTNERS.md, PBX / CTI): dial from an extension, command a call, ask an
 * extension's status, and read the events the PBX pushes. Failures are PartnerErrors.
 */
export interface PbxPlatform {
  /** Checks the connection and the credentials; throws saying what failed. */
  test(): Promise<void>;
  /** Rings the extension first, then `to`; answers the PBX's id of the call. */
  originate(call: { readonly extension: string; readonly to: string; readonly reference: string }): Promise<{ readonly callId: string }>;
  command(callId: string, command: CallCommand, args: { readonly to?: string }): Promise<void>;
  extensionStatus(extension: string): Promise<ExtensionStatus>;
  /** The call's recording: its audio, or null when the PBX holds none (yet). Only where the PBX records. */
  recording(callId: string): Promise<{ readonly contentType: string; readonly audio: Buffer } | null>;
  /** Calls `to` and plays the call's recording once answered (seed 004, "Reproduzir Gravação"). */
  playRecording(callId: string, to: string): Promise<{ readonly callId: string }>;
  /**
   * Keeps the PBX sending its events to `callbackUrl` (with `secret`): renews `subscriptionId` or,
   * gone, makes a new one. Null for a PBX that needs none (it pushes on its own).
   */
  subscribeEvents(request: { readonly callbackUrl: string; readonly secret: string; readonly subscriptionId: string | null }): Promise<{ readonly subscriptionId: string; readonly expiresInSeconds: number } | null>;
  /** The call events in a body the PBX pushed, normalised; null when it is not one this PBX sends. */
  readEvents(payload: unknown): readonly CallEvent[] | null;
}
