import { ERROR_MEANINGS, problem, sendProblem } from './errors';
import { fieldErrors } from './validation-messages';
import { RateLimited } from './guard';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/* Every error fastify raises, answered as a problem: bad input 4xx, an unknown route 404 or 405, the rest 500 without details. */

const PARTS: Record<string, string> = {
  body: 'The body is not valid.',
  params: 'The path is not valid.',
  querystring: 'The query string is not valid.',
  headers: 'A header is not valid.',
};

/** Errors the router raises before any route runs (fastify's `frameworkErrors`): problems too. */
export function frameworkError(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendProblem(reply, problem('URI_TOO_LONG', 'A path parameter is longer than any id.'));
  return sendProblem(reply, problem('VALIDATION_FAILED', 'The URL is not valid.'));
}

/** One handler for every error fastify raises: bad input answers 4xx, everything else 500 without details. */
export function registerErrorHandling(app: FastifyInstance) {
  // A route with path parameters can answer 414 (see frameworkError): its contract says so.
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as
      Record<number, { description?: string; content?: Record<string, { schema: unknown }> }> | undefined;
    const problemSchema = response?.[400]?.content?.['application/problem+json']?.schema;
    if (route.url.includes(':') && problemSchema && !response[414]) {
      const example = problem('URI_TOO_LONG', 'A path parameter is longer than any id.');
      response[414] = {
        description: 'A path parameter is too long. Codes: URI_TOO_LONG.',
        content: {
          'application/problem+json': {
            schema: problemSchema,
            examples: { URI_TOO_LONG: { summary: ERROR_MEANINGS.URI_TOO_LONG, value: example } },
          } as { schema: unknown },
        },
      };
    }
  });
  const routes: { pattern: RegExp; method: string }[] = [];
  app.addHook('onRoute', (route) => {
    // The CORS preflight answers OPTIONS on any path: not a method a path "takes".
    if (route.url.includes('*')) return;
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}/?$`);
    for (const method of [route.method].flat()) routes.push({ pattern, method });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        problem('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`),
      );
    }
    return sendProblem(reply, problem('NOT_FOUND', `No route for ${request.method} ${path}.`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const detail = PARTS[error.validationContext ?? ''] ?? 'The request is not valid.';
      return sendProblem(reply, problem('VALIDATION_FAILED', detail, fieldErrors(error.validation)));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, problem('MALFORMED_JSON', 'The body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, problem('PAYLOAD_TOO_LARGE', 'The body is larger than this API accepts.'));
      case 'PONTE_RATE_LIMITED':
        if (error instanceof RateLimited) reply.headers(error.headers);
        return sendProblem(reply, problem('RATE_LIMITED', error.message));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, problem('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
    }
    if (
      error instanceof SyntaxError ||
      (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    ) {
      const detail = error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message;
      return sendProblem(reply, problem(error instanceof SyntaxError ? 'MALFORMED_JSON' : 'VALIDATION_FAILED', detail));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      problem('INTERNAL_ERROR', 'Something went wrong on our side. The request id is ' + request.id + '.'),
    );
  });
}
