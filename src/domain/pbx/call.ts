/** A call event as every PBX's adapter normalises it (docs/partners.md, PBXs). */
export const CALL_EVENT_TYPES = ['ringing', 'answered', 'hangup', 'transfer'] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export interface CallEvent {
  /** The PBX's id of the call. */
  readonly callId: string;
  readonly type: CallEventType;
  readonly direction: CallDirection;
  readonly from: string | null;
  readonly to: string | null;
  /** The number the caller dialed (DDR), for an inbound call. */
  readonly did: string | null;
  readonly extension: string | null;
  readonly at: Date;
}

export const CALL_STATES = ['ringing', 'answered', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Where a call stands, from every event heard of it. */
export interface CallRecordState {
  readonly direction: CallDirection;
  readonly from: string | null;
  readonly to: string | null;
  readonly did: string | null;
  readonly extension: string | null;
  readonly state: CallState;
  readonly startedAt: Date;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly durationSeconds: number;
  /** Ended without being answered. */
  readonly unanswered: boolean;
  /** Where it was transferred, in order. */
  readonly transfers: readonly { readonly to: string | null; readonly at: Date }[];
}

const RANK: Record<CallEventType, number> = { ringing: 0, answered: 1, transfer: 2, hangup: 3 };
const first = <T>(values: readonly (T | null)[]) => values.find((v) => v !== null) ?? null;

/** Events as one set: the same event heard twice counts once. */
const key = (e: CallEvent) => [e.type, e.at.getTime(), e.direction, e.from, e.to, e.did, e.extension].join('|');

/**
 * The call as its events say, whatever order they came in and however often (PBXs repeat and
 * reorder their notifications): a function of the set of events, so any arrival converges to the
 * same record. A call is ended once a hangup is heard, answered once an answer is; its numbers are
 * the first known ones in time; the duration counts from the answer to the hangup.
 */
export function foldCall(events: readonly CallEvent[]): CallRecordState {
  if (events.length === 0) throw new Error('A call needs at least one event.');
  const unique = [...new Map(events.map((e) => [key(e), e])).values()].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || RANK[a.type] - RANK[b.type] || key(a).localeCompare(key(b)),
  );
  const answered = unique.find((e) => e.type === 'answered') ?? null;
  const hangup = unique.find((e) => e.type === 'hangup') ?? null;
  const startedAt = unique[0]!.at;
  const endedAt = hangup ? hangup.at : null;
  const answeredAt = answered ? answered.at : null;
  return {
    direction: first(unique.map((e) => e.direction)) ?? 'inbound',
    from: first(unique.map((e) => e.from)),
    to: first(unique.filter((e) => e.type !== 'transfer').map((e) => e.to)),
    did: first(unique.map((e) => e.did)),
    extension:
      first(unique.filter((e) => e.type === 'answered').map((e) => e.extension)) ??
      first(unique.map((e) => e.extension)),
    state: hangup ? 'ended' : answered ? 'answered' : 'ringing',
    startedAt,
    answeredAt,
    endedAt,
    durationSeconds:
      answeredAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : 0,
    unanswered: hangup !== null && answered === null,
    transfers: unique.filter((e) => e.type === 'transfer').map((e) => ({ to: e.to, at: e.at })),
  };
}

/** An extension's status, as AMI's ExtensionStatus codes name them (docs/partners.md). */
export const EXTENSION_STATUSES = ['idle', 'in_use', 'busy', 'unavailable', 'ringing', 'on_hold'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
