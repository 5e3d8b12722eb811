import { openDatabase } from './adapters/db/database';
import { migrate } from './adapters/db/migrator';
import { ConfigError, loadConfig } from './app/config';
import { databaseLocation } from './main-location';

async function run() {
  const db = await openDatabase(databaseLocation(loadConfig()));
  try {
    const applied = await migrate(db.sql);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await db.close();
  }
}

run().catch((error) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
