/** An Opa! Suite tenant: its API address, the channel messages go out through, and its token (sealed). */
export interface OpaSuiteIntegration {
  readonly id: string;
  readonly description: string | null;
  /** `https://<tenant domain>/api/v1`. */
  readonly url: string;
  /** The communication channel (canal) messages are sent through: 24 hexadecimal characters. */
  readonly channelId: string;
  /** Opa! Suite refused the token (regenerated, or outside its allowed networks); cleared when it changes. */
  readonly authError: { readonly at: Date; readonly message: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface OpaSuiteCredentials {
  readonly token: string;
}
