import { Type } from 'typebox';
import { SVA_PLATFORMS, SVA_USER_STATUSES, type SvaIntegration } from '../../../domain/sva/sva';
import type { SvaUserView as SvaUserValue } from '../../use-cases/sva/users';
import { maskDocument, maskEmail, maskName, maskPhone, PERSONAL_DATA_NOTE } from '../personal-data';
import {
  AuthError,
  authErrorView,
  Credential,
  Email,
  FreeText,
  Id,
  Nullable,
  PageQuery,
  StringEnum,
  Text,
  Timestamp,
} from '../common';

export const Platform = StringEnum(SVA_PLATFORMS, { description: 'saber_plus (Saber+) or exa (EXA).' });
const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 500,
  description: 'EXA: the address the platform gave the provider.',
});

export const CreateSvaIntegrationBody = Type.Object(
  {
    platform: Platform,
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    token: Type.Optional(Credential('Saber+: the API token given at contracting (required for saber_plus).')),
    url: Type.Optional(Url),
    prefix: Type.Optional(
      Credential('EXA: "Seu prefixo", the tenant identifier sent on every call (required for exa).'),
    ),
    autoCreateUsers: Type.Optional(
      Type.Boolean({
        description: 'EXA: create users from customer data on activation or when the product is added. Default false.',
      }),
    ),
  },
  {
    title: 'CreateSvaIntegrationRequest',
    additionalProperties: false,
    description:
      'Saber+ takes token; EXA takes url, prefix and autoCreateUsers. Only one Saber+ integration can exist.',
  },
);

export const UpdateSvaIntegrationBody = Type.Object(
  {
    platform: Type.Optional(Platform),
    description: Type.Optional(Nullable(FreeText({ maxLength: 200 }))),
    token: Type.Optional(Credential('Saber+: a new token.')),
    url: Type.Optional(Url),
    prefix: Type.Optional(Credential('EXA: a new prefix.')),
    autoCreateUsers: Type.Optional(Type.Boolean()),
  },
  {
    title: 'UpdateSvaIntegrationRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'The platform cannot change (409); description and credentials can.',
  },
);

export const SvaIntegrationQuery = Type.Object(
  { ...PageQuery, platform: Type.Optional(Platform) },
  { additionalProperties: false },
);

export const SvaIntegrationView = Type.Object(
  {
    id: Id,
    platform: Platform,
    description: Nullable(Type.String()),
    url: Nullable(Type.String()),
    autoCreateUsers: Type.Boolean(),
    credentialsSet: Type.Boolean({ description: 'Credentials are stored (they are never shown).' }),
    authError: AuthError('The platform refused the credentials; cleared when they change.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'SvaIntegration' },
);

export const svaIntegrationView = (i: SvaIntegration) => ({
  id: i.id,
  platform: i.platform,
  description: i.description,
  url: i.url,
  autoCreateUsers: i.autoCreateUsers,
  credentialsSet: true,
  authError: authErrorView(i.authError),
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const SvaPackagesView = Type.Object(
  { items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) },
  { title: 'SvaPackages' },
);

const Document = Text({
  minLength: 11,
  maxLength: 20,
  description: 'CPF (Saber+) or CPF/CNPJ (EXA), with or without punctuation.',
});
const Mobile = Text({
  minLength: 8,
  maxLength: 25,
  description: 'Mobile phone, Brazilian formats accepted; stored as E.164.',
});
const Password = Type.String({
  minLength: 4,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001F\\u007F]+$',
  writeOnly: true,
  description: 'Write-only: stored encrypted, sent to the platform, never returned.',
});

export const CreateSvaUserBody = Type.Object(
  {
    productId: Id,
    useCustomerData: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          '"Usar dados cadastro": take document, user name (CPF on Saber+, e-mail on EXA) and phone from the customer.',
      }),
    ),
    document: Type.Optional(Document),
    mobilePhone: Type.Optional(Mobile),
    email: Type.Optional(Email),
    password: Type.Optional(Password),
  },
  {
    title: 'CreateSvaUserRequest',
    additionalProperties: false,
    description: 'Fields sent win over the customer data. On EXA the e-mail is the user name.',
  },
);

export const UpdateSvaUserBody = Type.Object(
  { mobilePhone: Type.Optional(Mobile), password: Type.Optional(Password) },
  {
    title: 'UpdateSvaUserRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'Seed 002: phone and password are the editable fields.',
  },
);

export const SvaUserView = Type.Object(
  {
    id: Id,
    contractId: Id,
    integrationId: Id,
    platform: Platform,
    productId: Id,
    packageCode: Type.String(),
    document: Type.String(),
    documentType: StringEnum(['cpf', 'cnpj'] as const),
    username: Type.String({ description: 'The CPF on Saber+, the e-mail on EXA.' }),
    email: Nullable(Type.String()),
    name: Type.String(),
    mobilePhone: Type.String(),
    status: StringEnum(SVA_USER_STATUSES, {
      description: 'active, blocked or deactivated, in Ponte; the platform follows through the deliveries.',
    }),
    passwordSet: Type.Boolean(),
    syncStatus: StringEnum(['synced', 'pending', 'failed'] as const, {
      description:
        'synced: the platform matches; pending: deliveries on their way; failed: a delivery is dead (see /v1/integration-deliveries).',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'SvaUser', description: PERSONAL_DATA_NOTE },
);

/** The user as the caller may see it: personal data masked unless `personal` (see personal-data.ts). */
export const svaUserView = (u: SvaUserValue, personal: boolean) => ({
  id: u.id,
  contractId: u.contractId,
  integrationId: u.integrationId,
  platform: u.platform,
  productId: u.productId,
  packageCode: u.packageCode,
  document: personal ? u.document : maskDocument(u.document),
  documentType: u.documentType,
  username: personal ? u.username : u.platform === 'exa' ? maskEmail(u.username) : maskDocument(u.username),
  email: u.email === null || personal ? u.email : maskEmail(u.email),
  name: personal ? u.name : maskName(u.name),
  mobilePhone: personal ? u.mobilePhone : maskPhone(u.mobilePhone),
  status: u.status,
  passwordSet: u.hasPassword,
  syncStatus: u.syncStatus,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});
