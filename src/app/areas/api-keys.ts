import { apiKeysRoutes } from '../http/api-keys/routes';
import type { Area } from './area';

export const apiKeysArea: Area = { name: 'api-keys', routes: (http, { useCases, verifier }) => apiKeysRoutes(http, useCases, verifier) };
