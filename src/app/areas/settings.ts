import { settingsUseCases } from '../use-cases/settings';
import { SETTINGS_EXAMPLES } from '../http/settings/examples';
import { settingsRoutes } from '../http/settings/routes';
import { defineArea } from './area';

/** The general integration settings (seed 000) and their history. */
export const settingsArea = defineArea({
  name: 'settings',
  useCases: settingsUseCases,
  tags: [
    {
      name: 'Settings',
      description:
        'The general integration settings (VoIP, MVNO, credit analysis, communication channel) and their history.',
    },
  ],
  examples: SETTINGS_EXAMPLES,
  routes: (http, { useCases }) => settingsRoutes(http, useCases),
});
