import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlConnection } from './database';

export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'prisma', 'migrations');

// Any fixed number shared by every Ponte process: two processes starting at once queue here.
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations the way `prisma migrate deploy` would, recording each one in
 * Prisma's own `_prisma_migrations` table so that Prisma's CLI agrees where it can run.
 * Each file runs in its own transaction under an advisory lock, so two processes starting at
 * once never apply the same file twice, and a failing file leaves the earlier ones applied.
 * Returns the names applied by this call.
 */
export async function migrate(sql: SqlConnection, migrations = readMigrations()): Promise<string[]> {
  await sql.transaction(async (session) => {
    await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await session.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
  });
  const done: string[] = [];
  for (const migration of migrations) {
    const applied = await sql.transaction(async (session) => {
      await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const [row] = await session.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
          WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied (checksum differs)`);
        }
        return false;
      }
      const startedAt = new Date();
      try {
        await session.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      await session.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      return true;
    });
    if (applied) done.push(migration.name);
  }
  return done;
}
