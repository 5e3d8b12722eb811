import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
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
 * the request, and the request's work runs in its context (partner calls and queued deliveries
 * carry it on).
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

/**
 * Runs each request in its span's context, first of the hooks so that everything after it does;
 * `answered` is told of every answer once it is sent (the span ends there, metrics observe it).
 */
export function registerTracing(
  http: FastifyInstance,
  answered: (request: FastifyRequest, reply: FastifyReply) => void,
) {
  http.addHook('onRequest', (request, _reply, done) => {
    const { span, context } = spanOf(request.raw);
    const route = request.routeOptions.url;
    if (route && span.isRecording()) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    withContext(context, done);
  });
  http.addHook('onResponse', (request, reply, done) => {
    answered(request, reply);
    const entry = traced.get(request.raw);
    if (entry?.span.isRecording()) {
      entry.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
      entry.span.end();
    }
    done();
  });
}
