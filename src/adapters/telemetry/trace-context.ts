import { randomBytes } from 'node:crypto';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/*
 * W3C trace context through Ponte (docs/operations.md, "Traces"): a request's `traceparent` is
 * taken (or one is made), follows the request's asynchronous work, is sent on every partner call
 * and is kept with each delivery it queues, so that the dispatcher's partner call continues the
 * request's trace. Spans are recorded only when an OpenTelemetry SDK is registered (main.ts with
 * OTEL_EXPORTER_OTLP_ENDPOINT); without one the ids still travel.
 */

const propagator = new W3CTraceContextPropagator();
export { SpanKind, SpanStatusCode };
export type { Span };

let installed = false;
/** Context that follows async calls, and traceparent as the way it travels, whether an SDK runs or not. */
export function installTraceContext(): void {
  if (installed) return;
  installed = true;
  // An SDK started earlier (main.ts) installed its own: this one is then refused, as it should be.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
}

// Asked for each span, not kept: an SDK loaded as an ES module registers its tracer provider
// through its own copy of the API, which a tracer taken earlier from this copy would never see.
const tracer = () => trace.getTracer('ponte');

/** 24 random bytes as hex (a trace id and a span id), from a pool filled 8 KiB at a time: one call to the system's generator per 340 requests. */
let pool = Buffer.alloc(0);
let used = 0;
const randomIds = () => {
  if (used + 24 > pool.length) {
    pool = randomBytes(8_160);
    used = 0;
  }
  used += 24;
  return pool.toString('hex', used - 24, used);
};

/** The context a `traceparent` (and `tracestate`) names; the root context for none or a malformed one. */
export function contextOf(headers: { traceparent?: unknown; tracestate?: unknown }): Context {
  const carrier: Record<string, string> = {};
  if (typeof headers.traceparent === 'string') carrier.traceparent = headers.traceparent;
  if (typeof headers.tracestate === 'string') carrier.tracestate = headers.tracestate;
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/**
 * A span under `parent`, and the context it makes. With no SDK recording, a span that would carry
 * no valid ids gets ids of its own: a trace that starts here still has an id to log and send.
 */
export function startSpan(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Attributes = {},
): { span: Span; context: Context } {
  let span = tracer().startSpan(name, { kind, attributes }, parent);
  const parentSpan = trace.getSpanContext(parent);
  if (!span.isRecording()) {
    const random = randomIds();
    const traceId = parentSpan && isSpanContextValid(parentSpan) ? parentSpan.traceId : random.slice(16);
    span = trace.wrapSpanContext({
      traceId,
      spanId: random.slice(0, 16),
      traceFlags: parentSpan?.traceFlags ?? TraceFlags.NONE,
      ...(parentSpan?.traceState ? { traceState: parentSpan.traceState } : {}),
    });
  }
  return { span, context: trace.setSpan(parent, span) };
}

/** The `traceparent` (and `tracestate`) headers of a context; none outside any trace. */
export function traceHeadersOf(at: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(at, carrier, defaultTextMapSetter);
  return carrier;
}

/** The `traceparent` of the context active now, to keep with what outlives the request (a delivery). */
export const currentTraceparent = (): string | null => traceHeadersOf().traceparent ?? null;

/** The context active now. */
export const activeContext = (): Context => context.active();

/** Runs `work` with `at` as the active context. */
export const withContext = <T>(at: Context, work: () => T): T => context.with(at, work);

/** The trace and span ids of a span, for log lines. */
export const idsOf = (span: Span) => {
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
};
