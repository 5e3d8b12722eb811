import { notificationsRoutes } from '../http/notifications/routes';
import { createNotificationEffectHandler } from '../use-cases/notifications/effects';
import type { Area } from './area';

/** Customer notifications through Opa! Suite (seed 000, "Canais de comunicação"): integrations, templates, what was sent. */
export const notificationsArea: Area = {
  name: 'notifications',
  routes: (http, { useCases }) => notificationsRoutes(http, useCases),
  effectHandlers: ({ deps }) => [createNotificationEffectHandler(deps)],
};
