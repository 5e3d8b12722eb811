/** A message template as Opa! Suite lists it. */
export interface OpaSuiteTemplate {
  readonly id: string;
  readonly name: string;
  /** How many variables the template takes (a send must fill exactly these). */
  readonly variableCount: number | null;
}

/**
 * Opa! Suite, the omnichannel platform (PARTNERS.md): templates sent to a customer's WhatsApp
 * through a channel. A 200 whose `status` is not `success` is a rejection. Failures are
 * PartnerErrors.
 */
export interface OpaSuitePlatform {
  sendTemplate(message: {
    readonly phone: string;
    readonly name: string | null;
    readonly templateId: string;
    readonly variables: readonly string[];
    readonly channelId: string;
  }): Promise<{ readonly messageId: string }>;
  listTemplates(): Promise<readonly OpaSuiteTemplate[]>;
}
