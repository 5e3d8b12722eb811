import { makeBootstrapAdminKey, makeCreateApiKey, makeDeleteApiKey, makeListApiKeys } from './api-keys';
import type { UseCaseDeps } from '../deps';

/** The use cases of the apiKeys area: what its routes call. */
export function apiKeysUseCases(deps: UseCaseDeps) {
  return {
    createApiKey: makeCreateApiKey(deps),
    listApiKeys: makeListApiKeys(deps),
    deleteApiKey: makeDeleteApiKey(deps),
    bootstrapAdminKey: makeBootstrapAdminKey(deps),
  };
}

export type ApiKeysUseCases = ReturnType<typeof apiKeysUseCases>;
