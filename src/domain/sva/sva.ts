import type { OutboxEffect } from '../deliveries/delivery';
import { effectOf, payloadFieldsOf, type TargetCall } from '../deliveries/target-call';
import type { DocumentType } from '../customers/document';

export const SVA_PLATFORMS = ['saber_plus', 'exa'] as const;
export type SvaPlatformName = (typeof SVA_PLATFORMS)[number];

/** Seeds 002 and 003: Ativo, Bloqueado, Desativado. */
export const SVA_USER_STATUSES = ['active', 'blocked', 'deactivated'] as const;
export type SvaUserStatus = (typeof SVA_USER_STATUSES)[number];

/** Write-only credentials of an integration; stored encrypted, never shown. */
export type SvaCredentials = { readonly token: string } | { readonly prefix: string };

export interface SvaIntegration {
  readonly id: string;
  readonly platform: SvaPlatformName;
  readonly description: string | null;
  /** EXA: the address the platform gave the provider. Saber+ uses the configured address. */
  readonly url: string | null;
  /** EXA: create users automatically on activation or when the product is added. */
  readonly autoCreateUsers: boolean;
  /** Set when the platform refused the credentials; cleared when they change. */
  readonly authError: { readonly at: Date; readonly message: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface SvaUser {
  readonly id: string;
  readonly contractId: string;
  readonly integrationId: string;
  readonly platform: SvaPlatformName;
  readonly productId: string;
  readonly packageCode: string;
  readonly document: string;
  readonly documentType: DocumentType;
  /** The platform's key for the user: the CPF on Saber+, the e-mail on EXA. */
  readonly username: string;
  readonly email: string | null;
  readonly name: string;
  readonly mobilePhone: string;
  readonly status: SvaUserStatus;
  readonly hasPassword: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a platform needs to know about a user, copied into each effect so it survives a delete. */
export interface SvaUserSnapshot {
  readonly svaUserId: string;
  readonly integrationId: string;
  readonly platform: SvaPlatformName;
  readonly contractId: string;
  readonly username: string;
  readonly document: string;
  readonly email: string | null;
  readonly name: string;
  readonly mobilePhone: string;
  readonly packageCode: string;
}

export const SVA_ACTIONS = [
  'create_user',
  'block_user',
  'unblock_user',
  'deactivate_user',
  'update_user',
  'delete_user',
] as const;
export type SvaAction = (typeof SVA_ACTIONS)[number];

/** One thing to make happen on a platform, written to the outbox with the state change. */
export interface SvaEffect {
  readonly action: SvaAction;
  readonly user: SvaUserSnapshot;
  /** create_user, update_user: the password, sealed with the secrets key (never in clear). */
  readonly sealedPassword?: string | null;
}

/** The record's field behind each field of the snapshot. */
const SNAPSHOT_FIELDS = {
  svaUserId: 'id',
  integrationId: 'integrationId',
  platform: 'platform',
  contractId: 'contractId',
  username: 'username',
  document: 'document',
  email: 'email',
  name: 'name',
  mobilePhone: 'mobilePhone',
  packageCode: 'packageCode',
} as const satisfies Record<keyof SvaUserSnapshot, keyof SvaUser>;

/**
 * The call on an SVA user. Effects that must not overtake each other share the ordering key: those
 * of one SVA user (one subscription). On EXA the user name (the e-mail) is unique on the platform,
 * so the effects of every user under one e-mail share the key: a new user waits for the removal of
 * the previous one, instead of being refused because the e-mail is still taken there.
 */
/** The fields of a user its calls read. */
export type SvaUserCallFields = (typeof SNAPSHOT_FIELDS)[keyof typeof SNAPSHOT_FIELDS];

export const SVA_USER_CALL: TargetCall<SvaUserCallFields> = {
  kind: 'sva_user',
  platform: { field: 'platform' },
  integrationId: { field: 'integrationId' },
  orderingKey: {
    when: { field: 'platform', is: 'exa' },
    then: [{ text: 'sva:' }, { field: 'integrationId' }, { text: ':' }, { field: 'username' }],
    otherwise: [{ text: 'sva:' }, { field: 'id' }],
  },
  payload: { name: 'user', fields: SNAPSHOT_FIELDS },
  told: {
    type: 'sva_user.status_changed',
    resourceKind: 'sva_user',
    name: 'svaUser',
    fields: {
      id: { field: 'id' },
      contractId: { field: 'contractId' },
      platform: { field: 'platform' },
      integrationId: { field: 'integrationId' },
      packageCode: { field: 'packageCode' },
    },
  },
};

export const snapshotOf = (user: Pick<SvaUser, SvaUserCallFields>): SvaUserSnapshot =>
  payloadFieldsOf(SVA_USER_CALL, user) as unknown as SvaUserSnapshot;

/** An SVA effect as the outbox keeps it: its target is the SVA user; `sealedPassword` joins its payload. */
export const svaUserEffect = (
  action: SvaAction,
  user: Pick<SvaUser, SvaUserCallFields>,
  sealedPassword?: string | null,
): OutboxEffect<SvaEffect> =>
  effectOf(
    SVA_USER_CALL,
    action,
    user,
    sealedPassword !== undefined ? { sealedPassword } : {},
  ) as unknown as OutboxEffect<SvaEffect>;
