import type { Page, PageRequest } from '../ports/page';
import type { Delivery, DeliveryDetail, DeliveryStatus, OutboxEffect, Target, TargetKind } from './delivery';
import type { LimitChange, LimitOverrides, Throttle } from './limits';

/* The outbox and its deliveries, as the use cases see them. */

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly platform?: string;
  readonly contractId?: string;
  readonly target?: Partial<Target>;
  /** Leaves out the deliveries of these target kinds. */
  readonly exceptKinds?: readonly TargetKind[];
}

/** The outbox, as the use cases see it: effects go in with the state change that caused them. */
/** The outbox of one target kind as it stands: what operators watch (docs/operations.md, "Metrics"). */
export interface OutboxBacklog {
  readonly targetKind: string;
  readonly pending: number;
  /** When the oldest pending delivery was queued; null when none is pending. */
  readonly oldestPendingAt: Date | null;
  readonly dead: number;
}

export interface OutboxRepository {
  /** `cause` makes the idempotency key: the same cause never enqueues the same effect twice. */
  enqueue(
    effects: readonly { readonly id: string; readonly cause: string; readonly effect: OutboxEffect }[],
    now: Date,
  ): Promise<void>;
  findById(id: string): Promise<DeliveryDetail | null>;
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
  /**
   * Makes a pending or dead delivery due now with a fresh budget of tries (its attempts and their
   * history stay); null when not found.
   */
  retry(id: string, now: Date): Promise<DeliveryDetail | null>;
  /** Pending and dead deliveries by target kind (kinds with neither are left out). */
  backlog(): Promise<readonly OutboxBacklog[]>;
}

/** An integration's limits as stored: the operator's overrides and what its partner said. */
export interface StoredLimits extends Throttle {
  readonly id: string;
  readonly platform: string;
  readonly overrides: LimitOverrides;
  /** Deliveries leased on it now, by every process. */
  readonly inFlight: number;
  /** The partner calls its deliveries make, on average: what its rate is paced by. */
  readonly callsPerDelivery: number;
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** An integration a synchronous call counts against: its limit key and its platform. */
export interface PacedIntegration {
  readonly key: string;
  readonly platform: string;
}

/** A place for a synchronous call, or why there is none now (and for how long, where known). */
export type CallPlace =
  | { readonly refused: null; readonly waitMs: number }
  | { readonly refused: 'paused'; readonly waitMs: number; readonly reason: string | null }
  | { readonly refused: 'busy'; readonly waitMs: number | null };

/** How a synchronous call ended, for its integration's limits. */
export interface CallOutcome {
  readonly succeeded: boolean;
  /** The partner refused it for its limits (429, or 503 with Retry-After). */
  readonly throttled: boolean;
  readonly retryAfterMs: number | null;
  readonly reason: string | null;
}

/** Each integration's limits (docs/operations.md, "Partner limits"). */
export interface IntegrationLimitsRepository {
  /**
   * Every integration deliveries go through, by id: the registered ones (SVA, Summit, bureaus,
   * Opa! Suite), the ones Ponte has only one of (telecall, voip), and any other with limits kept.
   */
  list(page: PageRequest): Promise<Page<StoredLimits>>;
  /** Null when Ponte has no such integration. */
  find(id: string): Promise<StoredLimits | null>;
  /** Sets the overrides and keeps the change in the history (before and after, who, when). */
  setOverrides(
    limits: StoredLimits,
    overrides: LimitOverrides,
    change: { readonly id: string; readonly at: Date; readonly actor: string },
  ): Promise<StoredLimits>;
  /** Ends a pause, and a lowered rate, now: the operator knows the partner is back. */
  resume(limits: StoredLimits): Promise<StoredLimits>;
  history(id: string, page: PageRequest): Promise<Page<LimitChange>>;
  /**
   * Takes a place for one call made while a client waits (a PBX command, a credit consult), in
   * the same limits as the deliveries: refused while the partner has the integration paused or
   * every place is taken, or when its next start slot is more than `maxWaitMs` away; otherwise
   * leased until `leasedUntil`, to start in `waitMs`. Leases are read at `now`, the dispatchers' clock.
   */
  acquireCall(
    integration: PacedIntegration,
    place: { readonly now: Date; readonly token: string; readonly leasedUntil: Date; readonly maxWaitMs: number },
  ): Promise<CallPlace>;
  /** The call ended: its place is free, and what the partner said of its limits is kept. */
  releaseCall(integration: PacedIntegration, token: string, said: CallOutcome): Promise<void>;
  /** The integrations paused now among these, with until when and why. */
  pausedAmong(
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly until: Date; readonly reason: string | null }>>;
}
