import { pbxUseCases } from '../use-cases/pbx';
import { PBX_EXAMPLES } from '../http/pbx/examples';
import { callRoutes } from '../http/pbx/call-routes';
import { pbxRoutes } from '../http/pbx/routes';
import { createPbxPlatform } from '../../adapters/partners/pbx/pbx-platforms';
import { openPbxCredentials } from '../use-cases/pbx/pbx';
import type { PbxRecord } from '../../domain/pbx/records';
import { createEventConnections } from '../use-cases/pbx/event-connections';
import { defineArea } from './area';

/** PBX / CTI (seed 004): PBXs, agents, calls from their events, caller identification, contacts and DDR traffic sources. */
export const pbxArea = defineArea({
  name: 'pbx',
  useCases: pbxUseCases,
  tags: [
    {
      name: 'PBX',
      description:
        'Seed 004: PBXs (Dígitro, Planetfone, ForIP, Asterisk) with the fields of each type, and the agents at their extensions.',
    },
    {
      name: 'Calls',
      description:
        'Click-to-call, call commands, call events from the PBXs, caller identification, call history, contacts and DDR traffic sources.',
    },
  ],
  examples: PBX_EXAMPLES,
  // The event connections of the PBXs Ponte connects to, one process holding each (docs/partners.md).
  background: (deps, log) => {
    const connections = createEventConnections(deps, log);
    return {
      name: 'pbx-event-connections',
      holder: connections.holder,
      start: () => connections.start(),
      stop: () => connections.stop(),
    };
  },
  partners: ({ secrets, http }) => ({
    pbxFor: (pbx: PbxRecord) => createPbxPlatform(pbx, openPbxCredentials({ secrets }, pbx), http),
  }),
  routes(http, { useCases, verifier, streamsPerKey }) {
    pbxRoutes(http, useCases, { verifier, streamsPerKey });
    callRoutes(http, useCases);
  },
  gauges: ({ store, now }) => [
    {
      name: 'ponte_pbx_event_connections',
      help: "PBX event connections by state: connecting, connected, down, or unheld (the holder's lease ran out).",
      labelNames: ['state'],
      async read() {
        const counts = await store.pbxConnections.stateCounts(now());
        return (['connecting', 'connected', 'down', 'unheld'] as const).map((state) => ({
          labels: { state },
          value: counts.find((c) => c.state === state)?.count ?? 0,
        }));
      },
    },
  ],
});
