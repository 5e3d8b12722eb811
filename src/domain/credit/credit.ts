import type { DocumentType } from '../customers/document';
import type { OutboxEffect } from '../deliveries/delivery';

/** The credit bureaus Ponte speaks to (docs/partners.md, "Credit bureaus"). */
export const BUREAUS = ['serasa', 'spc', 'boa_vista', 'quod'] as const;
export type Bureau = (typeof BUREAUS)[number];

/** A login at a bureau. Serasa keeps one for consults and another for negativation. */
export interface BureauLogin {
  readonly username: string;
  readonly password: string;
}

/** What is sealed: the consult login, and the negativation one when the bureau has a separate one. */
export interface CreditCredentials {
  readonly consult: BureauLogin;
  readonly negativation: BureauLogin | null;
}

export interface CreditIntegration {
  readonly id: string;
  readonly bureau: Bureau;
  readonly description: string | null;
  readonly url: string;
  /** Consults and negativations go through active integrations only. */
  readonly active: boolean;
  /** The bureau refused the credentials; cleared when they change. */
  readonly authError: { readonly at: Date; readonly message: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One restriction a bureau reports on a document (a debt registered by a creditor, a protest…). */
export interface CreditRestriction {
  readonly kind: string;
  readonly creditor: string | null;
  readonly amountCents: number | null;
  readonly date: string | null;
}

/** A bureau's answer about a CPF/CNPJ (the port's `consult`). */
export interface CreditReport {
  readonly name: string | null;
  /** The document's standing at the Receita Federal, as the bureau reports it (REGULAR, SUSPENSA…). */
  readonly registrationStatus: string | null;
  readonly score: number | null;
  readonly restrictions: readonly CreditRestriction[];
  readonly raw: unknown;
}

/** The most of a bureau's raw answer a consult keeps (docs/security.md); a larger one is kept as its size. */
export const RAW_ANSWER_LIMIT_BYTES = 256 * 1024;

/** What a consult keeps of a bureau's raw answer: all of it, or, past the limit, what it was. */
export function rawToKeep(raw: unknown): unknown {
  const bytes = new TextEncoder().encode(JSON.stringify(raw) ?? 'null').byteLength;
  if (bytes <= RAW_ANSWER_LIMIT_BYTES) return raw;
  return {
    omitted: `The bureau's answer was ${Math.ceil(bytes / 1024)} KiB, more than the ${RAW_ANSWER_LIMIT_BYTES / 1024} KiB kept of it; its fields are in the consult.`,
  };
}

export const CONSULTATION_STATUSES = ['completed', 'failed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** A consult as stored: who asked, for what, and what the bureau said (LGPD). */
export interface CreditConsultation {
  readonly id: string;
  readonly integrationId: string | null;
  readonly bureau: Bureau;
  readonly document: string;
  readonly documentType: DocumentType;
  readonly purpose: string;
  readonly actor: string;
  readonly status: ConsultationStatus;
  readonly name: string | null;
  readonly registrationStatus: string | null;
  readonly score: number | null;
  readonly restrictions: readonly CreditRestriction[];
  /** Null once its retention ended (or for a failed consult). */
  readonly raw: unknown;
  readonly rawExpiresAt: Date | null;
  readonly error: string | null;
  /** Made inside the consult interval, with the confirmation the guard asked for. */
  readonly confirmed: boolean;
  readonly consultedAt: Date;
}

/**
 * pending: sent (or being sent) to the bureau, its answer not in yet; registered: the debt is on
 * the bureau; failed: the bureau refused it; removed: taken off (after payment, or by mistake).
 */
export const NEGATIVATION_STATES = ['pending', 'registered', 'failed', 'removed'] as const;
export type NegativationState = (typeof NEGATIVATION_STATES)[number];

export interface Negativation {
  readonly id: string;
  readonly contractId: string;
  readonly chargeId: string;
  readonly integrationId: string;
  readonly bureau: Bureau;
  readonly state: NegativationState;
  /** The bureau's id of the debt, once the request reached it. */
  readonly requestId: string | null;
  /** The bureau's words when it refused the debt. */
  readonly message: string | null;
  readonly amountCents: number;
  readonly dueDate: string;
  readonly actor: string;
  readonly registeredAt: Date | null;
  readonly failedAt: Date | null;
  readonly removedAt: Date | null;
  /** When the bureau confirmed the removal. */
  readonly removalConfirmedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A live negativation holds the debt at the bureau (or is on its way there). */
export const isLiveNegativation = (n: Pick<Negativation, 'state'>) => n.state === 'pending' || n.state === 'registered';

/** The debt as a bureau registers it. */
export interface Debt {
  readonly debtor: { readonly document: string; readonly documentType: DocumentType; readonly name: string };
  /** Ponte's negativation id: the bureau's "contract number" of the debt, unique per debt. */
  readonly contractNumber: string;
  readonly amountCents: number;
  readonly dueDate: string;
}

export type NegativationEffect =
  | { readonly action: 'register_debt'; readonly negativationId: string; readonly debt: Debt }
  | { readonly action: 'remove_debt'; readonly negativationId: string };

export function negativationEffect(
  negativation: Pick<Negativation, 'id' | 'contractId' | 'integrationId' | 'bureau'>,
  effect: NegativationEffect,
): OutboxEffect<NegativationEffect> {
  const target = { kind: 'negativation' as const, id: negativation.id };
  return {
    target,
    platform: negativation.bureau,
    integrationId: negativation.integrationId,
    contractId: negativation.contractId,
    action: effect.action,
    orderingKey: `negativation:${negativation.id}`,
    payload: effect,
  };
}
