/**
 * OpenTelemetry's SDK, exporting spans over OTLP (HTTP/protobuf) when OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, and nothing otherwise (docs/operations.md,
 * "Traces"). Started before the app is built, so that its context manager is the one in use. The
 * SDK's other signals stay off unless asked for: metrics are scraped at /metrics, logs go to stdout.
 * Resolves to its shutdown (which flushes the spans not yet sent), or null when off.
 */
export async function startTelemetry(env: NodeJS.ProcessEnv = process.env): Promise<(() => Promise<void>) | null> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()) return null;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= 'ponte';
  // Loaded only when used: the SDK is large, and most processes export nothing.
  const [{ NodeSDK }, { OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-proto'),
    import('@opentelemetry/sdk-trace'),
  ]);
  const sdk = new NodeSDK({
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
    instrumentations: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}
