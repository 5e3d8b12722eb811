import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_KINDS, openTestDatabase } from '../helpers/databases';

/** Tables and their columns as schema.prisma declares them (relation fields have no column). */
function prismaTables(schema: string): Record<string, string[]> {
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]!));
  const tables: Record<string, string[]> = {};
  for (const [, name, body] of models) {
    const lines = body!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('//'));
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    tables[table] = lines
      .filter((l) => !l.startsWith('@@'))
      .map((l) => l.split(/\s+/))
      .filter(([, type]) => !modelNames.has(type!.replace(/[?[\]]/g, '')))
      .map(([field, , ...rest]) => /@map\("([^"]+)"\)/.exec(rest.join(' '))?.[1] ?? field!)
      .sort();
  }
  return tables;
}

describe.each(DATABASE_KINDS)('schema.prisma and the migrations [%s]', (kind) => {
  test('when the migrations are applied to an empty database, then it has exactly the tables and columns schema.prisma declares', async () => {
    const db = await openTestDatabase(kind);
    try {
      const rows = await db.sql.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
      );
      const actual: Record<string, string[]> = {};
      for (const row of rows) (actual[row.table_name] ??= []).push(row.column_name);
      for (const columns of Object.values(actual)) columns.sort();
      expect(actual).toEqual(
        prismaTables(readFileSync(join(__dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8')),
      );
    } finally {
      await db.close();
    }
  });
});
