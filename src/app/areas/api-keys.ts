import { API_KEYS_EXAMPLES } from '../http/api-keys/examples';
import { apiKeysRoutes } from '../http/api-keys/routes';
import type { Area } from './area';

export const apiKeysArea: Area = { name: 'api-keys', tags: [{ name: 'API keys', description: 'Access to this API (admin).' }], examples: API_KEYS_EXAMPLES, routes: (http, { useCases, verifier }) => apiKeysRoutes(http, useCases, verifier) };
