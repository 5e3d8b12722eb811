/**
 * The PBX side of bench:calls-in, in a thread of its own so that making requests does not take
 * Ponte's event loop (a PBX is another machine), with undici's pooled `request` (lighter than
 * `fetch`: the machine's cores are shared with Ponte and PostgreSQL); plain JavaScript, as a worker
 * runs it: sends `count` inbound ringing events from
 * customers' numbers, `concurrency` at a time, and answers each one's latency in ms.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

const mobile = (n) => `+55119${String(n).padStart(8, '0')}`;
const landline = (n) => `+55113${String(n % 10_000_000).padStart(7, '0')}`;

/** @param {{ base: string, pbxId: string, secret: string, customers: number, concurrency: number, from: number, count: number }} job */
async function run({ base, pbxId, secret, customers, concurrency, from, count }) {
  const pool = new Pool(base, { connections: concurrency });
  const send = async (n) => {
    const phone = n % 2 === 0 ? mobile(1 + ((n * 7919) % customers)) : landline(1 + ((n * 7919) % customers));
    const started = performance.now();
    const response = await pool.request({
      method: 'POST',
      path: `/v1/pbx/${pbxId}/events`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({
        event: 'ringing',
        callId: `bench-${n}`,
        direction: 'inbound',
        phone,
        extension: '30',
        did: '+555121010001',
        at: new Date().toISOString(),
      }),
    });
    await response.body.arrayBuffer();
    if (response.statusCode !== 200) throw new Error(`event ${n} answered ${response.statusCode}`);
    return performance.now() - started;
  };
  const latencies = [];
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) latencies.push(await send(next++));
    }),
  );
  await pool.close();
  return latencies;
}

run(workerData).then(
  (latencies) => parentPort.postMessage({ latencies }),
  (error) => parentPort.postMessage({ error: error.message }),
);
