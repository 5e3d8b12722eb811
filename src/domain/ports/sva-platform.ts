import type { FailureKind } from '../delivery/delivery';
import type { SvaUserStatus } from '../sva/sva';

export interface SvaPackage {
  readonly code: string;
  readonly name: string;
}

/** A user as the platform itself sees it. */
export interface PlatformUser {
  readonly externalId: string;
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
  /** Ponte's id for the user, kept by the platform for support. */
  readonly reference: string;
}

/**
 * A value-added-service platform (Saber+, EXA). Every operation is safe to repeat: creating a
 * user that exists with the same package returns it, blocking a blocked user succeeds, deleting
 * a user that is gone succeeds. Failures are thrown as PartnerError.
 */
export interface SvaPlatform {
  listPackages(): Promise<readonly SvaPackage[]>;
  createUser(user: NewPlatformUser): Promise<{ readonly externalId: string }>;
  getUser(username: string): Promise<PlatformUser | null>;
  blockUser(username: string): Promise<void>;
  unblockUser(username: string): Promise<void>;
  deactivateUser(username: string): Promise<void>;
  updateUser(username: string, changes: { readonly mobilePhone: string; readonly password: string | null }): Promise<void>;
  deleteUser(username: string): Promise<void>;
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
