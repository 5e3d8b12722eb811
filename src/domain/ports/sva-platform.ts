import type { FailureKind } from '../deliveries/delivery';
import type { SvaUserStatus } from '../sva/sva';

export interface SvaPackage {
  readonly code: string;
  readonly name: string;
}

/** A user as the platform itself sees it. */
export interface PlatformUser {
  readonly externalId: string;
  /** Ponte's id for the user: the subscription's identity on the platform. */
  readonly reference: string;
  readonly username: string;
  readonly document: string;
  readonly status: SvaUserStatus;
  readonly packageCode: string;
  readonly mobilePhone: string;
}

export interface NewPlatformUser {
  readonly username: string;
  readonly document: string;
  readonly email: string | null;
  readonly name: string;
  readonly mobilePhone: string;
  readonly packageCode: string;
  readonly password: string | null;
  /**
   * Ponte's id for the user. It identifies the subscription on the platform: creating again with
   * the same reference is harmless, and the same CPF under another reference is another
   * subscription (two contracts of one customer).
   */
  readonly reference: string;
}

/**
 * A value-added-service platform (Saber+, EXA). Users are addressed by their reference (Ponte's
 * SVA user id), never by CPF or e-mail, so an effect can only reach the subscription it was
 * meant for. Every operation is safe to repeat: creating a reference that exists returns it,
 * blocking a blocked user succeeds, deleting a user that is gone succeeds. Failures are thrown
 * as PartnerError.
 */
export interface SvaPlatform {
  listPackages(): Promise<readonly SvaPackage[]>;
  createUser(user: NewPlatformUser): Promise<{ readonly externalId: string }>;
  getUser(reference: string): Promise<PlatformUser | null>;
  blockUser(reference: string): Promise<void>;
  unblockUser(reference: string): Promise<void>;
  deactivateUser(reference: string): Promise<void>;
  updateUser(reference: string, changes: { readonly mobilePhone: string; readonly password: string | null }): Promise<void>;
  deleteUser(reference: string): Promise<void>;
}

/** A partner call that failed, classified for the dispatcher (PARTNERS.md). */
export class PartnerError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PartnerError';
  }
}
