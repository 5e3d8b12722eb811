import { receivablesRoutes } from '../http/receivables/routes';
import type { Area } from './area';

/** Charges on contracts and their payments. */
export const receivablesArea: Area = { name: 'receivables', routes: (http, { useCases, today }) => receivablesRoutes(http, useCases, today) };
