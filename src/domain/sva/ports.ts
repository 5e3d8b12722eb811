import type { SyncStatus } from '../deliveries/delivery';
import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { SvaIntegration, SvaPlatformName, SvaUser, SvaUserStatus } from './sva';

/* What the SVA area needs from storage: integrations and users. */

/** An integration with its sealed credentials, for the code that calls the platform. */
export interface SvaIntegrationRecord extends SvaIntegration {
  readonly sealedCredentials: string;
}

export interface SvaIntegrationRepository {
  /** Fails with SVA_INTEGRATION_SABER_PLUS_EXISTS when a second Saber+ integration is created. */
  create(integration: SvaIntegrationRecord): Promise<Result<SvaIntegration>>;
  findById(id: string): Promise<SvaIntegrationRecord | null>;
  /** Keeps the integration from being deleted until the transaction ends; false when it does not exist. */
  lockForReference(id: string): Promise<boolean>;
  list(filter: { readonly platform?: SvaPlatformName }, page: PageRequest): Promise<Page<SvaIntegration>>;
  update(
    id: string,
    fields: Partial<
      Pick<SvaIntegrationRecord, 'description' | 'url' | 'autoCreateUsers' | 'sealedCredentials' | 'authError'>
    >,
    now: Date,
  ): Promise<SvaIntegration | null>;
  /** The platform refused the credentials: shown as `authError` until they change. */
  recordAuthError(id: string, message: string, at: Date): Promise<void>;
  /** Fails with SVA_INTEGRATION_IN_USE while products or users refer to it. */
  delete(id: string): Promise<Result<void>>;
}

export interface SvaUserRecord extends SvaUser {
  readonly sealedPassword: string | null;
}

/** Where an SVA user's effects stand on its platform. */
export type SvaSyncStatus = SyncStatus;

export interface SvaUserRepository {
  /**
   * Fails with SVA_USER_CPF_TAKEN when the contract already has a Saber+ user with this document,
   * SVA_USER_PRODUCT_TAKEN when the EXA product already has its user on the contract, and
   * SVA_USER_EMAIL_TAKEN when another person's user of the EXA integration has the e-mail.
   * Runs inside a transaction (the e-mail check holds a lock to its end).
   */
  create(user: SvaUserRecord): Promise<Result<SvaUserRecord>>;
  findById(id: string): Promise<SvaUserRecord | null>;
  listByContract(contractId: string, page: PageRequest): Promise<Page<SvaUserRecord>>;
  /** Every user of these contracts (read under the contracts' locks). */
  listAllByContracts(contractIds: readonly string[]): Promise<readonly SvaUserRecord[]>;
  update(
    id: string,
    fields: Partial<Pick<SvaUserRecord, 'mobilePhone' | 'sealedPassword' | 'status'>>,
    now: Date,
  ): Promise<SvaUserRecord>;
  delete(id: string): Promise<void>;
  syncStatuses(ids: readonly string[]): Promise<ReadonlyMap<string, SvaSyncStatus>>;
}

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
  /** EXA: the user's e-mail (its user name); null where the platform keeps none (Saber+). */
  readonly email: string | null;
  readonly status: SvaUserStatus;
  readonly packageCode: string;
  readonly mobilePhone: string;
}

/** One page of a platform's users, in the order of their references, and where the next starts. */
export interface PlatformUserPage {
  readonly users: readonly PlatformUser[];
  /** The cursor of the next page; null after the last one. */
  readonly next: string | null;
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
  /** Sets the user's mobile phone and package (Ponte's), and its password when one is given. */
  updateUser(
    reference: string,
    changes: { readonly mobilePhone: string; readonly packageCode: string; readonly password: string | null },
  ): Promise<void>;
  deleteUser(reference: string): Promise<void>;
  /** Every user of the tenant, a page at a time (`cursor` null: the first page), for reconciliation. */
  listUsers(page: { readonly cursor: string | null; readonly limit: number }): Promise<PlatformUserPage>;
}
