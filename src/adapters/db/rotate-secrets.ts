import type { SecretBox } from '../../domain/ports/secrets';
import type { SqlSession } from './database';

const BATCH = 500;

/**
 * Re-seals with the current key every stored secret another key sealed (a SECRETS_KEY rotation;
 * docs/operations.md, "Rotating SECRETS_KEY"). Every column named `sealed_…` of a table with an
 * `id` holds a sealed value, whatever area it belongs to. Each value is replaced only if it is
 * still the one read, so a secret saved meanwhile is left as it was saved (with the current key).
 * Answers how many values it re-sealed, by table and column.
 */
export async function rotateSecrets(sql: SqlSession, secrets: SecretBox): Promise<Record<string, number>> {
  const columns = await sql.query<{ table: string; column: string }>(
    `SELECT c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.column_name LIKE 'sealed\\_%'
        AND EXISTS (SELECT 1 FROM information_schema.columns k
                     WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = 'id')
      ORDER BY 1, 2`,
  );
  const resealed: Record<string, number> = {};
  for (const { table, column } of columns) {
    const name = `${table}.${column}`;
    resealed[name] = 0;
    let after: string | null = null;
    for (;;) {
      const rows: { id: string; value: string }[] = await sql.query<{ id: string; value: string }>(
        `SELECT id::text AS id, "${column}" AS value FROM "${table}"
          WHERE "${column}" IS NOT NULL AND ($1::text IS NULL OR id::text > $1) ORDER BY id::text LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        if (secrets.sealedWithCurrent(row.value)) continue;
        const again = secrets.seal(secrets.open(row.value));
        const changed = await sql.query<{ id: string }>(
          `UPDATE "${table}" SET "${column}" = $1 WHERE id::text = $2 AND "${column}" = $3 RETURNING id`,
          [again, row.id, row.value],
        );
        resealed[name] += changed.length;
      }
      after = rows.at(-1)!.id;
    }
  }
  return resealed;
}
