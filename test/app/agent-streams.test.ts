import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { createAgentStreamHub, STREAM_TIMING, type AgentStreamSource } from '../../src/app/http/pbx/agent-streams';
import type { AgentStreamEvent } from '../../src/domain/pbx/ports';

/* Issue 24, item 5: every open stream of a process is served by one poll, not one poll each. */
const timing = { ...STREAM_TIMING, pollMs: 10, keyCheckMs: 40 };
const log = { warn: () => undefined } as unknown as FastifyBaseLogger;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `condition` holds (the hub polls on its own timer), for at most five seconds. */
const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition() && waited < 5_000; waited += 10) await sleep(10);
};

function fakeOut() {
  const written: string[] = [];
  let ended = false;
  const out = {
    write: (chunk: string) => (written.push(chunk), true),
    end: () => void (ended = true),
    writableLength: 0,
  } as unknown as ServerResponse;
  return { out, written, ended: () => ended };
}

describe('the agent stream hub', () => {
  test('when five hundred streams are idle, then each poll is one query and no stream reads its events', async () => {
    let polls = 0;
    let reads = 0;
    const source: AgentStreamSource = { activity: async () => (polls++, []) };
    const hub = createAgentStreamHub({ source, log, streamsPerKey: 1_000, timing });
    const outs = Array.from({ length: 500 }, () => fakeOut());
    for (const [i, { out }] of outs.entries()) {
      hub.open({
        agentId: `agent-${i}`,
        keyId: 'k',
        keyStillValid: async () => true,
        startAfter: '0',
        next: async () => (reads++, []),
        out,
      });
    }
    // Each stream reads once as it opens (to catch up after Last-Event-ID), then only on activity.
    await until(() => reads === 500);
    expect(reads).toBe(500);
    reads = 0;
    const before = polls;
    await until(() => polls >= before + 5);
    hub.closeAll();
    expect(polls - before).toBeGreaterThanOrEqual(5);
    expect(reads).toBe(0);
  });

  test('when an agent has new events, then only its streams read them, in order, resuming after the last one written', async () => {
    const events: AgentStreamEvent[] = [];
    const source: AgentStreamSource = {
      activity: async () => (events.length ? [{ agentId: 'ana', lastId: events.at(-1)!.id }] : []),
    };
    const hub = createAgentStreamHub({ source, log, streamsPerKey: 10, timing });
    const afters: string[] = [];
    const next = async (after: string) => (afters.push(after), events.filter((e) => BigInt(e.id) > BigInt(after)));
    const ana = fakeOut();
    const bia = fakeOut();
    let biaReads = 0;
    hub.open({ agentId: 'ana', keyId: 'k', keyStillValid: async () => true, startAfter: '0', next, out: ana.out });
    hub.open({
      agentId: 'bia',
      keyId: 'k',
      keyStillValid: async () => true,
      startAfter: '0',
      next: async () => (biaReads++, []),
      out: bia.out,
    });
    await until(() => biaReads > 0 && afters.length > 0);
    biaReads = 0;
    events.push(
      { id: '7', type: 'call', data: { state: 'ringing' }, at: new Date() },
      { id: '9', type: 'extension', data: { status: 'ringing' }, at: new Date() },
    );
    await until(() => ana.written.filter((w) => w.startsWith('id:')).length === 2);
    hub.closeAll();
    expect(ana.written.filter((w) => w.startsWith('id:'))).toEqual([
      'id: 7\nevent: call\ndata: {"state":"ringing"}\n\n',
      'id: 9\nevent: extension\ndata: {"status":"ringing"}\n\n',
    ]);
    expect(afters.at(-1)).toBe('0');
    expect(biaReads).toBe(0);
  });

  test('when a key stops being valid, then its streams end with a closing comment; other keys stream on', async () => {
    let valid = true;
    const hub = createAgentStreamHub({ source: { activity: async () => [] }, log, streamsPerKey: 10, timing });
    const revoked = fakeOut();
    const kept = fakeOut();
    hub.open({
      agentId: 'ana',
      keyId: 'old',
      keyStillValid: async () => valid,
      startAfter: '0',
      next: async () => [],
      out: revoked.out,
    });
    hub.open({
      agentId: 'ana',
      keyId: 'other',
      keyStillValid: async () => true,
      startAfter: '0',
      next: async () => [],
      out: kept.out,
    });
    valid = false;
    await until(() => revoked.ended());
    expect(revoked.ended()).toBe(true);
    expect(revoked.written.join('')).toContain(': closed: the API key no longer allows this stream');
    expect(kept.ended()).toBe(false);
    expect(hub.size).toBe(1);
    hub.closeAll();
  });

  test('when a key holds as many streams as it may, then the next is refused until one closes', () => {
    const hub = createAgentStreamHub({ source: { activity: async () => [] }, log, streamsPerKey: 2, timing });
    const opening = (out: ServerResponse) => ({
      agentId: 'ana',
      keyId: 'k',
      keyStillValid: async () => true,
      startAfter: '0',
      next: async () => [],
      out,
    });
    const [a, b, c] = [fakeOut(), fakeOut(), fakeOut()];
    expect(hub.open(opening(a.out))).toBe(true);
    expect(hub.open(opening(b.out))).toBe(true);
    expect(hub.open(opening(c.out))).toBe(false);
    hub.close(a.out);
    expect(hub.open(opening(c.out))).toBe(true);
    hub.closeAll();
  });
});
