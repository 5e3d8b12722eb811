import { RECEIVABLES_EXAMPLES } from '../http/receivables/examples';
import { receivablesRoutes } from '../http/receivables/routes';
import type { Area } from './area';

/** Charges on contracts and their payments. */
export const receivablesArea: Area = { name: 'receivables', tags: [{ name: 'Receivables', description: 'Charges of a contract and their payments: what is open, overdue or paid.' }], examples: RECEIVABLES_EXAMPLES, routes: (http, { useCases, today }) => receivablesRoutes(http, useCases, today) };
