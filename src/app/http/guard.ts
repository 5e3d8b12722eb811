import cors from '@fastify/cors';
import helmet from 'helmet';
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
  /** The IETF RateLimit and RateLimit-Policy headers of the answer: the policy, nothing left, when the window resets. */
  constructor(
    message: string,
    readonly headers: { readonly ratelimit: string; readonly 'ratelimit-policy': string },
  ) {
    super(message);
  }
}

const WINDOW_MS = 60_000;
/** How long after it started a process is not judged overloaded (under-pressure samples each second). */
const WARM_UP_MS = 5_000;
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
  'deprecation',
  'sunset',
  'link',
];
const POLICY = Symbol('rate limit policy');
/** The routes that answer pages a browser renders. */
const PAGES = /^\/(docs|problems|sandbox)(\/|$)/;
const API_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

interface Policy {
  readonly name: 'per-key' | 'per-address' | 'partner';
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
export async function registerGuard(
  http: FastifyInstance,
  guard: Config['guard'],
  verifier: ApiKeyVerifier,
  /** When the process finished starting (performance.now()); null while it starts. */
  startedAt: () => number | null,
) {
  // The pages (/docs, /problems, the sandbox's) get helmet's whole policy, built once; /docs
  // (Swagger UI) loads its scripts and styles from this origin. A JSON answer is never rendered,
  // framed nor sniffed into a script: it gets the two headers that say so (OWASP's advice for REST
  // APIs), not a kilobyte of page policy on every call. HSTS is the TLS-terminating proxy's to send.
  const pagePolicy = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: false,
  });
  const pages = new Set<string>();
  http.addHook('onRoute', (route) => {
    if (PAGES.test(route.url)) pages.add(route.url);
  });
  // No origin allowed (the default): no CORS at all, and a preflight answers 405 like any method a path does not take.
  if (guard.corsOrigins.length > 0)
    await http.register(cors, {
      origin: [...guard.corsOrigins],
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
      // Starting (modules loaded, migrations, connections) lags the loop for a moment: that is no
      // overload, and the first scrapes of the delay after it still show it.
      pressureHandler: (request: FastifyRequest, reply: FastifyReply) => {
        const since = startedAt();
        if (request.routeOptions.config.guard === 'probe' || since === null || performance.now() - since < WARM_UP_MS)
          return;
        reply.header('retry-after', '5');
        void sendProblem(reply, problem('SERVICE_UNAVAILABLE', 'Ponte is overloaded; try again in a few seconds.'));
      },
    });

  const policies: Record<Policy['name'], { readonly max: number; readonly header: string }> = {
    'per-key': { max: guard.perKeyPerMinute, header: policyHeader('per-key', guard.perKeyPerMinute) },
    'per-address': { max: guard.perAddressPerMinute, header: policyHeader('per-address', guard.perAddressPerMinute) },
    partner: {
      max: guard.partnerPerAddressPerMinute,
      header: policyHeader('partner', guard.partnerPerAddressPerMinute),
    },
  };
  // The limiter's own headers stay off: a 429 says RateLimit-Policy and RateLimit, as the IETF draft
  // names them; the answers within the limit say nothing (the draft lets a server leave them off).
  const off = { 'ratelimit-limit': false, 'ratelimit-remaining': false, 'ratelimit-reset': false } as const;
  await http.register(rateLimit, {
    global: false,
    // One process's memory: the limits are per process (docs/operations.md, "Limits").
    cache: 50_000,
    enableDraftSpec: true,
    addHeadersOnExceeding: off,
    addHeaders: { ...off, 'retry-after': true },
    errorResponseBuilder: (request, context) =>
      new RateLimited(`Too many requests; try again in ${context.after}.`, {
        ratelimit: `"${(request as Guarded)[POLICY]!.name}";r=0;t=${Math.ceil(context.ttl / 1000)}`,
        'ratelimit-policy': policies[(request as Guarded)[POLICY]!.name].header,
      }),
  });
  const limiter = (name: Policy['name']) =>
    http.rateLimit({
      max: policies[name].max,
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => (request as Guarded)[POLICY]!.bucket,
    });
  const limiters = {
    'per-key': limiter('per-key'),
    'per-address': limiter('per-address'),
    partner: limiter('partner'),
  };

  // One hook for the headers and the limits, every request.
  http.addHook('onRequest', async (request: Guarded, reply) => {
    if (!pages.has(request.routeOptions.url ?? '')) reply.headers(API_SECURITY_HEADERS);
    else
      await new Promise<void>((resolve, reject) =>
        pagePolicy(request.raw, reply.raw, (error) =>
          error ? reject(error instanceof Error ? error : new Error('helmet failed', { cause: error })) : resolve(),
        ),
      );
    const kind = request.routeOptions.config.guard;
    if (kind === 'probe' || request.method === 'OPTIONS') return;
    const key = kind === 'partner' ? null : await keyOf(request, verifier);
    const name = kind === 'partner' ? 'partner' : key ? 'per-key' : 'per-address';
    const policy = policies[name];
    if (policy.max === 0) return;
    request[POLICY] = { name, bucket: key ? `key:${key.id}` : `${name}:${request.ip}` };
    await limiters[name].call(http, request, reply);
  });
}

const policyHeader = (name: Policy['name'], max: number) => `"${name}";q=${max};w=${WINDOW_MS / 1000}`;
