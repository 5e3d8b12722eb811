import { resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** null → embedded PGlite under `dataDir`. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly databasePoolSize: number;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** When set, the first start creates the admin key with this value instead of a random one. */
  readonly bootstrapApiKey: string | null;
  readonly bodyLimitBytes: number;
  /** Overdue policy: days blocked before automatic cancellation; null = never. */
  readonly overdueCancelAfterDays: number | null;
  /** How long a verified API key is trusted before it is read again (revocation delay for other processes). */
  readonly apiKeyCacheSeconds: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number | null, min: number, max: number): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer between ${min} and ${max}, got '${raw}'.`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be an integer between ${min} and ${max}, got '${raw}'.`);
  return value;
}

const required = <T>(value: T | null): T => value as T;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; any bad value stops the start naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', "must be a PostgreSQL URL (postgresql://user@host:5432/db), or unset for the embedded database.");
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got '${env.LOG_LEVEL}'.`);
  const bootstrapApiKey = env.BOOTSTRAP_API_KEY?.trim() || null;
  if (bootstrapApiKey !== null && !/^[A-Za-z0-9_\-]{24,128}$/.test(bootstrapApiKey)) {
    throw new ConfigError('BOOTSTRAP_API_KEY', 'must be 24 to 128 characters of letters, digits, _ or -.');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  return Object.freeze({
    databaseUrl,
    dataDir: resolve(env.DATA_DIR?.trim() || '.data'),
    databasePoolSize: required(integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200)),
    port: required(integer(env, 'PORT', 3000, 0, 65535)),
    host,
    logLevel,
    bootstrapApiKey,
    bodyLimitBytes: required(integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600)),
    overdueCancelAfterDays: integer(env, 'OVERDUE_CANCEL_AFTER_DAYS', null, 1, 3650),
    apiKeyCacheSeconds: required(integer(env, 'API_KEY_CACHE_SECONDS', 5, 0, 300)),
  });
}
