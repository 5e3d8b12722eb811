/*
 * A simulated platform under load (docs/sandbox.md, "A partner under load"): how long it takes to
 * answer, and how many calls a second each tenant may make before it answers 429 with Retry-After,
 * as a real platform's API gateway would. Set per platform with PUT /sandbox/<platform>/_sandbox/load.
 */

export interface LoadSettings {
  /** The median answer time (ms). */
  readonly p50Ms: number;
  /** The 99th percentile (ms): above the median, answer times have a log-normal tail. */
  readonly p99Ms: number;
  /** Calls per second per tenant; null: no limit. */
  readonly ratePerSecond: number | null;
  /** Calls a tenant may make at once after a quiet while (the bucket's size); null: one second's worth. */
  readonly burst: number | null;
}

export const NO_LOAD: LoadSettings = { p50Ms: 0, p99Ms: 0, ratePerSecond: null, burst: null };

/** What the platform did with its calls since its load was last set. */
export interface LoadCounters {
  readonly calls: number;
  /** Calls answered 429 for the tenant's rate. */
  readonly refused: number;
}

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.326_347_874;

/** One answer time: the median and the 99th percentile fix a log-normal distribution. `random` is in [0, 1). */
export function answerTimeMs(settings: LoadSettings, random: () => number): number {
  if (settings.p50Ms <= 0) return 0;
  if (settings.p99Ms <= settings.p50Ms) return settings.p50Ms;
  const sigma = Math.log(settings.p99Ms / settings.p50Ms) / Z99;
  // Box–Muller: a standard normal from two uniforms.
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return settings.p50Ms * Math.exp(sigma * normal);
}

/**
 * A token bucket per tenant: `rate` tokens a second up to `burst`. Answers null when the call may
 * go, or how long until the next token (ms).
 */
export class TenantBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  take(tenant: string, now: number): number | null {
    const bucket = this.buckets.get(tenant) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(tenant, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return ((1 - bucket.tokens) / this.rate) * 1000;
  }
}

/** Reads a load body: numbers ≥ 0 (latency as `latencyMs` or `{p50, p99}`), rate and burst > 0 or null. */
export function readLoadSettings(body: unknown, current: LoadSettings): LoadSettings | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a JSON object.';
  const b = body as Record<string, unknown>;
  const ms = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 60_000;
  let { p50Ms, p99Ms, ratePerSecond, burst } = current;
  if (b.latencyMs !== undefined) {
    if (ms(b.latencyMs)) p50Ms = p99Ms = b.latencyMs as number;
    else if (b.latencyMs && typeof b.latencyMs === 'object') {
      const { p50, p99 } = b.latencyMs as Record<string, unknown>;
      if (!ms(p50) || !(p99 === undefined || ms(p99))) return 'latencyMs.p50 and p99 are milliseconds, 0 to 60000.';
      p50Ms = p50 as number;
      p99Ms = Math.max(p50Ms, (p99 as number | undefined) ?? p50Ms);
    } else return 'latencyMs is milliseconds (0 to 60000), or {p50, p99}.';
  }
  const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;
  if (b.ratePerSecond !== undefined) {
    if (b.ratePerSecond !== null && !positive(b.ratePerSecond)) return 'ratePerSecond is a number above 0, or null.';
    ratePerSecond = b.ratePerSecond as number | null;
  }
  if (b.burst !== undefined) {
    if (b.burst !== null && !positive(b.burst)) return 'burst is a number above 0, or null.';
    burst = b.burst as number | null;
  }
  return { p50Ms, p99Ms, ratePerSecond, burst };
}

/** One platform's load: its settings, its buckets and its counters. */
export class PlatformLoad {
  settings: LoadSettings = NO_LOAD;
  private buckets: TenantBuckets | null = null;
  private counters = { calls: 0, refused: 0 };

  constructor(private readonly random: () => number = Math.random) {}

  set(settings: LoadSettings) {
    this.settings = settings;
    this.buckets =
      settings.ratePerSecond === null
        ? null
        : new TenantBuckets(settings.ratePerSecond, settings.burst ?? Math.max(1, settings.ratePerSecond));
    this.counters = { calls: 0, refused: 0 };
  }

  get counted(): LoadCounters {
    return { ...this.counters };
  }

  /**
   * A call from `tenant` arrives: answers how long until a 429 is due (ms until the next token)
   * or, when it may go, null; then the caller waits `answerTimeMs()` before answering.
   */
  admit(tenant: string, now = performance.now()): number | null {
    this.counters.calls += 1;
    const wait = this.buckets?.take(tenant, now) ?? null;
    if (wait !== null) this.counters.refused += 1;
    return wait;
  }

  answerTimeMs(): number {
    return answerTimeMs(this.settings, this.random);
  }
}
