import { voipRoutes } from '../http/voip/routes';
import { createVoipEffectHandler } from '../use-cases/voip/effects';
import type { Area } from './area';

/** SIP lines on the provider's softswitch, following their contract per the VoIP settings. */
export const voipArea: Area = {
  name: 'voip',
  routes: (http, { useCases }) => voipRoutes(http, useCases),
  effectHandlers: ({ secrets, voipPlatform }) => [createVoipEffectHandler({ platform: voipPlatform, secrets })],
};
