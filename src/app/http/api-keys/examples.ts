import { at, ids, page } from '../example-story';

const apiKey = {
  id: ids.apiKey,
  name: 'erp-integration',
  prefix: 'ponte_Xq3vT0',
  scopes: ['customers:write', 'contracts:write', 'products:read'],
  createdAt: at,
};

/** An example per named schema of the api-keys area, from the one story (src/app/http/example-story.ts). */
export const API_KEYS_EXAMPLES: Readonly<Record<string, unknown>> = {
  ApiKey: apiKey,
  ApiKeyPage: page(apiKey),
  CreateApiKeyRequest: { name: 'erp-integration', scopes: ['customers:write', 'contracts:write', 'products:read'] },
  CreatedApiKey: { ...apiKey, key: 'ponte_Xq3vT0yB8mLk2sRf9wZt4nPq7hJc5dVg1aEu6oIy3xM' },
};
