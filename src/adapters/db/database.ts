import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';

/** Plain SQL access, used where Prisma has no words for it (migrations, SKIP LOCKED, locks). */
export interface SqlSession {
  /**
   * Runs one statement. With a `name`, PostgreSQL prepares it once per connection and reuses the
   * plan (the name must always come with the same text).
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<T[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface SqlConnection extends SqlSession {
  /**
   * Runs `work` on one connection inside BEGIN/COMMIT, rolling back when it throws. Rejects when
   * any statement failed, even if `work` caught the error: the transaction did not commit.
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgresql';
  readonly prisma: PrismaClient;
  readonly sql: SqlConnection;
  /**
   * LISTENs on `channel` on a connection of its own, and calls `onNotify` with each payload. A lost
   * connection is opened again, then `onNotify('')` is called once for what it may have missed.
   * Answers how to stop.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseLocation =
  { kind: 'pglite'; dataDir: string | null } | { kind: 'postgresql'; url: string; poolSize?: number };

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'pglite'
    ? openPglite(location.dataDir)
    : openPostgres(location.url, location.poolSize ?? 10);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const session = (runner: Pick<PGlite, 'query' | 'exec'>): SqlSession => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await runner.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    sql: {
      ...session(pglite),
      transaction: (work) =>
        pglite.transaction(async (tx) => {
          const result = await work(session(tx));
          // Fails when a statement failed and was caught: COMMIT would roll back without a word.
          await tx.query('SELECT 1');
          return result;
        }),
    },
    listen: (channel, onNotify) => pglite.listen(channel, onNotify),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, admin) must not crash the process:
  // the pool drops that client and the next query opens a new one.
  pool.on('error', () => undefined);
  const session = (runner: pg.Pool | pg.PoolClient): SqlSession => ({
    async query<T>(sql: string, params: unknown[] = [], options: { name?: string } = {}) {
      return (await runner.query({ text: sql, values: params, ...(options.name ? { name: options.name } : {}) }))
        .rows as T[];
    },
    async exec(sql: string) {
      await runner.query(sql);
    },
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgresql',
    prisma,
    sql: {
      ...session(pool),
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(session(client));
          // PostgreSQL answers COMMIT of a transaction that met an error with ROLLBACK, not an error.
          if ((await client.query('COMMIT')).command === 'ROLLBACK')
            throw new Error('The transaction was rolled back: a statement in it failed.');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    },
    listen: (channel, onNotify) => listenOn(url, channel, onNotify),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const RELISTEN_AFTER_MS = 1_000;

async function listenOn(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => onNotify(message.payload ?? ''));
    next.on('error', () => undefined);
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await next.end().catch(() => undefined));
    client = next;
    next.on('end', () => {
      if (client === next) client = null;
      again();
    });
  };
  const again = () => {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => onNotify(''),
        () => again(),
      );
    }, RELISTEN_AFTER_MS);
    retry.unref();
  };
  await connect().catch(() => again());
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}
