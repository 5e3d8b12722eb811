/**
 * Open agent streams (GET /v1/agents/{id}/stream), on PostgreSQL: BENCH_STREAMS screens (500 by
 * default) of one agent, held by a client process of their own. Measures what idle streams cost
 * the server — its CPU and the statements it sends PostgreSQL per second — against the same server
 * with no stream open (the baseline), then how long one call takes to reach every screen
 * (BENCH_CALLS calls). Every stream of a process shares one poll (docs/security.md, "Streams").
 *
 *   npm run bench:streams
 *   BENCH_STREAMS=1000 BENCH_IDLE_SECONDS=10 npm run bench:streams
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { withBenchDatabase } from './bench-database';
import { pbxPonte } from './pbx-ponte';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const SECRET = 'bench-pbx-events-secret';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every statement the server sends PostgreSQL, counted where the driver sends it. */
let statements = 0;
const send = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 10 });
    await migrate(db.sql);
    const { app, base, adminKey, pbxId, agentId } = await pbxPonte(
      db,
      url,
      { type: 'forip', address: 'forip.bench.invalid', port: 9100, eventSecret: SECRET },
      { STREAMS_PER_KEY: String(STREAMS) },
    );

    /** The server's CPU (a share of one core) and PostgreSQL statements per second over `seconds`. */
    const load = async (seconds: number) => {
      const cpu = process.cpuUsage();
      const before = statements;
      const started = performance.now();
      await sleep(seconds * 1000);
      const used = process.cpuUsage(cpu);
      const wall = (performance.now() - started) / 1000;
      return { cpu: (used.user + used.system) / 1e6 / wall, statementsPerSecond: (statements - before) / wall };
    };

    console.log(
      `Agent streams, PostgreSQL 127.0.0.1:5432; ${STREAMS} streams of one agent, idle for ${IDLE_SECONDS} s; ${CALLS} calls fanned out`,
    );
    const idle = await load(IDLE_SECONDS);

    const client = fork(join(__dirname, 'streams-client.mjs'), [
      JSON.stringify({ base, agentId, key: adminKey, count: STREAMS }),
    ]);
    const reached = new Map<string, number>();
    const opened = new Promise<void>((resolve, reject) =>
      client.on('message', (message: { open?: number; all?: string; at?: number; error?: string }) => {
        if (message.error) reject(new Error(message.error));
        if (message.open) resolve();
        if (message.all) reached.set(message.all, message.at!);
      }),
    );
    await opened;
    await sleep(3_000);
    const streaming = await load(IDLE_SECONDS);

    const fanOut: number[] = [];
    for (let n = 0; n < CALLS; n++) {
      const mark = `mark-${n}`;
      const sent = Date.now();
      await fetch(`${base}/v1/pbx/${pbxId}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
        body: JSON.stringify({
          event: 'ringing',
          callId: mark,
          direction: 'inbound',
          phone: '(11) 98765-4321',
          extension: '30',
          at: new Date().toISOString(),
        }),
      });
      for (let waited = 0; !reached.has(mark) && waited < 10_000; waited += 5) await sleep(5);
      if (!reached.has(mark)) throw new Error(`${mark} did not reach every stream`);
      fanOut.push(reached.get(mark)! - sent);
    }
    fanOut.sort((a, b) => a - b);
    client.kill();

    const pct = (share: number) => `${(share * 100).toFixed(1)} % of a core`;
    console.log(
      `  server CPU            : ${pct(streaming.cpu)} with ${STREAMS} idle streams; ${pct(idle.cpu)} with none (baseline); ${(streaming.cpu / Math.max(idle.cpu, 0.001)).toFixed(1)}×`,
    );
    console.log(
      `  statements/s to PG    : ${streaming.statementsPerSecond.toFixed(1)} with ${STREAMS} idle streams; ${idle.statementsPerSecond.toFixed(1)} with none (one poll: 4/s, whatever the number of streams)`,
    );
    console.log(
      `  call to every screen  : p50 ${percentile(fanOut, 50)} ms, p99 ${percentile(fanOut, 99)} ms, max ${fanOut.at(-1)} ms (the poll runs every 250 ms)`,
    );
    await app.http.close();
    await db.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
