import { deliveriesRoutes } from '../http/deliveries/routes';
import type { Area } from './area';

/** The outbox as operators see it: every partner effect and its delivery. */
export const deliveriesArea: Area = { name: 'deliveries', routes: (http, { useCases }) => deliveriesRoutes(http, useCases) };
