import type { Page, PageRequest } from '../ports/page';
import type { Result } from '../shared/result';
import type { CallDirection, CallEvent, CallRecordState, ExtensionStatus } from './call';
import type { Agent, Call, Contact, CustomerMatch, PbxRecord, TrafficSource } from './records';
import type { CallCommand } from './capabilities';

/* What the PBX area needs from storage: PBXs, agents, calls, contacts and the agents' streams. */

export interface CallFilter {
  readonly agentId?: string;
  readonly extension?: string;
  readonly direction?: CallDirection;
  readonly from?: Date;
  readonly to?: Date;
  readonly unanswered?: boolean;
  /** E.164: calls from or to it. */
  readonly number?: string;
  readonly customerId?: string;
}

/** A call with every event it has (the new ones kept). */
export interface KeptCallEvents {
  readonly id: string;
  /** The call's agent, or else the agent at the extension its events name. */
  readonly agentId: string | null;
  readonly customerId: string | null;
  readonly events: readonly CallEvent[];
}

/**
 * What an agent's stream is told of a change of its call: the call (with every customer
 * `matchesOf` belongs to, looked up as it is told: the screen pop) and the extension's status.
 */
export interface CallNotice {
  readonly call: Readonly<Record<string, unknown>>;
  readonly matchesOf: string | null;
  readonly extension: Readonly<Record<string, unknown>>;
}

export interface PbxRepository {
  createPbx(pbx: PbxRecord): Promise<PbxRecord>;
  findPbx(id: string): Promise<PbxRecord | null>;
  listPbxs(page: PageRequest): Promise<Page<PbxRecord>>;
  updatePbx(
    id: string,
    fields: Partial<Omit<PbxRecord, 'id' | 'type' | 'createdAt' | 'updatedAt'>>,
    now: Date,
  ): Promise<PbxRecord | null>;
  /** Fails with PBX_IN_USE while agents or calls belong to it. */
  deletePbx(id: string): Promise<Result<void>>;
  /** Fails with AGENT_EXTENSION_TAKEN when the PBX's extension has an agent. */
  createAgent(agent: Agent): Promise<Result<Agent>>;
  findAgent(id: string): Promise<Agent | null>;
  listAgents(pbxId: string | undefined, page: PageRequest): Promise<Page<Agent>>;
  updateAgent(
    id: string,
    fields: Partial<Pick<Agent, 'name' | 'extension' | 'sealedPassword'>>,
    now: Date,
  ): Promise<Result<Agent>>;
  deleteAgent(id: string): Promise<boolean>;
  /** Fails with TRAFFIC_SOURCE_DDR_TAKEN when another one has the DDR. */
  createTrafficSource(source: TrafficSource): Promise<Result<TrafficSource>>;
  findTrafficSource(id: string): Promise<TrafficSource | null>;
  findTrafficSourceByDdr(ddr: string): Promise<TrafficSource | null>;
  listTrafficSources(page: PageRequest): Promise<Page<TrafficSource>>;
  /**
   * Keeps a call's events, each once however often it is heard (its row made by its first event),
   * and — unless every one was heard before and its state already folds them all — saves the
   * state `decide` makes of the call with all its events. Concurrent events of one call converge:
   * a state is saved only over one folded from fewer events. The agent's stream gets the notice
   * when the call is new to it (new, or its agent just became known) or its state or transfers changed. Answers the call's id (null: no
   * such PBX).
   */
  recordCallEvents(
    pbxId: string,
    init: {
      readonly id: string;
      readonly agentId: string | null;
      readonly direction: CallDirection;
      readonly startedAt: Date;
      readonly now: Date;
    },
    events: readonly { readonly id: string; readonly event: CallEvent }[],
    decide: (kept: KeptCallEvents) => { readonly state: CallRecordState; readonly notice: CallNotice | null },
  ): Promise<string | null>;
  findCall(id: string): Promise<Call | null>;
  listCalls(filter: CallFilter, page: PageRequest): Promise<Page<Call>>;
  /** Every customer with this phone (E.164), and which of its phones it is. */
  customersByPhone(phone: string): Promise<readonly CustomerMatch[]>;
  attachCustomer(callId: string, customerId: string, now: Date): Promise<void>;
  /** Fails with CALL_HAS_CONTACT when the call has one. */
  createContact(contact: Contact): Promise<Result<Contact>>;
  findContact(id: string): Promise<Contact | null>;
  updateContact(
    id: string,
    fields: Partial<Pick<Contact, 'subject' | 'text' | 'trafficSourceId'>>,
    now: Date,
  ): Promise<Contact>;
  /** The agent's stream after `afterId` (none: from the next one on), oldest first. */
  agentEventsAfter(agentId: string, afterId: string | null, limit: number): Promise<readonly AgentStreamEvent[]>;
  /** The id the agent's stream is at now ('0' when it has none). */
  lastAgentEventId(agentId: string): Promise<string>;
  /**
   * Which agents' streams have events after `afterId` or written since `since` (one that committed
   * late), each with its newest id: what every open stream of a process polls, in one query.
   */
  agentStreamActivity(afterId: string | null, since: Date): Promise<readonly { agentId: string; lastId: string }[]>;
  /** Drops stream events older than `before`; answers how many. */
  purgeAgentEvents(before: Date): Promise<number>;
}

/** One line of an agent's stream; ids grow, as text (they are bigints). */
export interface AgentStreamEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly at: Date;
}

/**
 * One port for every PBX (docs/partners.md, PBXs): dial from an extension, command a call, ask an
 * extension's status, and read the events the PBX pushes. Failures are PartnerErrors.
 */
export interface PbxPlatform {
  /** Checks the connection and the credentials; throws saying what failed. */
  test(): Promise<void>;
  /** Rings the extension first, then `to`; answers the PBX's id of the call. */
  originate(call: {
    readonly extension: string;
    readonly to: string;
    readonly reference: string;
  }): Promise<{ readonly callId: string }>;
  command(callId: string, command: CallCommand, args: { readonly to?: string }): Promise<void>;
  extensionStatus(extension: string): Promise<ExtensionStatus>;
  /** The call's recording: its audio, or null when the PBX holds none (yet). Only where the PBX records. */
  recording(callId: string): Promise<{ readonly contentType: string; readonly audio: Buffer } | null>;
  /** Calls `to` and plays the call's recording once answered (seed 004, "Reproduzir Gravação"). */
  playRecording(callId: string, to: string): Promise<{ readonly callId: string }>;
  /**
   * Keeps the PBX sending its events to `callbackUrl` (with `secret`): renews `subscriptionId` or,
   * gone, makes a new one. Null for a PBX that needs none (it pushes on its own).
   */
  subscribeEvents(request: {
    readonly callbackUrl: string;
    readonly secret: string;
    readonly subscriptionId: string | null;
  }): Promise<{ readonly subscriptionId: string; readonly expiresInSeconds: number } | null>;
  /** The call events in a body the PBX pushed, normalised; null when it is not one this PBX sends. */
  readEvents(payload: unknown): readonly CallEvent[] | null;
  /**
   * Opens the event connection of a PBX that has one Ponte opens (Asterisk's ARI WebSocket);
   * absent for a PBX that pushes. Resolves once connected, with the calls live at that moment;
   * rejects with a PartnerError saying why it could not connect (`auth`: the credentials).
   */
  connectEvents?(onEvents: (events: readonly CallEvent[]) => void): Promise<PbxEventConnection>;
}

/** A PBX's open event connection. */
export interface PbxEventConnection {
  /** The calls live when it opened (their ringing events) and their ids: what a gap may have missed. */
  readonly live: { readonly events: readonly CallEvent[]; readonly callIds: ReadonlySet<string> };
  /** Settles when the connection ends, with why. */
  readonly closed: Promise<string>;
  close(): void;
}

export const EVENT_CONNECTION_STATES = ['connecting', 'connected', 'down'] as const;
export type EventConnectionState = (typeof EVENT_CONNECTION_STATES)[number];

/** How a PBX's event connection stands, and which process holds it. */
export interface PbxEventConnectionStatus {
  readonly state: EventConnectionState;
  /** Why it is down (or last went down), when it is or did. */
  readonly lastError: string | null;
  /** Since when it has been in this state. */
  readonly since: Date;
  readonly holder: string;
  /** Until when the holder's lease runs: past it, another process takes the PBX over. */
  readonly leaseUntil: Date;
}

/**
 * The leases of the PBXs' event connections (docs/partners.md, "Event connections"): with several
 * Ponte processes, exactly one holds each PBX's connection, and another takes over once its lease
 * runs out.
 */
export interface PbxConnectionRepository {
  /** Takes or renews the lease of the PBX for `holder`; false while another holds a lease still running. */
  claim(pbxId: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Records how the holder's connection stands (`since` moves only when the state changes); false: not its lease. */
  setState(
    pbxId: string,
    holder: string,
    state: EventConnectionState,
    error: string | null,
    now: Date,
  ): Promise<boolean>;
  /** Gives the lease up at once, so another process may take the PBX now. */
  release(pbxId: string, holder: string, now: Date): Promise<void>;
  /** The lease rows of these PBXs, by PBX id (none for a PBX no process has held). */
  statuses(pbxIds: readonly string[]): Promise<ReadonlyMap<string, PbxEventConnectionStatus>>;
  /** How many PBX event connections stand in each state; a lease run out (its holder gone) is `unheld`. */
  stateCounts(
    now: Date,
  ): Promise<readonly { readonly state: EventConnectionState | 'unheld'; readonly count: number }[]>;
  /** The calls of the PBX not ended, by the PBX's id of each: what a connection back from a gap checks. */
  openCalls(pbxId: string): Promise<readonly { readonly externalId: string; readonly direction: CallDirection }[]>;
}
