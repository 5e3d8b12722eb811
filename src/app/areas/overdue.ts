import { overdueRoutes } from '../http/overdue/routes';
import type { Area } from './area';

/** The overdue policy: its settings and presets, its preview and its runs. */
export const overdueArea: Area = { name: 'overdue', routes: (http, { useCases }) => overdueRoutes(http, useCases) };
