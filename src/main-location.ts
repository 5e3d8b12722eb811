import { join } from 'node:path';
import type { DatabaseLocation } from './adapters/db/database';
import type { Config } from './app/config';

/** Which database a configuration points at: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export const databaseLocation = (config: Config): DatabaseLocation =>
  config.databaseUrl
    ? { kind: 'postgresql', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'pglite', dataDir: join(config.dataDir, 'pglite') };
