import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * What a process shows of itself in Prometheus' text format (docs/operations.md, "Metrics"). Labels
 * are few and bounded: a route's template (never its URL), a status class, a target kind, a
 * platform, an outcome. What the database holds (the outbox, the PBX connections, the runs) is read
 * from it at each scrape, so every process tells the same truth; what happens in a process (its
 * requests, its dispatcher's calls) is counted there.
 */

/** A value the database holds, read at each scrape; an area lists its own (Area.gauges). */
export interface GaugeSource {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  read(): Promise<readonly { readonly labels: Readonly<Record<string, string>>; readonly value: number }[]>;
}

export type DeliveryOutcome = 'succeeded' | 'retry' | 'dead';

/** What the dispatcher reports as it works. */
export interface DispatcherObserver {
  delivered(targetKind: string, platform: string, outcome: DeliveryOutcome, seconds: number): void;
}

export interface Metrics {
  readonly contentType: string;
  /** One answered request: its method, route template (null when no route matched) and status. */
  observeRequest(method: string, route: string | null, status: number, seconds: number): void;
  readonly dispatcher: DispatcherObserver;
  /** How many partner calls the dispatcher has in flight now (set once the dispatcher exists). */
  dispatcherInFlight(read: () => number): void;
  /** The exposition, every gauge read now. */
  render(): Promise<string>;
}

/** OpenTelemetry's advice for http.server.request.duration, in seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const PARTNER_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createMetrics(gauges: readonly GaugeSource[]): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests (OpenTelemetry http.server.request.duration).',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_class'],
    buckets: HTTP_BUCKETS,
    registers,
  });
  const finished = new Counter({
    name: 'ponte_deliveries_finished_total',
    help: 'Partner deliveries this process attempted, by how the attempt ended (succeeded, retry later, dead).',
    labelNames: ['target_kind', 'platform', 'outcome'],
    registers,
  });
  const calls = new Histogram({
    name: 'ponte_partner_call_duration_seconds',
    help: "Duration of the dispatcher's partner calls, by platform and outcome.",
    labelNames: ['platform', 'outcome'],
    buckets: PARTNER_BUCKETS,
    registers,
  });
  let inFlight = () => 0;
  new Gauge({
    name: 'ponte_dispatcher_in_flight',
    help: "Partner calls this process's dispatcher has in flight.",
    registers,
    collect() {
      this.set(inFlight());
    },
  });
  for (const source of gauges)
    new Gauge({
      name: source.name,
      help: source.help,
      labelNames: [...source.labelNames],
      registers,
      async collect() {
        const readings = await source.read();
        this.reset();
        for (const { labels, value } of readings) this.set(labels, value);
      },
    });
  // One series per method, route and status class: its child is found once, not hashed from labels on every request.
  const series = new Map<string, ReturnType<typeof requests.labels>>();
  // Process metrics (CPU, memory, event loop, GC) from the first scrape on: an app never scraped
  // (a test's, a script's) watches nothing.
  let processMetrics = false;

  return {
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      const name = `${method} ${status} ${route ?? ''}`;
      let child = series.get(name);
      if (!child) {
        child = requests.labels({
          http_request_method: METHODS.has(method) ? method : '_OTHER',
          http_route: route ?? '',
          http_response_status_class: `${Math.floor(status / 100)}xx`,
        });
        // Bounded anyway (methods × statuses × routes); the cap keeps it so whatever comes.
        if (series.size < 10_000) series.set(name, child);
      }
      child.observe(seconds);
    },
    dispatcher: {
      delivered(targetKind, platform, outcome, seconds) {
        finished.inc({ target_kind: targetKind, platform, outcome });
        calls.observe({ platform, outcome }, seconds);
      },
    },
    dispatcherInFlight(read) {
      inFlight = read;
    },
    async render() {
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}
