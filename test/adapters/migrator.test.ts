import { createHash } from 'node:crypto';
import { migrate, readMigrations } from '../../src/adapters/db/migrator';
import { DATABASE_KINDS, openTestDatabase } from '../helpers/databases';

describe.each(DATABASE_KINDS)('migrations [%s]', (kind) => {
  test('when migrations run, then each is recorded the way Prisma records it, and a second run applies nothing', async () => {
    const db = await openTestDatabase(kind, { migrated: false });
    try {
      const migrations = readMigrations();
      expect(await migrate(db.sql)).toEqual(migrations.map((m) => m.name));
      expect(await migrate(db.sql)).toEqual([]);
      const rows = await db.sql.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
      for (const [i, row] of rows.entries()) {
        expect(row.checksum).toBe(createHash('sha256').update(migrations[i]!.sql).digest('hex'));
        expect(row.finished_at).not.toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await db.close();
    }
  });

  test('when two starters migrate at once, then every migration is applied exactly once', async () => {
    const db = await openTestDatabase(kind, { migrated: false });
    try {
      const [a, b] = await Promise.all([migrate(db.sql), migrate(db.sql)]);
      expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await db.close();
    }
  });

  test('when an applied migration file was edited, then migrating stops and says which', async () => {
    const db = await openTestDatabase(kind);
    try {
      const [first, ...rest] = readMigrations();
      await expect(migrate(db.sql, [{ ...first!, checksum: 'edited' }, ...rest])).rejects.toThrow(first!.name);
    } finally {
      await db.close();
    }
  });

  test('when a migration fails, then the ones before it stay applied and it is not recorded', async () => {
    const db = await openTestDatabase(kind);
    try {
      const broken = {
        name: '29991231000000_broken',
        sql: 'CREATE TABLE ok_table (id int); SELECT * FROM missing_table;',
        checksum: 'x',
      };
      await expect(migrate(db.sql, [...readMigrations(), broken])).rejects.toThrow('29991231000000_broken');
      const recorded = await db.sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [
        broken.name,
      ]);
      expect(recorded).toEqual([]);
      const table = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'ok_table'`);
      expect(table).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
