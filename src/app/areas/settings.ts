import { SETTINGS_EXAMPLES } from '../http/settings/examples';
import { settingsRoutes } from '../http/settings/routes';
import type { Area } from './area';

/** The general integration settings (seed 000) and their history. */
export const settingsArea: Area = { name: 'settings', tags: [{ name: 'Settings', description: 'The general integration settings (VoIP, MVNO, credit analysis, communication channel) and their history.' }], examples: SETTINGS_EXAMPLES, routes: (http, { useCases }) => settingsRoutes(http, useCases) };
