import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { SpanKind } from '../../src/adapters/telemetry/trace-context';
import { describeApi } from '../helpers/api-suite';
import { activateWithExaUser, usePartners } from '../helpers/partners';
import { EXA_URL } from '../helpers/test-app';

/*
 * Traces (docs/operations.md, "Traces"), recorded by an OpenTelemetry SDK whose exporter keeps
 * the spans in memory: a request's traceparent is continued by the request, by the partner call
 * it makes, by the delivery it queues and by that delivery's partner call, which sends it on.
 */

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
const sent: { url: string; traceparent: string | null }[] = [];
usePartners({
  onRequest: (request) => sent.push({ url: request.url, traceparent: request.headers.get('traceparent') }),
});

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_PARENT = `00-${TRACE}-00f067aa0ba902b7-01`;

describeApi('traces', (ctx) => {
  beforeEach(() => {
    exporter.reset();
    sent.length = 0;
  });

  const activatedContract = (headers: Record<string, string>) => activateWithExaUser(ctx().api.call, headers);

  test("when a request comes with a traceparent, then its span, its delivery's span and the partner call continue that trace", async () => {
    const { answer } = await activatedContract({ traceparent: CLIENT_PARENT });
    expect(answer.status).toBe(201);
    await ctx().api.app.dispatcher.drain();

    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /v1/contracts/:id/events');
    expect(server).toBeDefined();
    expect(server!.kind).toBe(SpanKind.SERVER);
    expect(server!.spanContext().traceId).toBe(TRACE);
    expect(server!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(server!.attributes).toMatchObject({
      'http.route': '/v1/contracts/:id/events',
      'http.response.status_code': 201,
    });

    const delivery = spans.find((s) => s.name.startsWith('deliver sva_user'));
    expect(delivery?.spanContext().traceId).toBe(TRACE);
    expect(delivery?.kind).toBe(SpanKind.CONSUMER);
    expect(delivery?.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
    const call = spans.find(
      (s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === delivery!.spanContext().spanId,
    );
    expect(call?.attributes).toMatchObject({ 'server.address': new URL(EXA_URL).hostname });

    // The partner is told the trace too, under the client span.
    const toExa = sent.filter((request) => request.url.startsWith(EXA_URL));
    expect(toExa.length).toBeGreaterThan(0);
    expect(toExa.at(-1)!.traceparent).toBe(`00-${TRACE}-${call!.spanContext().spanId}-01`);
  });

  test('when a request comes without a traceparent, then it starts a trace of its own that its delivery continues', async () => {
    await activatedContract({});
    const server = exporter.getFinishedSpans().find((s) => s.name === 'POST /v1/contracts/:id/events');
    expect(server?.parentSpanContext).toBeUndefined();
    await ctx().api.app.dispatcher.drain();
    const delivery = exporter.getFinishedSpans().find((s) => s.name.startsWith('deliver sva_user'));
    expect(delivery?.spanContext().traceId).toBe(server!.spanContext().traceId);
  });

  test('when a traceparent is malformed, then it is ignored and a new trace starts', async () => {
    const answer = await ctx().api.call('GET', '/v1/customers', { headers: { traceparent: '00-zz-00-01' } });
    expect(answer.status).toBe(200);
    const server = exporter.getFinishedSpans().find((s) => s.name === 'GET /v1/customers');
    expect(server?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server?.parentSpanContext).toBeUndefined();
  });
});
