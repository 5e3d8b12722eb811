import type { Pbx, PbxType } from './pbx';
import type { EventConnectionState, PbxEventConnectionStatus } from './ports';

/** The PBX types whose events come over a connection Ponte opens (the others push them). */
export const CONNECTED_TYPES: readonly PbxType[] = ['asterisk'];

/** Whether Ponte holds an event connection to this PBX: an active one of a connected type. */
export const connectsForEvents = (pbx: Pick<Pbx, 'type' | 'active'>) =>
  pbx.active && CONNECTED_TYPES.includes(pbx.type);

/** How a PBX's event connection stands, as the API shows it. */
export interface EventConnectionView {
  readonly state: EventConnectionState;
  readonly lastError: string | null;
  readonly since: Date;
  /** The Ponte process holding it (host:pid:…); null while none does. */
  readonly holder: string | null;
}

/**
 * What to tell of a PBX's event connection from its lease row: none for a PBX that pushes; a
 * lease run out means its holder is gone (it shows down until another process takes it).
 */
export function eventConnectionView(
  pbx: Pick<Pbx, 'type' | 'active' | 'updatedAt'>,
  status: PbxEventConnectionStatus | null,
  now: Date,
): EventConnectionView | null {
  if (!CONNECTED_TYPES.includes(pbx.type)) return null;
  if (!pbx.active) return { state: 'down', lastError: 'The PBX is inactive.', since: pbx.updatedAt, holder: null };
  if (!status) return { state: 'connecting', lastError: null, since: pbx.updatedAt, holder: null };
  if (status.leaseUntil.getTime() < now.getTime())
    return {
      state: 'down',
      lastError:
        status.state === 'down' ? status.lastError : 'The Ponte process that held it stopped; another takes it over.',
      since: status.state === 'down' ? status.since : status.leaseUntil,
      holder: null,
    };
  return { state: status.state, lastError: status.lastError, since: status.since, holder: status.holder };
}
