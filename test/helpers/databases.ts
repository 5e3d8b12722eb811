import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/adapters/db/database';
import { migrate } from '../../src/adapters/db/migrator';

export type DatabaseKind = 'pglite' | 'postgresql';

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it). */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/**
 * A freshly migrated database: in-memory PGlite, or a database of its own on the PostgreSQL
 * server (so that test files running in parallel never share tables). `close()` drops it.
 */
export async function openTestDatabase(kind: DatabaseKind, options: { migrated?: boolean } = {}): Promise<Database> {
  const migrated = options.migrated ?? true;
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    if (migrated) await migrate(db.sql);
    return db;
  }
  const scratch = await createScratchDatabase();
  const db = await openDatabase({ kind: 'postgresql', url: scratch.url, poolSize: 5 });
  if (migrated) await migrate(db.sql);
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

/** An empty database of its own on the PostgreSQL server of TEST_DATABASE_URL. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `ponte_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: withDatabase(serverUrl, name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Empties every table but Prisma's migration log, between tests. */
export async function resetTables(db: Database): Promise<void> {
  const tables = await db.sql.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length > 0) await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
}
