import { parseArgs } from 'node:util';
import { openDatabase } from './adapters/db/database';
import { claimEmbeddedDatabase, EmbeddedDatabaseBusy } from './adapters/db/embedded-lock';
import { migrate } from './adapters/db/migrator';
import { buildApp } from './app/build-app';
import { ConfigError, loadConfig } from './app/config';
import { databaseLocation } from './main-location';

const USAGE =
  'Usage: npm run admin-key -- --name NAME   (mints a new admin API key in the database Ponte uses: DATABASE_URL, or the embedded one under DATA_DIR)';

class UsageError extends Error {}

/** For an operator who lost every admin key: mints a new one straight in the database. */
async function adminKey() {
  let name: string | undefined;
  try {
    ({
      values: { name },
    } = parseArgs({ options: { name: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  name = name?.trim();
  if (!name || name.length > 100 || /[\u0000-\u001F\u007F]/.test(name))
    throw new UsageError(`--name must be 1 to 100 printable characters.\n${USAGE}`);

  const config = loadConfig();
  const release = config.databaseUrl === null ? claimEmbeddedDatabase(config.dataDir) : () => undefined;
  const db = await openDatabase(databaseLocation(config));
  try {
    await migrate(db.sql);
    const app = await buildApp({ config: { ...config, sandbox: false }, db, overrides: { logger: false } });
    const created = await app.useCases.apiKeys.createApiKey({ name, scopes: ['admin'] });
    await app.http.close();
    if (!created.ok) throw new Error(created.error.message);
    process.stdout.write(`Admin API key '${name}' (shown once, store it now):\n\n  ${created.value.key}\n\n`);
  } finally {
    await db.close();
    release();
  }
}

adminKey().catch((error) => {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof EmbeddedDatabaseBusy;
  process.stderr.write(
    `${known ? error.message : `Could not mint an admin key: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(error instanceof UsageError ? 64 : error instanceof ConfigError ? 78 : 1);
});
