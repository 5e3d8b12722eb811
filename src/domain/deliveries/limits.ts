/*
 * How hard Ponte may call each partner (docs/operations.md, "Partner limits"): per integration, a
 * cap on calls in flight at once and a rate of calls started per second, shared by every
 * dispatcher process. The partner's own word wins over both: a 429 (or a 503) with Retry-After
 * pauses the integration until then; a 429 without it lowers the rate until calls succeed again.
 */

export interface Limits {
  /** Calls in flight at once on the integration, across every process. */
  readonly concurrency: number;
  /** Calls started per second on the integration, across every process. */
  readonly ratePerSecond: number;
}

export interface PlatformLimits extends Limits {
  /** Where the numbers come from. */
  readonly source: string;
  /**
   * The partner calls one delivery makes, to start from: the rate counts calls, and each
   * integration then learns its own figure from its deliveries.
   */
  readonly callsPerDelivery?: number;
}

const UNPUBLISHED =
  "No published limit: a conservative default, to raise with the platform's agreement (PATCH /v1/integration-limits/{id}).";

/**
 * The defaults by platform. None of these platforms publishes a rate limit for its API (see
 * docs/partners.md); each default is a cautious figure by the kind of system behind it, which a
 * provider raises or lowers with the number its partner gives it, and which a 429 corrects anyway.
 */
export const PLATFORM_LIMITS: Readonly<Record<string, PlatformLimits>> = {
  saber_plus: { concurrency: 16, ratePerSecond: 50, source: `${UNPUBLISHED} A hosted SaaS REST API.` },
  exa: { concurrency: 16, ratePerSecond: 50, source: `${UNPUBLISHED} A hosted SaaS REST API.` },
  opa_suite: {
    concurrency: 8,
    ratePerSecond: 20,
    source: `${UNPUBLISHED} Each call sends a WhatsApp message through the provider's own tenant.`,
  },
  telecall: {
    concurrency: 8,
    ratePerSecond: 20,
    source: `${UNPUBLISHED} A carrier's provisioning API, which acts on the mobile network for each call.`,
    // It answers an operation 202 and Ponte reads the line until it shows the new state.
    callsPerDelivery: 2,
  },
  voip: {
    concurrency: 8,
    ratePerSecond: 20,
    source: `${UNPUBLISHED} The provider's own softswitch, usually one server.`,
  },
  summit: {
    concurrency: 4,
    ratePerSecond: 10,
    source: `${UNPUBLISHED} Summit's STFC service API, called once per service and per billing item.`,
  },
  serasa: {
    concurrency: 4,
    ratePerSecond: 10,
    source: `${UNPUBLISHED} A credit bureau, whose contracts bill and meter every call.`,
  },
  spc: {
    concurrency: 4,
    ratePerSecond: 10,
    source: `${UNPUBLISHED} A credit bureau, whose contracts bill and meter every call.`,
  },
  // A webhook endpoint is a frontend's own server: events of one contract go one at a time anyway.
  webhook: {
    concurrency: 16,
    ratePerSecond: 100,
    source:
      "Ponte's own default for a frontend's webhook endpoint: its 429, 502, 503 or 504 with Retry-After pauses it; set the endpoint's own figure on its id.",
  },
  // A PBX's commands (click-to-call, hold, transfer, a recording) are made while an operator waits.
  ...Object.fromEntries(
    ['asterisk', 'digitro', 'planetfone', 'forip'].map((type) => [
      type,
      {
        concurrency: 8,
        ratePerSecond: 10,
        source: `${UNPUBLISHED} The provider's own PBX, one server, whose commands come from operators' clicks.`,
      },
    ]),
  ),
};

/** Any platform not in the table above. */
export const FALLBACK_LIMITS: PlatformLimits = { concurrency: 4, ratePerSecond: 10, source: UNPUBLISHED };

export const limitsOfPlatform = (platform: string): PlatformLimits => PLATFORM_LIMITS[platform] ?? FALLBACK_LIMITS;

/** Which integration a delivery counts against: its integration, or its platform when Ponte has only one of it. */
export const limitKeyOf = (delivery: { readonly integrationId: string | null; readonly platform: string }): string =>
  delivery.integrationId ?? delivery.platform;

/** What an operator set; null: the platform's default. */
export interface LimitOverrides {
  readonly concurrency: number | null;
  readonly ratePerSecond: number | null;
}

export const CONCURRENCY_RANGE = { min: 1, max: 1_000 } as const;
export const RATE_RANGE = { min: 0.1, max: 1_000_000 } as const;

/** The limits in force: the operator's where set, the platform's otherwise. */
export const limitsInForce = (platform: string, overrides: LimitOverrides): Limits => {
  const defaults = limitsOfPlatform(platform);
  return {
    concurrency: overrides.concurrency ?? defaults.concurrency,
    ratePerSecond: overrides.ratePerSecond ?? defaults.ratePerSecond,
  };
};

/** What the partner said last and what it left in force. */
export interface Throttle {
  /** Paused until then by the partner's Retry-After; null when not paused (or no longer). */
  readonly pausedUntil: Date | null;
  /** The partner's answer that paused it. */
  readonly pauseReason: string | null;
  /** The rate lowered after a 429 without Retry-After; null when back to the configured rate. */
  readonly throttledRate: number | null;
  /** When the partner last refused a call for its limits. */
  readonly throttledAt: Date | null;
}

/** An integration's limits as operators see them. */
export interface IntegrationLimits extends Throttle {
  /** The integration's id, or the platform for one Ponte has only one of (telecall, voip). */
  readonly id: string;
  readonly platform: string;
  readonly defaults: PlatformLimits;
  readonly overrides: LimitOverrides;
  readonly inForce: Limits;
  /** The rate calls start at now: the throttled one while lower, the configured one otherwise. */
  readonly effectiveRatePerSecond: number;
  /** Deliveries leased on it now, by every process: in flight or about to start. */
  readonly inFlight: number;
  /** The partner calls its deliveries make, on average, as learnt from them. */
  readonly callsPerDelivery: number;
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** A pause still counts only until it ends. */
export const pausedAt = (throttle: Throttle, now: Date): boolean =>
  throttle.pausedUntil !== null && throttle.pausedUntil.getTime() > now.getTime();

/** One change an operator made to an integration's overrides. */
export interface LimitChange {
  readonly id: string;
  readonly integration: string;
  readonly at: Date;
  readonly actor: string;
  readonly before: LimitOverrides;
  readonly after: LimitOverrides;
}
