import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';

/** Plain SQL access, used where Prisma has no words for it (migrations, SKIP LOCKED, locks). */
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
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
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgresql'; url: string; poolSize?: number };

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'pglite' ? openPglite(location.dataDir) : openPostgres(location.url, location.poolSize ?? 10);
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
    async query<T>(sql: string, params: unknown[] = []) {
      return (await runner.query(sql, params)).rows as T[];
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
          if ((await client.query('COMMIT')).command === 'ROLLBACK') throw new Error('The transaction was rolled back: a statement in it failed.');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
