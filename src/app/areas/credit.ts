import { creditUseCases } from '../use-cases/credit';
import { CREDIT_EXAMPLES } from '../http/credit/examples';
import { creditRoutes } from '../http/credit/routes';
import { createNegativationEffectHandler } from '../use-cases/credit/effects';
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
  routes: (http, { useCases }) => creditRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createNegativationEffectHandler(deps)],
});
