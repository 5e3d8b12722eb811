import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { AgentStreamEvent } from '../../../domain/pbx/ports';

export interface StreamTiming {
  readonly pollMs: number;
  readonly heartbeatMs: number;
  readonly keyCheckMs: number;
  readonly lookbackMs: number;
  readonly batch: number;
  readonly maxBufferedBytes: number;
}

/** How the open agent streams of a process are served (docs/security.md, "Streams"). */
export const STREAM_TIMING: StreamTiming = Object.freeze({
  /** How often the one poll looks for new events. */
  pollMs: 250,
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs: 15_000,
  /** How often each stream's API key is read again: a revoked key closes its streams within this. */
  keyCheckMs: 2_000,
  /** How far back the poll also looks, for an event whose transaction committed after a later one. */
  lookbackMs: 10_000,
  /** Events read for one stream at a time; a stream further behind reads again on the next poll. */
  batch: 100,
  /** A client that lets this much pile up unread is too slow to follow: its stream is closed. */
  maxBufferedBytes: 1024 * 1024,
});

export interface AgentStreamSource {
  /** Agents whose streams moved after `afterId` or within the last `lookbackMs`, with their newest id. */
  activity(afterId: string | null, lookbackMs: number): Promise<readonly { agentId: string; lastId: string }[]>;
}

export interface StreamOpening {
  readonly agentId: string;
  /** The API key the stream was opened with. */
  readonly keyId: string;
  /** Whether that key still lets this stream go on (not deleted, its scope kept). */
  readonly keyStillValid: () => Promise<boolean>;
  readonly startAfter: string;
  readonly next: (after: string, limit: number) => Promise<readonly AgentStreamEvent[]>;
  readonly out: ServerResponse;
}

interface OpenStream extends StreamOpening {
  after: string;
  /** Read on the next poll whatever the activity says: just opened, or more than a batch behind. */
  behind: boolean;
}

export interface AgentStreamHub {
  /** Serves a stream; false when its key already holds as many streams as it may. */
  open(stream: StreamOpening): boolean;
  /** Ends a stream (its client went away). */
  close(out: ServerResponse): void;
  /** Ends every stream, so that a shutdown does not wait for screens to hang up. */
  closeAll(): void;
  readonly size: number;
}

/**
 * Every open agent stream of a process, served by one poll: each 250 ms a single query says which
 * agents' streams moved, and only the streams of those agents read their events. Idle streams
 * cost no query at all; each stream's key is read again every two seconds and a key deleted (or
 * without the scope any more) ends its streams.
 */
export function createAgentStreamHub({
  source,
  log,
  streamsPerKey,
  timing = STREAM_TIMING,
}: {
  source: AgentStreamSource;
  log: FastifyBaseLogger;
  streamsPerKey: number;
  timing?: StreamTiming;
}): AgentStreamHub {
  const streams = new Map<ServerResponse, OpenStream>();
  let cursor: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let lastHeartbeat = Date.now();
  let lastKeyCheck = Date.now();

  const end = (stream: OpenStream, why?: string) => {
    streams.delete(stream.out);
    if (why) stream.out.write(`: ${why}\n\n`);
    stream.out.end();
    if (streams.size === 0) stop();
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  async function deliver(stream: OpenStream) {
    const events = await stream.next(stream.after, timing.batch);
    if (!streams.has(stream.out)) return;
    for (const event of events) {
      stream.out.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      stream.after = event.id;
    }
    stream.behind = events.length === timing.batch;
    if (stream.out.writableLength > timing.maxBufferedBytes)
      end(stream, 'closed: the client reads too slowly to follow');
  }

  async function checkKeys() {
    const byKey = new Map<string, OpenStream[]>();
    for (const stream of streams.values()) {
      const group = byKey.get(stream.keyId);
      if (group) group.push(stream);
      else byKey.set(stream.keyId, [stream]);
    }
    await Promise.all(
      [...byKey.values()].map(async (group) => {
        if (await group[0]!.keyStillValid()) return;
        for (const stream of group)
          if (streams.has(stream.out)) end(stream, 'closed: the API key no longer allows this stream');
      }),
    );
  }

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const now = Date.now();
      if (now - lastKeyCheck >= timing.keyCheckMs) {
        lastKeyCheck = now;
        await checkKeys();
      }
      const activity = await source.activity(cursor, timing.lookbackMs);
      const newest = new Map<string, bigint>();
      for (const { agentId, lastId } of activity) {
        newest.set(agentId, BigInt(lastId));
        if (cursor === null || BigInt(lastId) > BigInt(cursor)) cursor = lastId;
      }
      const moved = [...streams.values()].filter((stream) => {
        const last = newest.get(stream.agentId);
        return stream.behind || (last !== undefined && last > BigInt(stream.after));
      });
      await Promise.all(moved.map(deliver));
      if (now - lastHeartbeat >= timing.heartbeatMs) {
        lastHeartbeat = now;
        for (const stream of streams.values()) stream.out.write(': keep-alive\n\n');
      }
    } catch (error) {
      log.warn({ err: error }, 'the agent streams could not read their events');
    } finally {
      polling = false;
    }
  }

  return {
    open(opening) {
      let held = 0;
      for (const stream of streams.values()) if (stream.keyId === opening.keyId) held += 1;
      if (held >= streamsPerKey) return false;
      streams.set(opening.out, { ...opening, after: opening.startAfter, behind: true });
      if (!timer) {
        lastHeartbeat = Date.now();
        lastKeyCheck = Date.now();
        timer = setInterval(() => void poll(), timing.pollMs);
        timer.unref();
      }
      void poll();
      return true;
    },
    close(out) {
      streams.delete(out);
      if (streams.size === 0) stop();
    },
    closeAll() {
      for (const stream of [...streams.values()]) end(stream);
    },
    get size() {
      return streams.size;
    },
  };
}
