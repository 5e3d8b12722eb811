import type { Page, PageRequest } from '../ports/page';
import type { Delivery, DeliveryDetail, DeliveryStatus, OutboxEffect, Target } from './delivery';

/* The outbox and its deliveries, as the use cases see them. */

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly platform?: string;
  readonly contractId?: string;
  readonly target?: Partial<Target>;
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
