import type { FastifyReply } from 'fastify';
import type { Page } from '../../domain/ports/page';
import type { Result } from '../../domain/shared/result';
import { sendDomainError } from './errors';
import { pageView, readPage } from './pagination';

/** Sends a use case's Result: the view with `status`, or the failure as a problem. */
export function respond<T, V>(reply: FastifyReply, result: Result<T>, status: number, view: (value: T) => V) {
  return result.ok ? reply.code(status).send(view(result.value)) : sendDomainError(reply, result.error);
}

/** Reads `limit`/`cursor`, runs a list use case and sends `{ items, nextCursor }`. */
export async function respondPage<T, V>(
  reply: FastifyReply,
  query: { limit?: number; cursor?: string },
  list: (page: { limit: number; after?: string }) => Promise<Result<Page<T>>>,
  view: (item: T) => V,
  ids?: RegExp,
) {
  const page = readPage(query, ids);
  if (!page.ok) return sendDomainError(reply, page.error);
  return respond(reply, await list(page.value), 200, (p) => pageView(p, view));
}
