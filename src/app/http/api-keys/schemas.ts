import { Type } from 'typebox';
import type { ApiKeyRecord } from '../../../domain/api-keys/ports';
import { SCOPES } from '../../use-cases/api-keys/api-keys';
import { Id, PageQuery, StringEnum, Text, Timestamp } from '../common';

const Scope = StringEnum(SCOPES, { description: '`<area>:read`, `<area>:write` (implies read) or `admin`.' });

export const CreateApiKeyBody = Type.Object(
  { name: Text({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Scope, { minItems: 1, maxItems: SCOPES.length }) },
  { title: 'CreateApiKeyRequest', additionalProperties: false },
);

export const ApiKeyView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    prefix: Type.String({ description: 'First characters of the key.' }),
    scopes: Type.Array(Scope),
    createdAt: Timestamp,
  },
  { title: 'ApiKey' },
);

export const CreatedApiKeyView = Type.Object(
  {
    ...ApiKeyView.properties,
    key: Type.String({ description: 'The secret. Shown only in this answer; store it now.' }),
  },
  { title: 'CreatedApiKey' },
);

export const ApiKeyQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const apiKeyView = (k: ApiKeyRecord) => ({
  ...k,
  scopes: [...k.scopes] as (typeof SCOPES)[number][],
  createdAt: k.createdAt.toISOString(),
});
