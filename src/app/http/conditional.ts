import { hash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyRequest,
  onSendHookHandler,
  preHandlerAsyncHookHandler,
  RouteOptions,
} from 'fastify';
import { problem, sendProblem } from './errors';

/*
 * Conditional requests (RFC 9110 §13; docs/operations.md, "Conditional requests"): every answer
 * of a single resource carries an ETag, the digest of what it says (its `version` included), so it
 * changes whenever any field does. `If-None-Match` on a GET answers 304 when nothing changed;
 * `If-Match` on a PATCH, PUT or DELETE answers 412 PRECONDITION_FAILED when the resource is no
 * longer the one the client read.
 */

const MUTATING = new Set(['PATCH', 'PUT', 'DELETE']);

/** A route that answers one resource: `/v1/contracts/:id`, `/v1/settings/overdue-policy`. */
export const isResourceRoute = (url: string) => /\/:[A-Za-z]+$/.test(url) || url.startsWith('/v1/settings/');

/** SHA-1 is plenty to tell two versions of one resource apart (not a security boundary), and quick. */
export const etagOf = (body: string) => `"${hash('sha1', body, 'base64url')}"`;

/** The entity tags of an If-Match or If-None-Match header; `*` is any. Weak tags never match strongly. */
const tagsOf = (header: string) =>
  header
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

const matches = (header: string, etag: string, weak: boolean) =>
  tagsOf(header).some((tag) => tag === '*' || tag === etag || (weak && tag === `W/${etag}`));

const jsonAnswer = (type: unknown) => typeof type === 'string' && type.startsWith('application/json');

const IF_MATCH = {
  type: 'string',
  maxLength: 1000,
  description: 'The ETag of the resource as the client read it: a change to a resource changed since answers 412.',
};
const IF_NONE_MATCH = {
  type: 'string',
  maxLength: 1000,
  description: 'The ETag of the copy the client holds: 304 with no body when it is still the current one.',
};
const ETAG = { type: 'string', description: 'The digest of this representation, for If-Match and If-None-Match.' };

type Headers = { type?: string; properties?: Record<string, unknown> } & Record<string | symbol, unknown>;
type Responses = Record<string | number, Record<string, unknown>>;

/** The contract says it: the headers each operation takes, the ETag it sends, 304 and 412. */
function describe(route: RouteOptions) {
  const schema = route.schema as { headers?: Headers; response?: Responses } | undefined;
  if (!schema?.response) return;
  const method = [route.method].flat()[0]!;
  const header = method === 'GET' ? { 'if-none-match': IF_NONE_MATCH } : { 'if-match': IF_MATCH };
  const given = schema.headers;
  schema.headers = given
    ? { ...given, properties: { ...given.properties, ...header } }
    : { type: 'object', properties: header };
  const ok = schema.response[200];
  if (ok) schema.response[200] = { ...ok, headers: { ...(ok.headers as object | undefined), ETag: ETAG } };
  if (method === 'GET')
    schema.response[304] = {
      description: 'Not modified: the copy named in If-None-Match is the current one.',
      type: 'null',
    };
  else if (!schema.response[412]) {
    const problemSchema = (schema.response[400]?.content as Record<string, { schema: unknown }> | undefined)?.[
      'application/problem+json'
    ]?.schema;
    const example = problem('PRECONDITION_FAILED', 'The resource changed since the ETag sent in If-Match.');
    schema.response[412] = {
      description: 'The resource changed since the ETag sent in If-Match. Codes: PRECONDITION_FAILED.',
      content: {
        'application/problem+json': {
          schema: problemSchema,
          examples: { PRECONDITION_FAILED: { summary: example.detail, value: example } },
        },
      },
    };
  }
}

export function registerConditionalRequests(http: FastifyInstance) {
  // Hooks of the resource routes only: every other route goes without them.
  http.addHook('onRoute', (route) => {
    const method = [route.method].flat()[0]!;
    if (!isResourceRoute(route.url) || (method !== 'GET' && !MUTATING.has(method))) return;
    describe(route);
    if (MUTATING.has(method)) route.preHandler = [ifMatch(http), ...[route.preHandler ?? []].flat()];
    route.onSend = [withEtag, ...[route.onSend ?? []].flat()];
  });
}

/** If-Match: the resource as it is now, read as the client would, must be the one it names. */
const ifMatch =
  (http: FastifyInstance): preHandlerAsyncHookHandler =>
  async (request, reply) => {
    const header = request.headers['if-match'];
    if (typeof header !== 'string') return;
    const current = await readCurrent(http, request);
    if (current === null) return; // Not there (or not readable): the operation answers for itself.
    if (!matches(header, current, false))
      return sendProblem(
        reply,
        problem(
          'PRECONDITION_FAILED',
          `The resource changed since the ETag sent in If-Match; it is now ${current}: read it again.`,
        ),
      );
  };

/** The ETag of a resource's answer, and 304 for a GET whose If-None-Match names it. */
const withEtag: onSendHookHandler = (request, reply, payload, done) => {
  if (reply.statusCode !== 200 || typeof payload !== 'string' || !jsonAnswer(reply.getHeader('content-type')))
    return done(null, payload);
  const etag = etagOf(payload);
  reply.header('etag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (request.method === 'GET' && typeof ifNoneMatch === 'string' && matches(ifNoneMatch, etag, true)) {
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return done(null, '');
  }
  done(null, payload);
};

/** The current ETag of the resource a request names, as its GET answers it; null when it does not. */
async function readCurrent(http: FastifyInstance, request: FastifyRequest): Promise<string | null> {
  const answer = await http.inject({
    method: 'GET',
    url: request.url,
    headers: {
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    },
  });
  return answer.statusCode === 200 && jsonAnswer(answer.headers['content-type']) ? etagOf(answer.body) : null;
}
