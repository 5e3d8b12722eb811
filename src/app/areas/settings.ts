import { settingsRoutes } from '../http/settings/routes';
import type { Area } from './area';

/** The general integration settings (seed 000) and their history. */
export const settingsArea: Area = { name: 'settings', routes: (http, { useCases }) => settingsRoutes(http, useCases) };
