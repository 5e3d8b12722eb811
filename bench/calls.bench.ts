/**
 * Importing Summit call records, measured on PostgreSQL: BENCH_CALLS calls (1,000,000 by default)
 * of 100 contracts, page by page as the billing batches import them (StfcRepository.importCalls:
 * each call once, by Summit's id), against PostgreSQL's COPY of the same rows streamed from the
 * same generator. Each side runs ROUNDS times alternately on an emptied table; the medians, their
 * ratio and the import's peak memory (RSS and heap, sampled every page) are printed.
 *
 *   npm run bench:calls
 *   BENCH_CALLS=200000 BENCH_CALL_PAGE=1000 BENCH_ROUNDS=3 npm run bench:calls
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/adapters/db/database';
import { migrate } from '../src/adapters/db/migrator';
import { createPrismaStore } from '../src/adapters/db/prisma-store';
import type { CallRecord } from '../src/domain/stfc/billing';
import { withBenchDatabase } from './bench-database';
import { alternate, median, secondsSince } from './stats';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const PAGE = Number(process.env.BENCH_CALL_PAGE ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONTRACTS = 100;
const COMPETENCE = '2026-10';
const KINDS = ['local', 'long_distance', 'mobile'] as const;

/** The calls, a page at a time: never all in memory. */
function* pages(contracts: readonly string[], total: number): Generator<CallRecord[]> {
  const importedAt = new Date();
  const base = Date.parse('2026-10-01T03:00:00Z');
  for (let start = 0; start < total; start += PAGE) {
    const page: CallRecord[] = [];
    for (let n = start; n < Math.min(total, start + PAGE); n += 1) {
      const duration = 20 + (n % 900);
      page.push({
        id: randomUUID(),
        contractId: contracts[n % contracts.length]!,
        competence: COMPETENCE,
        callId: `SMT-${n}`,
        startedAt: new Date(base + n * 2_000),
        origin: '+551132221000',
        destination: `+5511400${String(n % 100_000).padStart(5, '0')}`,
        kind: KINDS[n % KINDS.length]!,
        durationSeconds: duration,
        billedSeconds: Math.ceil(duration / 6) * 6,
        amountCents: 10 + (n % 90),
        batchId: null,
        importedAt,
      });
    }
    yield page;
  }
}

const csv = (c: CallRecord) =>
  `${c.id},${c.contractId},${c.competence},${c.callId},${c.startedAt.toISOString()},${c.origin},${c.destination},${c.kind},${c.durationSeconds},${c.billedSeconds},${c.amountCents},,${c.importedAt.toISOString()}\n`;

async function main() {
  await withBenchDatabase(async (url) => {
    const db = await openDatabase({ kind: 'postgresql', url, poolSize: 4 });
    const copyClient = new pg.Client({ connectionString: url });
    try {
      await migrate(db.sql);
      await copyClient.connect();
      const customer = randomUUID();
      await db.sql.query(
        `INSERT INTO customers (id, name, document, document_type, created_at, updated_at) VALUES ($1, 'Bench', '52998224725', 'cpf', now(), now())`,
        [customer],
      );
      const contracts = Array.from({ length: CONTRACTS }, () => randomUUID());
      await db.sql.query(
        `INSERT INTO contracts (id, customer_id, status, access_status, created_at, updated_at) SELECT id, $2, 'active', 'active', now(), now() FROM unnest($1::uuid[]) AS id`,
        [contracts, customer],
      );
      const store = createPrismaStore(db.prisma, db.sql);
      const empty = () => db.sql.query('TRUNCATE call_records');

      const ponte = async (total: number) => {
        await empty();
        let peakRss = 0;
        let peakHeap = 0;
        let added = 0;
        const start = process.hrtime.bigint();
        for (const page of pages(contracts, total)) {
          added += await store.stfc.importCalls(page);
          const memory = process.memoryUsage();
          peakRss = Math.max(peakRss, memory.rss);
          peakHeap = Math.max(peakHeap, memory.heapUsed);
        }
        const seconds = secondsSince(start);
        if (added !== total) throw new Error(`imported ${added} of ${total} calls`);
        return { rate: total / seconds, peakRss, peakHeap };
      };
      const copy = async (total: number) => {
        await empty();
        const start = process.hrtime.bigint();
        const rows = Readable.from(
          (function* () {
            for (const page of pages(contracts, total)) yield page.map(csv).join('');
          })(),
        );
        await pipeline(
          rows,
          copyClient.query(
            copyFrom(
              `COPY call_records (id, contract_id, competence, call_id, started_at, origin, destination, kind, duration_seconds, billed_seconds, amount_cents, batch_id, imported_at) FROM STDIN (FORMAT csv)`,
            ),
          ),
        );
        return total / secondsSince(start);
      };

      // Warm both sides, then measure; a re-import of what is there adds nothing (dedupe by call id).
      await ponte(Math.min(CALLS, 50_000));
      await copy(Math.min(CALLS, 50_000));
      const small = await ponte(CALLS / 10);
      const runs = await alternate(
        ROUNDS,
        () => ponte(CALLS),
        () => copy(CALLS),
      );
      const repeat = process.hrtime.bigint();
      let again = 0;
      for (const page of pages(contracts, Math.min(CALLS, 100_000)))
        again += await store.stfc.importCalls(page.map((c) => ({ ...c, id: randomUUID() })));
      const repeatSeconds = secondsSince(repeat);

      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
      const imported = median(runs.a.map((r) => r.rate));
      const copied = median(runs.b);
      process.stdout.write(
        [
          `Importing ${CALLS.toLocaleString('en')} call records (${CONTRACTS} contracts, pages of ${PAGE}), PostgreSQL, ${ROUNDS} rounds per side, alternately, after a warm-up`,
          ...runs.a.map(
            (r, i) =>
              `  round ${i + 1}: Ponte ${r.rate.toFixed(0)} rows/s, COPY ${runs.b[i]!.toFixed(0)} rows/s, ratio ${(r.rate / runs.b[i]!).toFixed(2)}`,
          ),
          `  COPY FROM STDIN      : ${copied.toFixed(0)} rows/s (median)`,
          `  Ponte import         : ${imported.toFixed(0)} rows/s (median; ratio ${(imported / copied).toFixed(2)}, target ≥ 0.5)`,
          `  peak memory          : ${CALLS.toLocaleString('en')} calls: RSS ${mb(Math.max(...runs.a.map((r) => r.peakRss)))}, heap ${mb(Math.max(...runs.a.map((r) => r.peakHeap)))}; ${(CALLS / 10).toLocaleString('en')} calls: RSS ${mb(small.peakRss)}, heap ${mb(small.peakHeap)}`,
          `  re-import of ${Math.min(CALLS, 100_000).toLocaleString('en')} calls already there: ${again} added in ${repeatSeconds.toFixed(1)} s`,
        ].join('\n') + '\n',
      );
      if (again !== 0) process.exitCode = 1;
    } finally {
      await copyClient.end();
      await db.close();
    }
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
