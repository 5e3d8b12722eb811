/**
 * An Asterisk's event WebSocket under load, on PostgreSQL: a simulated Asterisk on a server of
 * its own (ARI only) places BENCH_CALLS_PER_SECOND inbound calls a second for BENCH_SECONDS
 * (50 and 60 by default: 500 ARI events a second once calls also end, ten per call; at least 8 s), which Ponte follows over
 * its event connection (docs/partners.md, "Event connections"). Prints the events sent per
 * second, the lag from the PBX's Dial ANSWER to the agent's stream told of the answered call
 * (percentiles over every call; target p99 under 1 s), the calls left unended, and Ponte's heap
 * after a GC at the start, the middle and the end (no growth: within a few MiB).
 *
 *   npm run bench:pbx-events
 *   BENCH_CALLS_PER_SECOND=50 BENCH_SECONDS=60 npm run bench:pbx-events
 */
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { serveAsterisk } from '../src/adapters/sandbox/pbx/ari-server';
import { PbxSimulator } from '../src/adapters/sandbox/pbx/simulator';
import { withBenchDatabase } from './bench-database';
import { pbxPonte } from './pbx-ponte';

const CALLS_PER_SECOND = Number(process.env.BENCH_CALLS_PER_SECOND ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const heapMiB = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 10 });
    await migrate(db.sql);
    const asterisk = new PbxSimulator('asterisk', (login) => login === 'ponte:bench-ari');
    let sent = 0;
    const served = await serveAsterisk(asterisk);
    const { app } = await pbxPonte(db, url, {
      type: 'asterisk',
      ariUrl: served.ariUrl,
      username: 'ponte',
      password: 'bench-ari',
    });
    // When the PBX said each call was answered (Dial ANSWER), to measure what the agent's stream is told against.
    const answeredAt = new Map<string, number>();
    const connect = asterisk.connectApplication.bind(asterisk);
    asterisk.connectApplication = (name, listener) =>
      connect(name, (event) => {
        sent++;
        const { type, dialstatus, caller } = event as { type?: string; dialstatus?: string; caller?: { id: string } };
        if (type === 'Dial' && dialstatus === 'ANSWER' && caller) answeredAt.set(caller.id, Date.now());
        listener(event);
      });
    for (const service of app.background) service.start();
    while (asterisk.connectedApplications === 0) await new Promise((resolve) => setTimeout(resolve, 50));

    const placed: string[] = [];
    const heap = [heapMiB()];
    const started = Date.now();
    // Calls on a fixed schedule; the event rate is taken once calls start ending (each lasts 6 s).
    let steady = { sent: 0, at: started };
    for (let i = 0; i < SECONDS * CALLS_PER_SECOND; i++) {
      const due = started + (i * 1000) / CALLS_PER_SECOND;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const call = asterisk.inbound({ from: `1198${String(i).padStart(7, '0')}`, did: '5121010001', extension: '30' });
      if (call) placed.push(call.id);
      if (i === 7 * CALLS_PER_SECOND) steady = { sent, at: Date.now() };
      if (i === Math.floor((SECONDS * CALLS_PER_SECOND) / 2)) heap.push(heapMiB());
    }
    const sentPerSecond = (sent - steady.sent) / ((Date.now() - steady.at) / 1000);
    // Every call ends 6 s after it starts; wait for the last ones to be folded.
    const deadline = Date.now() + 30_000;
    let open = placed.length;
    while (Date.now() < deadline) {
      const rows = await db.sql.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM calls WHERE state <> 'ended'`,
      );
      open = rows[0]!.open;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    heap.push(heapMiB());
    // What the agent's stream was told, and when: the notice of each call answered.
    const told = await db.sql.query<{ external_id: string; at_ms: number }>(
      `SELECT data->>'externalId' AS external_id, min(extract(epoch FROM at) * 1000)::float8 AS at_ms
         FROM agent_stream_events WHERE type = 'call' AND data->>'state' = 'answered' GROUP BY 1`,
    );
    const answerLags = told
      .filter((row) => answeredAt.has(row.external_id))
      .map((row) => row.at_ms - answeredAt.get(row.external_id)!)
      .sort((a, b) => a - b);
    console.log(`PostgreSQL, one Ponte process, a simulated Asterisk on 127.0.0.1 (ARI events WebSocket)`);
    console.log(`  calls placed          : ${placed.length} (${CALLS_PER_SECOND}/s for ${SECONDS} s)`);
    console.log(`  ARI events sent       : ${sent} (${sentPerSecond.toFixed(0)}/s once calls also end)`);
    console.log(
      `  stream lag (answer)   : p50 ${percentile(answerLags, 50).toFixed(0)} ms, p99 ${percentile(answerLags, 99).toFixed(0)} ms, max ${answerLags.at(-1)!.toFixed(0)} ms (target p99 < 1000 ms)`,
    );
    console.log(`  calls left unended    : ${open}`);
    console.log(
      `  heap after GC (MiB)   : start ${heap[0]!.toFixed(1)}, middle ${heap[1]!.toFixed(1)}, end ${heap[2]!.toFixed(1)}`,
    );
    await app.http.close();
    await served.http.close();
    await db.close();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
