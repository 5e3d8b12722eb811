import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { keyOf, type ApiKeyVerifier } from './auth';
import { problem, sendProblem } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `partner`: a partner's callback (a bureau webhook, PBX events), which proves itself with its
     * own secret and is limited per address apart from the rest; `probe`: a probe that is never
     * limited nor refused under pressure (health, readiness, metrics).
     */
    guard?: 'partner' | 'probe';
  }
}

/** Thrown by the rate limiter; the error handler answers it as RATE_LIMITED. */
export class RateLimited extends Error {
  readonly statusCode = 429;
  readonly code = 'PONTE_RATE_LIMITED';
}

const WINDOW_MS = 60_000;
/** Headers a browser frontend may send and read (CORS). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'traceparent',
  'tracestate',
  'x-request-id',
];
const EXPOSED_HEADERS = [
  'etag',
  'location',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-request-id',
  'traceresponse',
  'deprecation',
  'sunset',
  'link',
];
const POLICY = Symbol('rate limit policy');

interface Policy {
  readonly name: 'per-key' | 'per-address' | 'partner';
  readonly max: number;
  readonly bucket: string;
}
type Guarded = FastifyRequest & { [POLICY]?: Policy };

/**
 * What stands between the network and the routes (docs/operations.md, "Limits"): security headers
 * (helmet), the browser origins allowed (CORS), a 503 with Retry-After when the event loop lags
 * (under-pressure) and rate limits per API key and, for calls without a valid key, per client
 * address, answered 429 with Retry-After and the IETF RateLimit and RateLimit-Policy headers.
 * Registered before authentication, so that a burst of bad keys is limited too.
 */
export async function registerGuard(http: FastifyInstance, guard: Config['guard'], verifier: ApiKeyVerifier) {
  await http.register(helmet, {
    // The API answers JSON, and /docs (Swagger UI) loads its scripts and styles from this origin.
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'], 'upgrade-insecure-requests': null },
    },
    // Served over plain HTTP on a private network as often as behind TLS: HSTS is the proxy's to send.
    strictTransportSecurity: false,
  });
  await http.register(cors, {
    origin: guard.corsOrigins.length > 0 ? [...guard.corsOrigins] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: true,
  });
  if (guard.maxEventLoopDelayMs > 0)
    await http.register(underPressure, {
      maxEventLoopDelay: guard.maxEventLoopDelayMs,
      // Probes still answer (a lagging process is alive); the rest is refused until the loop catches up.
      pressureHandler: (request: FastifyRequest, reply: FastifyReply) => {
        if (request.routeOptions.config.guard === 'probe') return;
        reply.header('retry-after', '5');
        void sendProblem(reply, problem('SERVICE_UNAVAILABLE', 'Ponte is overloaded; try again in a few seconds.'));
      },
    });

  await http.register(rateLimit, {
    global: false,
    // One process's memory: the limits are per process (docs/operations.md, "Limits").
    cache: 50_000,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => new RateLimited(`Too many requests; try again in ${context.after}.`),
  });
  const max = {
    'per-key': guard.perKeyPerMinute,
    'per-address': guard.perAddressPerMinute,
    partner: guard.partnerPerAddressPerMinute,
  };
  const limiter = (name: Policy['name']) =>
    http.rateLimit({
      max: max[name],
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => (request as Guarded)[POLICY]!.bucket,
    });
  const limiters = {
    'per-key': limiter('per-key'),
    'per-address': limiter('per-address'),
    partner: limiter('partner'),
  };

  http.addHook('onRequest', async (request: Guarded, reply) => {
    const kind = request.routeOptions.config.guard;
    if (kind === 'probe' || request.method === 'OPTIONS') return;
    const key = kind === 'partner' ? null : await keyOf(request, verifier);
    const name = kind === 'partner' ? 'partner' : key ? 'per-key' : 'per-address';
    if (max[name] === 0) return;
    request[POLICY] = { name, max: max[name], bucket: key ? `key:${key.id}` : `${name}:${request.ip}` };
    await limiters[name].call(http, request, reply);
  });
  // The limiter's own headers, as the IETF draft names them: RateLimit and RateLimit-Policy.
  http.addHook('onSend', async (request: Guarded, reply) => {
    const policy = request[POLICY];
    if (!policy) return;
    const remaining = reply.getHeader('ratelimit-remaining');
    const reset = reply.getHeader('ratelimit-reset');
    reply.removeHeader('ratelimit-limit').removeHeader('ratelimit-remaining').removeHeader('ratelimit-reset');
    if (remaining === undefined) return;
    reply.header('ratelimit-policy', `"${policy.name}";q=${policy.max};w=${WINDOW_MS / 1000}`);
    reply.header('ratelimit', `"${policy.name}";r=${String(remaining)};t=${String(reset ?? 0)}`);
  });
}
