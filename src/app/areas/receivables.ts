import { receivablesUseCases } from '../use-cases/receivables';
import { RECEIVABLES_EXAMPLES } from '../http/receivables/examples';
import { receivablesRoutes } from '../http/receivables/routes';
import { defineArea } from './area';

/** Charges on contracts and their payments. */
export const receivablesArea = defineArea({
  name: 'receivables',
  useCases: receivablesUseCases,
  tags: [
    { name: 'Receivables', description: 'Charges of a contract and their payments: what is open, overdue or paid.' },
  ],
  examples: RECEIVABLES_EXAMPLES,
  routes: (http, { useCases, today }) => receivablesRoutes(http, useCases, today),
});
