import type { FastifyServerOptions } from 'fastify';
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

/** The URL as logged: documents and secrets in the query string are masked. */
export const redactUrl = (url: string) => url.replace(SENSITIVE_QUERY, '$1[Redacted]');

export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
    },
  };
}
