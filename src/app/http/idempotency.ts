import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './errors';

export interface StoredResponse {
  readonly requestHash: string;
  readonly statusCode: number | null;
  readonly body: unknown;
  readonly createdAt: Date;
}

/** Remembers the first answer to each (API key, Idempotency-Key). */
export interface IdempotencyStore {
  /** Claims the key for a new request; returns the existing record when it was already claimed. */
  claim(apiKeyId: string, key: string, method: string, path: string, requestHash: string): Promise<StoredResponse | null>;
  complete(apiKeyId: string, key: string, statusCode: number, body: unknown): Promise<void>;
  release(apiKeyId: string, key: string): Promise<void>;
  /** Forgets keys older than `before`. */
  purge(before: Date): Promise<number>;
}

// A claim whose request never finished (the process died) may be taken over after this long.
const ABANDONED_AFTER_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key is processed and its answer
 * stored; a replay with the same body gets that answer again (with `Idempotent-Replayed: true`);
 * the same key with another body is refused (422); a replay while the first is running gets 409.
 * Server errors are not stored, so the client may retry them with the same key.
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, now: () => Date) {
  app.decorateRequest('idempotencyKey', null);
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !request.apiKey) return;
    const path = request.url.split('?')[0]!;
    const requestHash = createHash('sha256').update(`${request.method} ${path}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    let existing = await store.claim(request.apiKey.id, key, request.method, path, requestHash);
    if (existing && existing.statusCode === null && now().getTime() - existing.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await store.release(request.apiKey.id, key);
      existing = await store.claim(request.apiKey.id, key, request.method, path, requestHash);
    }
    if (!existing) {
      request.idempotencyKey = key;
      return;
    }
    if (existing.requestHash !== requestHash) {
      return sendProblem(reply, problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body or path.', [{ field: 'idempotency-key', message: 'Already used for another request.' }]));
    }
    if (existing.statusCode === null) {
      reply.header('retry-after', '1');
      return sendProblem(reply, problem('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.'));
    }
    reply.header('idempotent-replayed', 'true').code(existing.statusCode);
    if (existing.statusCode >= 400) reply.type('application/problem+json');
    return reply.send(existing.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const apiKey = request.apiKey;
    if (!request.idempotencyKey || !apiKey) return payload;
    if (reply.statusCode >= 500) await store.release(apiKey.id, request.idempotencyKey);
    else await store.complete(apiKey.id, request.idempotencyKey, reply.statusCode, typeof payload === 'string' && payload !== '' ? JSON.parse(payload) : null);
    return payload;
  });
}
