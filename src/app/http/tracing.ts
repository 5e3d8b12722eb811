import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import {
  contextOf,
  idsOf,
  SpanKind,
  SpanStatusCode,
  startSpan,
  withContext,
  type Span,
} from '../../adapters/telemetry/trace-context';
import type { Context } from '@opentelemetry/api';

/*
 * Each request is a server span (docs/operations.md, "Traces"): under the client's `traceparent`
 * when it sends a valid one, the root of a new trace otherwise. Its ids are on every log line of
 * the request, the request's work runs in its context (partner calls and queued deliveries carry
 * it on), and the answer says it back in `traceresponse`.
 */

const traced = new WeakMap<IncomingMessage, { span: Span; context: Context }>();

const spanOf = (raw: IncomingMessage) => {
  let entry = traced.get(raw);
  if (!entry) {
    entry = startSpan(
      raw.method ?? 'GET',
      SpanKind.SERVER,
      contextOf({ traceparent: raw.headers.traceparent, tracestate: raw.headers.tracestate }),
      {
        'http.request.method': raw.method ?? '',
      },
    );
    traced.set(raw, entry);
  }
  return entry;
};

/** fastify's childLoggerFactory: the request's log lines carry its trace and span ids. */
export const tracedChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (
  logger,
  bindings,
  options,
  raw,
) {
  return logger.child({ ...bindings, ...idsOf(spanOf(raw).span) }, options);
};

export function registerTracing(http: FastifyInstance) {
  // First of the hooks, so that everything after it runs in the request's context.
  http.addHook('onRequest', (request, reply, done) => {
    const { span, context } = spanOf(request.raw);
    const route = request.routeOptions.url;
    if (route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    const { traceId, spanId } = idsOf(span);
    reply.header('traceresponse', `00-${traceId}-${spanId}-${span.spanContext().traceFlags === 1 ? '01' : '00'}`);
    withContext(context, done);
  });
  http.addHook('onResponse', async (request, reply) => {
    const entry = traced.get(request.raw);
    if (!entry) return;
    entry.span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
    entry.span.end();
  });
}
