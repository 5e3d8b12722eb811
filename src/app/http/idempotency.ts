import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, RouteHandlerMethod } from 'fastify';
import type { Store, UnitOfWork } from '../../domain/ports/store';
import type { StoredAnswer } from '../../domain/ports/idempotency';
import { problem } from './errors';

interface PendingAnswer {
  readonly key: string;
  readonly path: string;
  readonly requestHash: string;
  readonly unit: UnitOfWork;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: PendingAnswer | null;
  }
}

/** Another request with the same key committed its answer first. */
const KEY_TAKEN = Symbol('idempotency-key-taken');

const keyReused = () =>
  problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body or path.', [
    { field: 'idempotency-key', message: 'Already used for another request.' },
  ]);

/** An answer as it is stored: the secrets shown once are null in it (a replay says they were shown at creation). */
function withoutSecrets(body: unknown, shownOnce: readonly string[]): unknown {
  if (shownOnce.length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return { ...body, ...Object.fromEntries(shownOnce.filter((field) => field in body).map((field) => [field, null])) };
}

/** The payload and headers that give a stored answer again (or refuse a key reused for another request). */
function replay(reply: FastifyReply, stored: StoredAnswer, requestHash: string): string {
  const answer: { status: number; body: unknown } =
    stored.requestHash === requestHash
      ? { status: stored.statusCode, body: stored.body }
      : { status: 422, body: keyReused() };
  reply.code(answer.status);
  reply.removeHeader('content-length');
  if (answer.status >= 400) reply.type('application/problem+json');
  else reply.type('application/json; charset=utf-8');
  if (stored.requestHash === requestHash) reply.header('idempotent-replayed', 'true');
  return answer.body === null || answer.body === undefined ? '' : JSON.stringify(answer.body);
}

/**
 * `Idempotency-Key` on creating POSTs. The first request with a key runs as one unit of work, and
 * its answer is stored in the same transaction as the change it answers: after a crash there is
 * either both or neither, so a retry never creates a second resource. A replay with the same body
 * gets the stored answer (with `Idempotent-Replayed: true`); the same key with another body is
 * refused (422). Two requests racing with one key both run, but only the first commits: the other
 * rolls back and answers as a replay. Server errors are not stored, so the client may retry them.
 */
export function registerIdempotency(app: FastifyInstance, store: Store, now: () => Date) {
  app.decorateRequest('idempotency', null);

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (request, reply) {
      const pending = request.idempotency;
      return pending
        ? pending.unit.run(async () => handler.call(this, request, reply))
        : handler.call(this, request, reply);
    };
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !request.apiKey) return;
    const path = request.url.split('?')[0]!;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const stored = await store.idempotency.find(request.apiKey.id, key);
    if (stored) return reply.send(replay(reply, stored, requestHash));
    request.idempotency = { key, path, requestHash, unit: store.unitOfWork() };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    const apiKey = request.apiKey;
    if (!pending || !apiKey) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await pending.unit.rollback();
      return payload;
    }
    const body = withoutSecrets(
      typeof payload === 'string' && payload !== '' ? (JSON.parse(payload) as unknown) : null,
      request.routeOptions.config.shownOnce ?? [],
    );
    const answer = {
      apiKeyId: apiKey.id,
      key: pending.key,
      method: request.method,
      path: pending.path,
      requestHash: pending.requestHash,
      statusCode: reply.statusCode,
      body,
      createdAt: now(),
    };
    try {
      await pending.unit.commit(async (repos) => {
        // A sentinel, not an error: another request took the key first, and the caller answers its way.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (!(await repos.idempotency.record(answer))) throw KEY_TAKEN;
      });
      return payload;
    } catch (error) {
      if (error !== KEY_TAKEN) throw error;
    }
    // Rolled back: the answer that counts is the one the first request stored.
    const stored = await store.idempotency.find(apiKey.id, pending.key);
    if (!stored) throw new Error('An Idempotency-Key conflicted with an answer that is not there.');
    return replay(reply, stored, pending.requestHash);
  });
}
