import { apiKeysUseCases } from '../use-cases/api-keys';
import { API_KEYS_EXAMPLES } from '../http/api-keys/examples';
import { apiKeysRoutes } from '../http/api-keys/routes';
import { defineArea } from './area';

export const apiKeysArea = defineArea({
  name: 'apiKeys',
  useCases: apiKeysUseCases,
  tags: [{ name: 'API keys', description: 'Access to this API (admin).' }],
  examples: API_KEYS_EXAMPLES,
  routes: (http, { useCases, verifier }) => apiKeysRoutes(http, useCases, verifier),
});
