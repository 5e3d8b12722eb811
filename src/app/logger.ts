import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config';

/** Paths of secrets and personal documents that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.key',
  '*.apiKey',
  '*.document',
  '*.cpf',
  '*.cnpj',
  '*.credentials',
  '*.prefix',
  '*.sealedCredentials',
  '*.sealedPassword',
  'req.headers["x-exa-prefix"]',
  'body.password',
  'body.token',
  'body.document',
];

const SENSITIVE_QUERY = /([?&](?:document|cpf|cnpj|token|password)=)[^&]*/gi;

/**
 * Anything shaped like a CPF (11 digits) or a CNPJ (14 characters, alphanumeric since July 2026),
 * with or without its punctuation, standing on its own: masked wherever it appears, whatever the
 * field, parameter or path segment is called (a mobile phone's 11 digits are masked too).
 */
const DOCUMENT =
  /(?<![0-9A-Za-z])(?:\d{3}[.\s]?\d{3}[.\s]?\d{3}[-\s]?\d{2}|[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2})(?![0-9A-Za-z])/g;

export const maskDocuments = (text: string) => text.replace(DOCUMENT, '[document]');

const decoded = (url: string) => {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
};

/** The URL as logged: read as the server reads it (escapes undone), documents and secrets masked. */
export const redactUrl = (url: string) => maskDocuments(decoded(url).replace(SENSITIVE_QUERY, '$1[Redacted]'));

const isPlain = (value: object) => [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * Every string of a log line, at any depth, with documents masked. Only plain objects and arrays
 * are walked: requests and errors keep their class for the serializers above, which mask them.
 */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskDocuments(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  if (!isPlain(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)]));
}

export function loggerOptions(level: LogLevel): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        id: req.id,
      }),
      err: (error: Error) => {
        const serialized = stdSerializers.err(error) as Partial<ReturnType<typeof stdSerializers.err>> | undefined;
        return {
          type: String(serialized?.type ?? typeof error),
          message: maskDocuments(String(serialized?.message ?? error)),
          stack: maskDocuments(String(serialized?.stack ?? '')),
          ...(typeof (error as unknown as { code?: unknown } | null)?.code === 'string'
            ? { code: (error as unknown as { code: string }).code }
            : {}),
        };
      },
    },
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskDocuments(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
}

/**
 * Standard output as the log stream, for a process whose reader may go away (a supervisor's log
 * pipe restarted, a parent that exited; docs/operations.md, "Stopping"): once a write fails
 * (EPIPE), lines are dropped and the process goes on — and stops when told. pino's own destination would retry the
 * dead pipe forever on its way out, and the process would never stop.
 */
export function stdoutLogStream(out: NodeJS.WriteStream = process.stdout) {
  let gone = false;
  out.on('error', () => {
    gone = true;
  });
  return {
    write(line: string) {
      if (gone) return;
      try {
        out.write(line);
      } catch {
        gone = true;
      }
    },
  };
}

/**
 * Readable lines for a person at a terminal (LOG_FORMAT=pretty, the default when stdout is one):
 * the same masked records, formatted in-process so that nothing is lost at exit.
 */
export const prettyStream = (destination: NodeJS.WritableStream = process.stdout) =>
  pretty({
    colorize: destination === process.stdout && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    sync: true,
    destination,
  });
