import { type CallEvent, type CallRecordState, type ExtensionStatus, foldCall } from '../../../domain/pbx/call';
import type { AgentStreamEvent, CallNotice, KeptCallEvents } from '../../../domain/pbx/ports';
import type { Call } from '../../../domain/pbx/records';
import type { Repositories } from '../../../domain/ports/store';
import { type Result, fail, ok } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { sameSecret } from '../same-secret';
import { pbxModuleOn, pbxModuleRecentlyOn, recentPbx } from './pbx';

/* What PBXs tell Ponte of their calls: events folded into calls, and the agents' screens told of them. */

/** The other party's number: who called in, or who was called. */
export const otherParty = (call: Pick<Call, 'direction' | 'from' | 'to'>) =>
  call.direction === 'inbound' ? call.from : call.to;

const EXTENSION_WHILE: Record<CallRecordState['state'], ExtensionStatus> = {
  ringing: 'ringing',
  answered: 'in_use',
  ended: 'idle',
};

/**
 * What the agent's screen is told when a call changes: the call (an inbound one that starts
 * ringing with every customer its number belongs to: the screen pop) and the extension's status.
 */
function noticeOf(kept: KeptCallEvents, externalId: string, call: CallRecordState): CallNotice {
  const number = otherParty(call);
  return {
    call: {
      id: kept.id,
      externalId,
      direction: call.direction,
      from: call.from,
      to: call.to,
      did: call.did,
      extension: call.extension,
      state: call.state,
      startedAt: call.startedAt.toISOString(),
      answeredAt: call.answeredAt?.toISOString() ?? null,
      endedAt: call.endedAt?.toISOString() ?? null,
      durationSeconds: call.durationSeconds,
      unanswered: call.unanswered,
      customerId: kept.customerId,
    },
    matchesOf: call.direction === 'inbound' && call.state === 'ringing' && number?.startsWith('+55') ? number : null,
    extension: { extension: call.extension, status: EXTENSION_WHILE[call.state] },
  };
}

/** Applies events of one call: each kept once, the call folded from them all, the agent told of a change. Null: the PBX is gone. */
export function applyCallEvents(
  repos: Pick<Repositories, 'pbx'>,
  deps: UseCaseDeps,
  pbxId: string,
  events: readonly CallEvent[],
  agentId?: string | null,
): Promise<string | null> {
  const first = events[0]!;
  return repos.pbx.recordCallEvents(
    pbxId,
    {
      id: deps.ids.next(),
      agentId: agentId ?? null,
      direction: first.direction,
      startedAt: first.at,
      now: deps.clock.now(),
    },
    events.map((event) => ({ id: deps.ids.next(), event })),
    (kept) => {
      const after = foldCall(kept.events);
      return { state: after, notice: kept.agentId ? noticeOf(kept, first.callId, after) : null };
    },
  );
}

/**
 * An agent's stream (seed 004's "tarja" and pop-up, without polling): what happened after
 * `afterId`, or — with none — only what comes next.
 */
export function makeAgentStream({ store }: UseCaseDeps) {
  return async (
    agentId: string,
    lastEventId: string | null,
  ): Promise<
    Result<{
      agentId: string;
      next: (after: string, limit: number) => Promise<readonly AgentStreamEvent[]>;
      startAfter: string;
    }>
  > => {
    const on = await pbxModuleOn(store);
    if (!on.ok) return on;
    if (!(await store.pbx.findAgent(agentId))) return fail('AGENT_NOT_FOUND', 'Agent not found.');
    const startAfter =
      lastEventId !== null && /^\d{1,18}$/.test(lastEventId) ? lastEventId : await store.pbx.lastAgentEventId(agentId);
    return ok({ agentId, startAfter, next: (after, limit) => store.pbx.agentEventsAfter(agentId, after, limit) });
  };
}

/**
 * Which agents' streams moved after `afterId`, or in the last `lookbackMs` (an event whose
 * transaction committed after a later one was seen): the one poll behind every open stream.
 */
export function makeAgentStreamActivity({ store, clock }: UseCaseDeps) {
  return (afterId: string | null, lookbackMs: number) =>
    store.pbx.agentStreamActivity(afterId, new Date(clock.now().getTime() - lookbackMs));
}

/**
 * `POST /v1/pbx/{id}/events`: the PBX pushes its call events, authenticated by its event secret.
 * The PBX's adapter reads its own shape into the one event every PBX shares; repeated and
 * out-of-order events converge to the same call (the fold is the domain's).
 */
export function makeReceivePbxEvents(deps: UseCaseDeps) {
  return async (
    pbxId: string,
    presentedSecret: string | null,
    payload: unknown,
  ): Promise<Result<{ callIds: string[] }>> => {
    const known = await recentPbx(deps, pbxId);
    if (!known) return fail('PBX_NOT_FOUND', 'PBX not found.');
    const { pbx } = known;
    if (presentedSecret === null || !sameSecret(presentedSecret, known.eventSecret))
      return fail('UNAUTHENTICATED', "Present the PBX's event secret as Authorization: Bearer <secret>.");
    const on = await pbxModuleRecentlyOn(deps.store);
    if (!on.ok) return on;
    const events = deps.pbxFor(pbx).readEvents(payload);
    if (!events)
      return fail('VALIDATION_FAILED', `Not a call event a ${pbx.type} PBX sends.`, [
        { field: '', message: 'Unknown event shape.' },
      ]);
    const byCall = new Map<string, CallEvent[]>();
    for (const event of events) byCall.set(event.callId, [...(byCall.get(event.callId) ?? []), event]);
    const callIds: string[] = [];
    for (const callEvents of byCall.values()) {
      const callId = await applyCallEvents(deps.store, deps, pbx.id, callEvents);
      if (callId === null) return fail('PBX_NOT_FOUND', 'PBX not found.');
      callIds.push(callId);
    }
    return ok({ callIds });
  };
}
