import { WEBHOOK_RETRY_SCHEDULE_MS } from '../domain/webhooks/endpoint';
import { isTimeZone } from '../domain/shared/calendar';
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
  /** `pretty`: readable lines for a person at a terminal; `json`: one JSON object per line. */
  readonly logFormat: 'pretty' | 'json';
  /** When set, the first start creates the admin key with this value instead of a random one. */
  readonly bootstrapApiKey: string | null;
  readonly bodyLimitBytes: number;
  /** The provider's time zone (IANA name): the days due dates and the overdue policy count in. */
  readonly timeZone: string;
  /** How often the overdue policy runs in the background; null: only when asked (POST /v1/overdue/runs). */
  readonly overdueRunEveryMinutes: number | null;
  /** When the nightly reconciliation plan starts (HH:MM in the provider's time zone); null: only when asked. */
  readonly reconciliationPlanAt: string | null;
  /** Where partners reach this Ponte (event subscriptions' callbacks); null → the address it listens on. */
  readonly publicUrl: string | null;
  /** How many days a bureau's raw answer to a consult is kept (LGPD: no longer than needed); the summary stays. */
  readonly creditRawRetentionDays: number;
  /** The waits between a webhook delivery's attempts (ms): the Standard Webhooks schedule unless set. */
  readonly webhookRetryScheduleMs: readonly number[];
  /** How long a verified API key is trusted before it is read again (revocation delay for other processes). */
  readonly apiKeyCacheSeconds: number;
  /** How long clients may take (docs/security.md, "Clients that never finish"). */
  readonly http: {
    /** A request's headers must all arrive within this. */
    readonly headersTimeoutMs: number;
    /** A whole request, body included, must arrive within this. */
    readonly requestTimeoutMs: number;
    /** An idle kept-alive connection is closed after this. */
    readonly keepAliveTimeoutMs: number;
    /** A connection on which nothing moves for this long is closed (streams send a comment every 15 s). */
    readonly idleTimeoutMs: number;
    /** Connections one process holds at most; more are refused. */
    readonly maxConnections: number;
    /** Open event streams one API key may hold on one process. */
    readonly streamsPerKey: number;
  };
  /** What protects the API from abuse and overload (docs/operations.md, "Limits"). */
  readonly guard: {
    /** Browser origins allowed to call the API (CORS); none by default. */
    readonly corsOrigins: readonly string[];
    /** Which proxies in front are trusted for the client's address (X-Forwarded-For): fastify's trustProxy. */
    readonly trustProxy: boolean | number | readonly string[];
    /** Requests per minute one API key may make on one process; 0: no limit. */
    readonly perKeyPerMinute: number;
    /** Requests per minute one client address may make without a valid key on one process; 0: no limit. */
    readonly perAddressPerMinute: number;
    /** Partner callbacks (bureau webhooks, PBX events) per minute from one address on one process; 0: no limit. */
    readonly partnerPerAddressPerMinute: number;
    /** Above this event loop delay the process answers 503 (Retry-After) instead of queueing more; 0: never. */
    readonly maxEventLoopDelayMs: number;
  };
  /** GET /metrics: on the API port behind the `metrics:read` scope, or on a port of its own without a key. */
  readonly metricsPort: number | null;
  /** 32-byte AES-256-GCM key sealing partner credentials and SVA passwords; null → kept under dataDir (embedded mode only). */
  readonly secretsKey: Buffer | null;
  /** The keys being rotated away from (SECRETS_KEY_PREVIOUS): what they sealed still opens. */
  readonly previousSecretsKeys: readonly Buffer[];
  /** Serve the partner simulators under /sandbox and point partners at them by default. */
  readonly sandbox: boolean;
  /** Saber+ API address; null → the sandbox. */
  readonly saberPlusUrl: string | null;
  /** The softswitch of the SIP lines and its token; null → the sandbox's (or none without it). */
  readonly voip: { readonly url: string; readonly token: string } | null;
  /** TeleCall (MVNO) and its token; null → the sandbox's (or none without it). */
  readonly telecall: { readonly url: string; readonly token: string } | null;
  readonly partnerConnectTimeoutMs: number;
  readonly partnerTimeoutMs: number;
  /** The longest a whole partner call can take: connecting, then the answer. */
  readonly partnerCallMs: number;
  /**
   * Outside embedded/sandbox mode, partner URLs must be https and lead to public addresses; these
   * hosts (names or IPs) are let through anyway (PARTNER_ALLOWED_HOSTS, comma-separated).
   */
  readonly partnerAddresses: { readonly restricted: boolean; readonly allowedHosts: readonly string[] };
  readonly dispatch: {
    /** Run a dispatcher inside the API process (`npm run worker` runs more of them apart). */
    readonly inProcess: boolean;
    readonly concurrency: number;
    readonly pollMs: number;
    readonly leaseMs: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
  };
}

/** TIME_ZONE: an IANA zone name the runtime knows. */
function timeZone(env: Env): string {
  const zone = env.TIME_ZONE?.trim() || 'America/Sao_Paulo';
  if (!isTimeZone(zone))
    throw new ConfigError('TIME_ZONE', `must be an IANA time zone name such as America/Sao_Paulo, got '${zone}'.`);
  return zone;
}

/** OVERDUE_RUN_EVERY_MINUTES: 60 by default; `off` runs the policy only when asked. */
function overdueRunEvery(env: Env): number | null {
  if (env.OVERDUE_RUN_EVERY_MINUTES?.trim().toLowerCase() === 'off') return null;
  return required(integer(env, 'OVERDUE_RUN_EVERY_MINUTES', 60, 1, 1440));
}

/** RECONCILIATION_PLAN_AT: the time (HH:MM, provider's time zone) of the nightly plan; 03:30 by default, `off` for none. */
function reconciliationPlanAt(env: Env): string | null {
  const raw = env.RECONCILIATION_PLAN_AT?.trim() || '03:30';
  if (raw.toLowerCase() === 'off') return null;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw))
    throw new ConfigError('RECONCILIATION_PLAN_AT', `must be a time as HH:MM (00:00 to 23:59) or off, got '${raw}'.`);
  return raw;
}

/** PARTNER_ALLOWED_HOSTS: host names or IP addresses, comma-separated, compared in lower case. */
function allowedHosts(env: Env): string[] {
  const hosts = (env.PARTNER_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ''),
    )
    .filter(Boolean);
  const bad = hosts.find((h) => !/^[a-z0-9.:-]{1,253}$/.test(h));
  if (bad !== undefined)
    throw new ConfigError(
      'PARTNER_ALLOWED_HOSTS',
      `must be host names or IP addresses separated by commas, got '${bad}'.`,
    );
  return hosts;
}

/**
 * WEBHOOK_RETRY_SCHEDULE_MS: the waits between a webhook delivery's attempts, in milliseconds,
 * comma-separated (1 to 20 of them); the Standard Webhooks specification's schedule by default.
 */
function webhookRetrySchedule(env: Env): number[] {
  const raw = env.WEBHOOK_RETRY_SCHEDULE_MS?.trim();
  if (!raw) return [...WEBHOOK_RETRY_SCHEDULE_MS];
  const waits = raw.split(',').map((w) => w.trim());
  if (waits.length > 20 || waits.some((w) => !/^\d{1,10}$/.test(w) || Number(w) < 1 || Number(w) > 7 * 86_400_000))
    throw new ConfigError(
      'WEBHOOK_RETRY_SCHEDULE_MS',
      `must be 1 to 20 waits in milliseconds (1 to 604800000) separated by commas, got '${raw}'.`,
    );
  return waits.map(Number);
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
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got '${raw}'.`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got '${raw}'.`);
  return value;
}

const required = <T>(value: T | null): T => value as T;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be on or off, got '${env[name]}'.`);
}

function httpUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new ConfigError(name, `must be an http(s) URL, got '${raw}'.`);
  return raw.replace(/\/+$/, '');
}

/** CORS_ORIGINS: origins (scheme, host, port) separated by commas. */
function corsOrigins(env: Env): string[] {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const bad = origins.find((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
  if (bad !== undefined)
    throw new ConfigError(
      'CORS_ORIGINS',
      `must be origins such as https://app.example.com separated by commas, got '${bad}'.`,
    );
  return origins.map((o) => o.toLowerCase());
}

/** TRUST_PROXY: off (default), on (every proxy), a number of hops, or proxy addresses/CIDRs separated by commas. */
function trustProxy(env: Env): boolean | number | string[] {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || ['0', 'false', 'off', 'no'].includes(raw)) return false;
  if (['true', 'on', 'yes'].includes(raw)) return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const proxies = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = proxies.find((p) => !/^[0-9a-f.:]+(\/\d{1,3})?$/.test(p));
  if (bad !== undefined)
    throw new ConfigError(
      'TRUST_PROXY',
      `must be on, off, a number of hops, or addresses/CIDRs separated by commas, got '${bad}'.`,
    );
  return proxies;
}

function previousSecretsKeys(env: Env): Buffer[] {
  const keys = (env.SECRETS_KEY_PREVIOUS ?? '')
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => Buffer.from(raw, 'base64'));
  if (keys.some((key) => key.length !== 32))
    throw new ConfigError('SECRETS_KEY_PREVIOUS', 'must be 32-byte base64 keys separated by commas.');
  return keys;
}

function secretsKey(env: Env): Buffer | null {
  const raw = env.SECRETS_KEY?.trim();
  if (!raw) return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('SECRETS_KEY', 'must be 32 bytes in base64 (openssl rand -base64 32).');
  return key;
}

const stdoutIsTerminal = () => process.stdout.isTTY === true;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; any bad value stops the start naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must be a PostgreSQL URL (postgresql://user@host:5432/db), or unset for the embedded database.',
    );
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got '${env.LOG_LEVEL}'.`);
  const logFormat = (env.LOG_FORMAT?.trim() || (stdoutIsTerminal() ? 'pretty' : 'json')) as Config['logFormat'];
  if (logFormat !== 'pretty' && logFormat !== 'json')
    throw new ConfigError('LOG_FORMAT', `must be pretty or json, got '${env.LOG_FORMAT}'.`);
  const bootstrapApiKey = env.BOOTSTRAP_API_KEY?.trim() || null;
  if (bootstrapApiKey !== null && !/^[A-Za-z0-9_-]{24,128}$/.test(bootstrapApiKey)) {
    throw new ConfigError('BOOTSTRAP_API_KEY', 'must be 24 to 128 characters of letters, digits, _ or -.');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const partnerConnectTimeoutMs = required(integer(env, 'PARTNER_CONNECT_TIMEOUT_MS', 3_000, 50, 60_000));
  const partnerTimeoutMs = required(integer(env, 'PARTNER_TIMEOUT_MS', 10_000, 50, 120_000));
  const partnerCallMs = partnerConnectTimeoutMs + partnerTimeoutMs;
  const leaseMs = required(integer(env, 'DISPATCH_LEASE_MS', 60_000, 1_000, 3_600_000));
  // A lease shorter than a partner call would let a second dispatcher repeat a call still running.
  if (leaseMs <= partnerCallMs)
    throw new ConfigError(
      'DISPATCH_LEASE_MS',
      `must be longer than a whole partner call (${partnerCallMs} ms), got '${leaseMs}'.`,
    );
  const sandbox = flag(env, 'SANDBOX', databaseUrl === null);
  const headersTimeoutMs = required(integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000));
  const requestTimeoutMs = required(integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000));
  // Node refuses a server whose headers may take longer than the whole request.
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError(
      'HEADERS_TIMEOUT_MS',
      `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs} ms), got '${headersTimeoutMs}'.`,
    );
  const voipUrl = httpUrl(env, 'VOIP_URL');
  const voipToken = env.VOIP_TOKEN?.trim() || null;
  if (voipUrl && !voipToken)
    throw new ConfigError('VOIP_TOKEN', 'is required with VOIP_URL (the softswitch API token).');
  if (voipToken && !/^[^\s]{8,500}$/.test(voipToken))
    throw new ConfigError('VOIP_TOKEN', 'must be 8 to 500 characters without spaces.');
  const telecallUrl = httpUrl(env, 'TELECALL_URL');
  const telecallToken = env.TELECALL_TOKEN?.trim() || null;
  if (telecallUrl && !telecallToken)
    throw new ConfigError('TELECALL_TOKEN', 'is required with TELECALL_URL (the TeleCall API token).');
  if (telecallToken && !/^[^\s]{8,500}$/.test(telecallToken))
    throw new ConfigError('TELECALL_TOKEN', 'must be 8 to 500 characters without spaces.');
  return Object.freeze({
    databaseUrl,
    dataDir: resolve(env.DATA_DIR?.trim() || '.data'),
    databasePoolSize: required(integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200)),
    port: required(integer(env, 'PORT', 3000, 0, 65535)),
    host,
    logLevel,
    logFormat,
    bootstrapApiKey,
    bodyLimitBytes: required(integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600)),
    timeZone: timeZone(env),
    overdueRunEveryMinutes: overdueRunEvery(env),
    reconciliationPlanAt: reconciliationPlanAt(env),
    apiKeyCacheSeconds: required(integer(env, 'API_KEY_CACHE_SECONDS', 5, 0, 300)),
    http: Object.freeze({
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: required(integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000, 1_000, 600_000)),
      idleTimeoutMs: required(integer(env, 'IDLE_TIMEOUT_MS', 60_000, 20_000, 3_600_000)),
      maxConnections: required(integer(env, 'MAX_CONNECTIONS', 10_000, 10, 1_000_000)),
      streamsPerKey: required(integer(env, 'STREAMS_PER_KEY', 20, 1, 10_000)),
    }),
    guard: Object.freeze({
      corsOrigins: Object.freeze(corsOrigins(env)),
      trustProxy: trustProxy(env),
      perKeyPerMinute: required(integer(env, 'RATE_LIMIT_PER_KEY', 6_000, 0, 100_000_000)),
      perAddressPerMinute: required(integer(env, 'RATE_LIMIT_PER_ADDRESS', 120, 0, 100_000_000)),
      partnerPerAddressPerMinute: required(integer(env, 'RATE_LIMIT_PARTNER_PER_ADDRESS', 60_000, 0, 100_000_000)),
      maxEventLoopDelayMs: required(integer(env, 'MAX_EVENT_LOOP_DELAY_MS', 1_000, 0, 60_000)),
    }),
    metricsPort: integer(env, 'METRICS_PORT', null, 0, 65535),
    publicUrl: httpUrl(env, 'PUBLIC_URL'),
    creditRawRetentionDays: required(integer(env, 'CREDIT_RAW_RETENTION_DAYS', 90, 0, 3650)),
    webhookRetryScheduleMs: Object.freeze(webhookRetrySchedule(env)),
    secretsKey: secretsKey(env),
    previousSecretsKeys: Object.freeze(previousSecretsKeys(env)),
    sandbox,
    saberPlusUrl: httpUrl(env, 'SABER_PLUS_URL'),
    voip: voipUrl && voipToken ? { url: voipUrl, token: voipToken } : null,
    telecall: telecallUrl && telecallToken ? { url: telecallUrl, token: telecallToken } : null,
    partnerConnectTimeoutMs,
    partnerTimeoutMs,
    partnerCallMs,
    partnerAddresses: Object.freeze({
      restricted: databaseUrl !== null && !sandbox,
      allowedHosts: Object.freeze(allowedHosts(env)),
    }),
    dispatch: Object.freeze({
      inProcess: flag(env, 'DISPATCH_IN_PROCESS', true),
      concurrency: required(integer(env, 'DISPATCH_CONCURRENCY', 64, 1, 1024)),
      pollMs: required(integer(env, 'DISPATCH_POLL_MS', 500, 10, 60_000)),
      leaseMs,
      maxAttempts: required(integer(env, 'DISPATCH_MAX_ATTEMPTS', 8, 1, 100)),
      retryBaseMs: required(integer(env, 'DISPATCH_RETRY_BASE_MS', 1_000, 1, 3_600_000)),
      retryMaxMs: required(integer(env, 'DISPATCH_RETRY_MAX_MS', 15 * 60_000, 1, 86_400_000)),
    }),
  });
}
