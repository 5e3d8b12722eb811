import { creditUseCases } from '../use-cases/credit';
import { CREDIT_EXAMPLES } from '../http/credit/examples';
import { creditRoutes } from '../http/credit/routes';
import { createNegativationEffectHandler } from '../use-cases/credit/effects';
import { createSerasaBureau, type SerasaTokenCache } from '../../adapters/partners/serasa/serasa-bureau';
import { createSpcBureau } from '../../adapters/partners/spc/spc-bureau';
import type { CreditIntegrationRecord } from '../../domain/credit/ports';
import { openCreditCredentials } from '../use-cases/credit/integrations';
import { defineArea } from './area';

/** Credit analysis (seed 000): bureau integrations, consults with the interval guard, negativations. */
export const creditArea = defineArea({
  name: 'credit',
  useCases: creditUseCases,
  tags: [
    {
      name: 'Credit integrations',
      description:
        'Credit bureaus (Serasa, SPC Brasil, Boa Vista, Quod): credentials and webhook secret (write-only). While an active one exists, credit analysis is on.',
    },
    {
      name: 'Credit analysis',
      description:
        "Seed 000: consults of a CPF/CNPJ (with the consult-interval guard) and negativations of overdue charges, with the bureaus' asynchronous results.",
    },
  ],
  examples: CREDIT_EXAMPLES,
  partners: ({ secrets, http }) => {
    // Serasa's access tokens, kept per login for their lifetime.
    const tokens: SerasaTokenCache = new Map();
    return {
      creditBureauFor: (integration: CreditIntegrationRecord) => {
        const { consult, negativation } = openCreditCredentials({ secrets }, integration.sealedCredentials);
        switch (integration.bureau) {
          case 'serasa':
            return createSerasaBureau({ baseUrl: integration.url, consult, negativation, http, tokens });
          case 'spc':
            return createSpcBureau({ baseUrl: integration.url, login: consult, http });
          default:
            return null;
        }
      },
    };
  },
  routes: (http, { useCases }) => creditRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createNegativationEffectHandler(deps)],
});
