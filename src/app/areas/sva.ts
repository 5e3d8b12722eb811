import { svaContractEventFollower } from '../use-cases/sva/users';
import { svaUseCases } from '../use-cases/sva';
import { SVA_EXAMPLES } from '../http/sva/examples';
import { createExaPlatform } from '../../adapters/partners/exa/exa-platform';
import type { PartnerHttp } from '../../adapters/partners/partner-http';
import { createSaberPlusPlatform } from '../../adapters/partners/saber-plus/saber-plus-platform';
import type { SvaIntegrationRecord, SvaPlatform } from '../../domain/sva/ports';
import type { SecretBox } from '../../domain/ports/secrets';
import { svaIntegrationsRoutes, svaUsersRoutes } from '../http/sva/routes';
import { createSvaEffectHandler } from '../use-cases/sva/effects';
import { openSvaCredentials } from '../use-cases/sva/integrations';
import { defineArea } from './area';

/** Builds the client of an integration's platform, opening its sealed credentials. */
export function createSvaPlatformResolver({
  secrets,
  http,
  saberPlusUrl,
}: {
  secrets: SecretBox;
  http: PartnerHttp;
  saberPlusUrl: () => string;
}) {
  return (integration: SvaIntegrationRecord): SvaPlatform => {
    const credentials = openSvaCredentials(secrets, integration);
    if (integration.platform === 'saber_plus' && 'token' in credentials) {
      return createSaberPlusPlatform({ baseUrl: saberPlusUrl(), token: credentials.token, http });
    }
    if (integration.platform === 'exa' && 'prefix' in credentials && integration.url) {
      return createExaPlatform({ baseUrl: integration.url, prefix: credentials.prefix, http });
    }
    throw new Error(`Integration ${integration.id} has credentials that do not fit its platform.`);
  };
}

/** Saber+ and EXA: integrations, users, and the handler of the effects on SVA users. */
export const svaArea = defineArea({
  name: 'sva',
  useCases: svaUseCases,
  tags: [
    { name: 'SVA integrations', description: 'Saber+ and EXA platforms: credentials (write-only) and packages.' },
    { name: 'SVA users', description: 'Users of the SVA platforms; contract events drive them.' },
  ],
  contractEventFollower: svaContractEventFollower,
  partners: ({ config, secrets, http, sandboxUrl }) => ({
    svaPlatformFor: createSvaPlatformResolver({
      secrets,
      http,
      saberPlusUrl: () => config.saberPlusUrl ?? sandboxUrl('saber-plus') ?? 'http://saber-plus.invalid',
    }),
  }),
  examples: SVA_EXAMPLES,
  routes(http, { useCases }) {
    svaIntegrationsRoutes(http, useCases);
    svaUsersRoutes(http, useCases);
  },
  effectHandlers: ({ store, secrets, svaPlatformFor }) => [createSvaEffectHandler({ store, secrets, svaPlatformFor })],
});
