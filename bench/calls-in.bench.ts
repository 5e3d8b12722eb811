/**
 * Inbound call events through the event route (POST /v1/pbx/{id}/events), on PostgreSQL, with
 * caller identification against BENCH_CUSTOMERS customers (100,000 by default): each event is a
 * new call ringing from a customer's number (half mobile phones, half other phones), so each one
 * creates its call, keeps its event, folds it and looks its number up. Prints events per second
 * and the latency percentiles of one event; target p99 under 20 ms. The events are sent from a
 * thread of their own (bench/calls-in-client.mjs), as a PBX sends them from another machine.
 *
 *   npm run bench:calls-in
 *   BENCH_CUSTOMERS=100000 BENCH_EVENTS=5000 BENCH_CONCURRENCY=8 npm run bench:calls-in
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { withBenchDatabase } from './bench-database';
import { pbxPonte } from './pbx-ponte';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);
const SECRET = 'bench-pbx-events-secret';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 10 });
    await migrate(db.sql);
    const seeded = Date.now();
    await db.sql.exec(`
      INSERT INTO customers (id, name, document, document_type, mobile_phone, phones)
      SELECT gen_random_uuid(), 'Cliente ' || n, lpad(n::text, 11, '0'), 'cpf',
             '+55119' || lpad(n::text, 8, '0'), ARRAY['+55113' || lpad((n % 10000000)::text, 7, '0')]
        FROM generate_series(1, ${CUSTOMERS}) AS n;
      ANALYZE customers;`);
    const { app, base, adminKey, pbxId } = await pbxPonte(db, url, {
      type: 'planetfone',
      address: 'pf.bench.invalid',
      port: 9000,
      eventSecret: SECRET,
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` };
    console.log(
      `Inbound call events, PostgreSQL 127.0.0.1:5432; ${CUSTOMERS.toLocaleString('en')} customers seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s; ${EVENTS} events, ${CONCURRENCY} at a time`,
    );

    const run = (from: number, count: number) =>
      new Promise<number[]>((resolve, reject) => {
        const job = {
          base,
          pbxId,
          secret: SECRET,
          customers: CUSTOMERS,
          concurrency: CONCURRENCY,
          from,
          count,
        };
        const client = new Worker(join(__dirname, 'calls-in-client.mjs'), { workerData: job });
        client.once('message', (answer: { latencies?: number[]; error?: string }) =>
          answer.latencies ? resolve(answer.latencies) : reject(new Error(answer.error)),
        );
        client.once('error', reject);
      });
    await run(0, WARMUP);
    const started = performance.now();
    const latencies = (await run(WARMUP, EVENTS)).sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;

    // Each call found its customers: every number above belongs to exactly one.
    const sample = (
      await db.sql.query<{ matched: string }>(`SELECT count(*)::text AS matched FROM calls WHERE customer_id IS NULL`)
    )[0]!;
    const check = (await (await fetch(`${base}/v1/calls?limit=1`, { headers })).json()) as { items: { id: string }[] };
    const one = (await (await fetch(`${base}/v1/calls/${check.items[0]!.id}`, { headers })).json()) as {
      matches: unknown[];
    };
    console.log(`  events/s           : ${(EVENTS / seconds).toFixed(0)}`);
    console.log(
      `  latency per event  : p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (target p99 < 20 ms)`,
    );
    console.log(
      `  calls stored       : ${(await db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM calls'))[0]!.n} (${sample.matched} without an attached customer: matches are listed, not attached); a call's matches: ${one.matches.length}`,
    );
    await app.http.close();
    await db.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
