import { hostname } from 'node:os';
import type { CallEvent } from '../../../domain/pbx/call';
import { connectsForEvents } from '../../../domain/pbx/event-connection';
import type { EventConnectionState, PbxEventConnection } from '../../../domain/pbx/ports';
import type { PbxRecord } from '../../../domain/pbx/records';
import { PartnerError } from '../../../domain/ports/partner';
import type { UseCaseDeps } from '../deps';
import { applyCallEvents } from './call-events';

/*
 * The event connections of the PBXs whose events come over a connection Ponte opens (Asterisk's
 * ARI WebSocket; docs/partners.md, "Event connections"). Every Ponte process runs this; a lease
 * per PBX in PostgreSQL lets exactly one of them hold each connection, and another take it over
 * once the holder stops renewing (it stopped, or died).
 */

export interface EventConnectionSettings {
  /** How long a lease runs unless renewed: the longest a dead holder keeps a PBX from the others. */
  readonly leaseMs: number;
  /** How often leases are renewed and PBXs looked for. */
  readonly tickMs: number;
  /** The first wait before connecting again, doubled up to maxBackoffMs, with jitter. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** The first wait after refused credentials: no tight loop against a PBX that says no. */
  readonly authBackoffMs: number;
}

export const EVENT_CONNECTION_DEFAULTS: EventConnectionSettings = {
  leaseMs: 6_000,
  tickMs: 1_500,
  backoffMs: 1_000,
  maxBackoffMs: 30_000,
  authBackoffMs: 15_000,
};

interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A PBX this process holds: its connection loop, and how to stop it. */
interface Held {
  /** The PBX as the connection was opened with: a change (address, credentials) opens it again. */
  readonly version: number;
  stop(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** A wait of about `ms`: between half and all of it, so that reconnecting processes spread out. */
const jittered = (ms: number, random: () => number) => Math.round(ms * (0.5 + random() / 2));

export function createEventConnections(
  deps: UseCaseDeps,
  log: Log,
  settings: EventConnectionSettings = EVENT_CONNECTION_DEFAULTS,
  random: () => number = Math.random,
) {
  const holder = `${hostname()}:${process.pid}:${deps.ids.next().slice(-8)}`;
  const held = new Map<string, Held>();
  const now = () => deps.clock.now();
  let ticking: NodeJS.Timeout | null = null;
  let stopped = true;

  const setState = (pbxId: string, state: EventConnectionState, error: string | null = null) =>
    deps.store.pbxConnections.setState(pbxId, holder, state, error, now());

  /** Folds events in, one call at a time, in the order they came. */
  function folder(pbxId: string) {
    let queue = Promise.resolve();
    return (events: readonly CallEvent[]) => {
      queue = queue.then(async () => {
        const byCall = new Map<string, CallEvent[]>();
        for (const event of events) byCall.set(event.callId, [...(byCall.get(event.callId) ?? []), event]);
        for (const callEvents of byCall.values())
          await applyCallEvents(deps.store, deps, pbxId, callEvents).catch((error: unknown) =>
            log.warn({ err: error, pbxId }, 'a call event from the PBX could not be kept'),
          );
      });
      return queue;
    };
  }

  /**
   * What the connection missed while it was down: the calls live now are folded in, and a call
   * Ponte still has open that the PBX no longer has ended while nobody listened — it is ended now.
   */
  async function catchUp(
    pbxId: string,
    connection: PbxEventConnection,
    fold: (e: readonly CallEvent[]) => Promise<void>,
  ) {
    await fold(connection.live.events);
    const at = now();
    const gone = (await deps.store.pbxConnections.openCalls(pbxId)).filter(
      (call) => !connection.live.callIds.has(call.externalId),
    );
    await fold(
      gone.map((call) => ({
        callId: call.externalId,
        type: 'hangup' as const,
        direction: call.direction,
        from: null,
        to: null,
        did: null,
        extension: null,
        at,
      })),
    );
  }

  /** Holds one PBX's connection until stopped: connect, fold, and after a drop connect again. */
  function hold(pbx: PbxRecord): Held {
    const abort = new AbortController();
    let open: PbxEventConnection | null = null;
    const loop = (async () => {
      let attempt = 0;
      const fold = folder(pbx.id);
      while (!abort.signal.aborted) {
        await setState(pbx.id, 'connecting');
        let wait: number;
        try {
          const platform = deps.pbxFor(pbx);
          if (!platform.connectEvents) return;
          open = await platform.connectEvents((events) => void fold(events));
          if (abort.signal.aborted) {
            open.close();
            break;
          }
          await setState(pbx.id, 'connected');
          log.info({ pbxId: pbx.id }, 'PBX event connection open');
          attempt = 0;
          await catchUp(pbx.id, open, fold);
          const why = await open.closed;
          open = null;
          if (abort.signal.aborted) break;
          await setState(pbx.id, 'connecting', why);
          log.warn({ pbxId: pbx.id, reason: why }, 'PBX event connection lost');
          wait = jittered(settings.backoffMs, random);
        } catch (error) {
          open = null;
          const message = error instanceof PartnerError ? error.message : 'The event connection failed.';
          if (!(error instanceof PartnerError)) log.warn({ err: error, pbxId: pbx.id }, 'PBX event connection failed');
          await setState(pbx.id, 'down', message).catch(() => false);
          const first =
            error instanceof PartnerError && error.kind === 'auth' ? settings.authBackoffMs : settings.backoffMs;
          wait = jittered(Math.min(settings.maxBackoffMs, first * 2 ** attempt), random);
          attempt = Math.min(attempt + 1, 16);
        }
        await sleep(wait, abort.signal);
      }
    })().catch((error: unknown) => log.warn({ err: error, pbxId: pbx.id }, 'PBX event connection loop ended'));
    return {
      version: pbx.updatedAt.getTime(),
      async stop() {
        abort.abort();
        open?.close();
        await loop;
      },
    };
  }

  async function drop(pbxId: string, release: boolean) {
    const mine = held.get(pbxId);
    held.delete(pbxId);
    await mine?.stop();
    if (release) await deps.store.pbxConnections.release(pbxId, holder, now());
  }

  /** One round: renew what is held, take what nobody holds, let go of what is gone. */
  async function tick() {
    const settingsNow = await deps.store.settings.get();
    const wanted = new Map<string, PbxRecord>();
    if (settingsNow.settings.pbx.enabled) {
      let after: string | undefined;
      do {
        const page = await deps.store.pbx.listPbxs({ limit: 200, ...(after ? { after } : {}) });
        for (const pbx of page.items) if (connectsForEvents(pbx)) wanted.set(pbx.id, pbx);
        after = page.last ?? undefined;
      } while (after);
    }
    for (const id of [...held.keys()]) if (!wanted.has(id)) await drop(id, true);
    for (const pbx of wanted.values()) {
      if (stopped) return;
      const mine = await deps.store.pbxConnections.claim(pbx.id, holder, now(), settings.leaseMs);
      if (mine && held.get(pbx.id)?.version !== pbx.updatedAt.getTime()) {
        await drop(pbx.id, false);
        held.set(pbx.id, hold(pbx));
      }
      // Another took it over (this process stalled past its lease): it is theirs now.
      if (!mine && held.has(pbx.id)) await drop(pbx.id, false);
    }
  }

  return {
    holder,
    /** Which PBXs this process holds now. */
    held: () => [...held.keys()],
    start() {
      if (!stopped) return;
      stopped = false;
      const run = async () => {
        await tick().catch((error: unknown) => log.warn({ err: error }, 'PBX event connections round failed'));
        if (!stopped) ticking = setTimeout(() => void run(), settings.tickMs).unref();
      };
      void run();
    },
    /** Closes every connection and gives its lease up, so another process takes over at once. */
    async stop() {
      stopped = true;
      if (ticking) clearTimeout(ticking);
      await Promise.all([...held.keys()].map((id) => drop(id, true).catch(() => undefined)));
    },
  };
}

export type EventConnections = ReturnType<typeof createEventConnections>;
