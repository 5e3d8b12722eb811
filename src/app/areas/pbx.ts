import { pbxRoutes } from '../http/pbx/routes';
import type { Area } from './area';

/** PBX / CTI (seed 004): PBXs, agents, calls from their events, caller identification, contacts and DDR traffic sources. */
export const pbxArea: Area = {
  name: 'pbx',
  routes: (http, { useCases, verifier, streamsPerKey }) => pbxRoutes(http, useCases, { verifier, streamsPerKey }),
};
