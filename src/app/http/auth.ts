import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyRecord, ApiKeyRepository } from '../../domain/api-keys/ports';
import { hashApiKey, hasScope, type Scope } from '../use-cases/api-keys/api-keys';
import { problem, sendProblem } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope an operation needs; routes without one are public (health, docs). */
    scope?: Scope;
    /** The operation creates something and honours `Idempotency-Key`. */
    idempotent?: boolean;
    /**
     * Fields of the answer that carry a secret Ponte made and shows once: the stored answer keeps
     * them null, so an `Idempotency-Key` replay never shows the secret again.
     */
    shownOnce?: readonly string[];
  }
  interface FastifyRequest {
    apiKey: ApiKeyRecord | null;
  }
}

export interface ApiKeyVerifier {
  verify(secret: string): Promise<ApiKeyRecord | null>;
  /** The key as the database has it now, whatever this process remembers (a long stream's re-check). */
  reread(secret: string): Promise<ApiKeyRecord | null>;
  /** Forgets a key at once in this process (after it is deleted). */
  forget(id: string): void;
  /** Forgets the secrets found to be no key (after a key is created): the new one works at once. */
  forgetMisses(): void;
}

/** What an API key can look like: Ponte's own (`ponte_` and 43 characters) or a BOOTSTRAP_API_KEY. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{24,128}$/;
/** How long a secret found to be no key is answered 401 without asking the database again. */
const MISS_MS = 1_000;
const MAX_REMEMBERED = 10_000;

/**
 * Looks keys up by hash and remembers the ones that exist for `ttlMs`, so that a hot read costs no
 * extra query. A key deleted through another process stops working after at most `ttlMs`. A secret
 * that is no key costs little: one that cannot be a key is refused unhashed, one that could is
 * looked up once and refused from memory for a second (a burst of the same bad key neither hashes
 * nor queries again; docs/security.md). A key created through this process works at once; one
 * created by another process within a second.
 */
export function createApiKeyVerifier(
  apiKeys: ApiKeyRepository,
  ttlMs: number,
  now: () => number = Date.now,
): ApiKeyVerifier {
  const cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  const misses = new Map<string, number>();
  const missed = (secret: string) => {
    if (misses.size >= MAX_REMEMBERED) misses.clear();
    misses.set(secret, now() + MISS_MS);
  };
  return {
    async verify(secret) {
      if (!KEY_SHAPE.test(secret)) return null;
      const miss = misses.get(secret);
      if (miss !== undefined) {
        if (miss > now()) return null;
        misses.delete(secret);
      }
      const hash = hashApiKey(secret);
      const hit = cache.get(hash);
      if (hit && hit.until > now()) return hit.record;
      const record = await apiKeys.findByHash(hash);
      if (!record) missed(secret);
      else if (ttlMs > 0) {
        if (cache.size > MAX_REMEMBERED) cache.clear();
        cache.set(hash, { record, until: now() + ttlMs });
      }
      return record;
    },
    async reread(secret) {
      const hash = hashApiKey(secret);
      const record = await apiKeys.findByHash(hash);
      if (record && ttlMs > 0) cache.set(hash, { record, until: now() + ttlMs });
      else cache.delete(hash);
      return record;
    },
    forget(id) {
      for (const [hash, entry] of cache) if (entry.record.id === id) cache.delete(hash);
    },
    forgetMisses() {
      misses.clear();
    },
  };
}

/**
 * The credential of an `Authorization: Bearer <credential>` header, the scheme in any case and
 * spaces around it tolerated (RFC 9110 makes the scheme case-insensitive); null for anything else.
 */
export function bearerOf(header: string | string[] | undefined): string | null {
  const match = typeof header === 'string' ? /^\s*Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/** The key a request presents as `Authorization: Bearer <key>`, when it is a valid one. */
export async function apiKeyOf(request: FastifyRequest, verifier: ApiKeyVerifier): Promise<ApiKeyRecord | null> {
  const secret = bearerOf(request.headers.authorization);
  return secret ? verifier.verify(secret) : null;
}

const presented = new WeakMap<FastifyRequest, ApiKeyRecord | null>();

/** apiKeyOf, looked up once per request (the rate limiter and authentication both ask). */
export async function keyOf(request: FastifyRequest, verifier: ApiKeyVerifier): Promise<ApiKeyRecord | null> {
  if (presented.has(request)) return presented.get(request)!;
  const record = await apiKeyOf(request, verifier);
  presented.set(request, record);
  return record;
}

export function registerAuth(app: FastifyInstance, verifier: ApiKeyVerifier) {
  app.decorateRequest('apiKey', null);
  app.addHook('onRequest', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const record = await keyOf(request, verifier);
    if (!record) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, problem('UNAUTHENTICATED', 'Send a valid API key as `Authorization: Bearer <key>`.'));
    }
    if (!hasScope(record.scopes, scope)) {
      return sendProblem(reply, problem('FORBIDDEN', `This API key lacks the scope '${scope}'.`));
    }
    request.apiKey = record;
  });
}
