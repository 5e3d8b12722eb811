import type { DeliveryStatus } from '../../../domain/deliveries/delivery';
import type { WebhookEndpointRecord } from '../../../domain/webhooks/endpoint';
import { resourceKindOf, type EventType, type StoredEvent } from '../../../domain/webhooks/events';
import type {
  EventRepository,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpointRepository,
} from '../../../domain/webhooks/ports';
import type {
  Event,
  WebhookAttempt as AttemptRow,
  WebhookEndpoint as EndpointRow,
} from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

/*
 * Events and webhook endpoints (docs/webhooks.md). A delivery of an event to an endpoint is an
 * outbox row: target kind 'webhook' and the event's id, the endpoint as its integration (its
 * limits and pauses are the endpoint's), ordered per endpoint and contract (or resource). The
 * fan-out queues them, whoever wrote the event (migration 20261224000000_event_fan_out).
 */

const toEndpoint = ({ fromEventSeq: _from, ...row }: EndpointRow): WebhookEndpointRecord => ({
  ...row,
  eventTypes: row.eventTypes as EventType[],
});

/** From now on: the endpoint receives the events written after this statement. */
const fromNow = (db: Db, id: string) =>
  db.$executeRaw`UPDATE webhook_endpoints SET from_event_seq = (SELECT COALESCE(max(seq), 0) FROM events) WHERE id = ${id}::uuid`;

type EventRow = Omit<Event, 'seq' | 'fannedOut'>;

const toEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  type: row.type as EventType,
  resourceKind: row.resourceKind,
  resourceId: row.resourceId,
  contractId: row.contractId,
  occurredAt: row.occurredAt,
  data: row.data as Record<string, unknown>,
});

const toAttempt = (row: AttemptRow): WebhookAttempt => ({
  id: row.id,
  endpointId: row.endpointId,
  deliveryId: row.deliveryId,
  eventId: row.eventId,
  attempt: row.attempt,
  at: row.at,
  statusCode: row.statusCode,
  durationMs: row.durationMs,
  responseHead: row.responseHead,
  error: row.error,
  succeeded: row.succeeded,
});

export function createPrismaEventRepository(db: Db): EventRepository {
  return {
    async record(events) {
      if (events.length === 0) return 0;
      const column = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
      // Their deliveries are queued by the fan-out (fanOut); the count says whether any endpoint
      // wants them, by the same rule.
      const [row] = await db.$queryRawUnsafe<{ queued: number }[]>(
        `WITH stored AS (
           INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
           SELECT g.id, g.type, g.resource_kind, g.resource_id, g.contract_id, g.occurred_at, g.data::jsonb
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[])
             WITH ORDINALITY AS g(id, type, resource_kind, resource_id, contract_id, occurred_at, data, n)
           ORDER BY g.n
           RETURNING type
         )
         SELECT count(*)::int AS queued
         FROM stored s JOIN webhook_endpoints e ON e.enabled AND ponte_endpoint_wants(e.all_events, e.event_types, s.type)`,
        column((e) => e.id),
        column((e) => e.type),
        column((e) => resourceKindOf(e.type)),
        column((e) => e.resourceId),
        column((e) => e.contractId),
        column((e) => e.occurredAt.toISOString()),
        column((e) => JSON.stringify(e.data)),
      );
      return row!.queued;
    },
    async findById(id) {
      const row = await db.event.findUnique({ where: { id } });
      return row ? toEvent(row) : null;
    },
    async list(filter, page) {
      // In the order written; the cursor is the last event's id (one forgotten since: those written before it).
      const rows = await db.$queryRawUnsafe<EventRow[]>(
        `SELECT id, type, resource_kind AS "resourceKind", resource_id AS "resourceId", contract_id AS "contractId",
                occurred_at AS "occurredAt", data
           FROM events
          WHERE occurred_at >= $1::timestamptz
            AND ($2::text[] IS NULL OR type = ANY ($2::text[]))
            AND ($3::uuid IS NULL OR resource_id = $3::uuid)
            AND ($4::uuid IS NULL OR contract_id = $4::uuid)
            AND ($5::uuid IS NULL OR seq > COALESCE((SELECT c.seq FROM events c WHERE c.id = $5::uuid),
                                                    (SELECT max(c.seq) FROM events c WHERE c.id <= $5::uuid), 0))
          ORDER BY seq LIMIT $6`,
        filter.since.toISOString(),
        filter.types ? [...filter.types] : null,
        filter.resourceId ?? null,
        filter.contractId ?? null,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toEvent);
    },
    async replay(endpoint, window, replayId, now) {
      // Under an ordering key of the replay's own: a delivery of the same event that gave up does
      // not hold its replay back, and the replay keeps the order of the window.
      return db.$executeRawUnsafe(
        `INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform,
                                             integration_id, contract_id, action, payload, next_attempt_at, created_at)
         SELECT ponte_uuid_v7(), ponte_webhook_ordering_key($1::uuid, ev.contract_id, ev.resource_id) || ':replay:' || $2,
                'replay:' || $2 || ':' || ev.id, 'webhook', ev.id, 'webhook', $1::uuid, ev.contract_id, ev.type,
                jsonb_build_object('eventId', ev.id), $3::timestamptz, $3::timestamptz
         FROM events ev
         WHERE ev.occurred_at >= $4::timestamptz AND ev.occurred_at < $5::timestamptz
           AND ponte_endpoint_wants($6::boolean, $7::text[], ev.type)
           AND ($8::text[] IS NULL OR ev.type = ANY ($8::text[]))
         ORDER BY ev.seq
         ON CONFLICT (idempotency_key) DO NOTHING`,
        endpoint.id,
        replayId,
        now.toISOString(),
        window.from.toISOString(),
        window.to.toISOString(),
        endpoint.allEvents,
        [...endpoint.eventTypes],
        window.types ? [...window.types] : null,
      );
    },
    async fanOut(limit) {
      const [row] = await db.$queryRaw<{ fanned_events: number; queued_deliveries: number }[]>`
        SELECT fanned_events, queued_deliveries FROM ponte_fan_out_events(${limit}::int)`;
      return row ? { events: row.fanned_events, deliveries: row.queued_deliveries } : null;
    },
    async forgetBefore(before, limit) {
      await db.$executeRaw`
        DELETE FROM webhook_attempts WHERE id IN (SELECT id FROM webhook_attempts WHERE at < ${before} LIMIT ${limit})`;
      return db.$executeRaw`
        DELETE FROM events WHERE id IN (SELECT id FROM events WHERE occurred_at < ${before} ORDER BY seq LIMIT ${limit})`;
    },
  };
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
}

export function createPrismaWebhookEndpointRepository(db: Db): WebhookEndpointRepository {
  /** Deliveries with their attempts, in the order given. */
  async function withAttempts(rows: readonly DeliveryRow[]): Promise<WebhookDelivery[]> {
    const attempts = await db.webhookAttempt.findMany({
      where: { deliveryId: { in: rows.map((r) => r.id) } },
      orderBy: [{ deliveryId: 'asc' }, { attempt: 'asc' }, { at: 'asc' }],
    });
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), toAttempt(a)]);
    return rows.map((r) => ({
      id: r.id,
      endpointId: r.endpoint_id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastError: r.last_error,
      createdAt: r.created_at,
      attempts: byDelivery.get(r.id) ?? [],
    }));
  }
  const DELIVERY_SELECT = `SELECT d.id, d.integration_id AS endpoint_id, d.target_id AS event_id, d.action AS event_type, d.status,
    d.next_attempt_at, d.last_error, d.created_at FROM integration_deliveries d WHERE d.target_kind = 'webhook' AND d.integration_id = $1::uuid`;

  /** Ends the deliveries of an endpoint still waiting (none is in flight): it takes no more. */
  const endPending = (id: string, why: string, now: Date) =>
    db.$executeRaw`
      UPDATE integration_deliveries
      SET status = 'dead', completed_at = ${now}, last_error_kind = 'rejected', last_error = ${why}, last_error_at = ${now}
      WHERE target_kind = 'webhook' AND integration_id = ${id}::uuid AND status = 'pending'
        AND (leased_until IS NULL OR leased_until < ${now})`;

  return {
    async create(endpoint) {
      const created = await db.webhookEndpoint.create({ data: { ...endpoint, eventTypes: [...endpoint.eventTypes] } });
      await fromNow(db, created.id);
      return toEndpoint(created);
    },
    async findById(id) {
      const row = await db.webhookEndpoint.findUnique({ where: { id } });
      return row ? toEndpoint(row) : null;
    },
    async lockById(id) {
      const rows = await db.$queryRaw<
        { id: string }[]
      >`SELECT id FROM webhook_endpoints WHERE id = ${id}::uuid FOR UPDATE`;
      if (rows.length === 0) return null;
      return toEndpoint((await db.webhookEndpoint.findUnique({ where: { id } }))!);
    },
    async list(page) {
      return toPage(await db.webhookEndpoint.findMany(keysetArgs(page)), page, toEndpoint);
    },
    async update(id, changes, now) {
      const enabling = changes.enabled === true;
      const disabling = changes.enabled === false;
      if (disabling) await endPending(id, 'The endpoint was disabled.', now);
      // Enabled again, it receives what happens from now on; what it missed is replayed on demand.
      if (enabling) await fromNow(db, id);
      return toEndpoint(
        await db.webhookEndpoint.update({
          where: { id },
          data: {
            ...(changes.url !== undefined ? { url: changes.url } : {}),
            ...(changes.description !== undefined ? { description: changes.description } : {}),
            ...(changes.allEvents !== undefined ? { allEvents: changes.allEvents } : {}),
            ...(changes.eventTypes !== undefined ? { eventTypes: [...changes.eventTypes] } : {}),
            ...(enabling ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
            ...(disabling ? { enabled: false, disabledReason: 'Disabled by an operator.', disabledAt: now } : {}),
            version: { increment: 1 },
            updatedAt: now,
          },
        }),
      );
    },
    async rotateSecret(id, sealed, previousUntil, now) {
      const [row] = await db.$queryRaw<{ id: string }[]>`
        UPDATE webhook_endpoints
        SET sealed_previous_secret = sealed_secret, previous_secret_until = ${previousUntil}, sealed_secret = ${sealed},
            version = version + 1, updated_at = ${now}
        WHERE id = ${id}::uuid RETURNING id`;
      return toEndpoint((await db.webhookEndpoint.findUnique({ where: { id: row!.id } }))!);
    },
    async delete(id) {
      const deleted = await db.$executeRaw`DELETE FROM webhook_endpoints WHERE id = ${id}::uuid`;
      if (deleted === 0) return false;
      // Its log goes with it; a delivery in flight finds no row to record its outcome on.
      await db.$executeRaw`DELETE FROM integration_deliveries WHERE target_kind = 'webhook' AND integration_id = ${id}::uuid`;
      return true;
    },
    async recordAttempt(attempt, endpoint) {
      await db.webhookAttempt.create({ data: { ...attempt } });
      if (endpoint.disable === null) {
        await db.webhookEndpoint.updateMany({
          where: { id: attempt.endpointId },
          data: { failingSince: endpoint.failingSince },
        });
        return false;
      }
      const disabled = await db.$executeRaw`
        UPDATE webhook_endpoints
        SET enabled = false, disabled_reason = ${endpoint.disable}, disabled_at = ${attempt.at},
            failing_since = ${endpoint.failingSince}, version = version + 1, updated_at = ${attempt.at}
        WHERE id = ${attempt.endpointId}::uuid AND enabled`;
      if (disabled > 0)
        await endPending(attempt.endpointId, `The endpoint was disabled: ${endpoint.disable}`, attempt.at);
      return disabled > 0;
    },
    async deliveries(endpointId, page) {
      const rows = await db.$queryRawUnsafe<DeliveryRow[]>(
        // In the order they were queued (the order they go in); the cursor is the last one's id.
        `${DELIVERY_SELECT} AND ($2::uuid IS NULL OR d.seq > (SELECT c.seq FROM integration_deliveries c WHERE c.id = $2::uuid))
          ORDER BY d.seq LIMIT $3`,
        endpointId,
        page.after ?? null,
        page.limit + 1,
      );
      const more = rows.length > page.limit;
      const kept = more ? rows.slice(0, page.limit) : rows;
      return { items: await withAttempts(kept), last: more ? kept[kept.length - 1]!.id : null };
    },
    async health() {
      const [row] = await db.$queryRaw<{ healthy: number; failing: number; disabled: number }[]>`
        SELECT count(*) FILTER (WHERE enabled AND failing_since IS NULL)::int AS healthy,
               count(*) FILTER (WHERE enabled AND failing_since IS NOT NULL)::int AS failing,
               count(*) FILTER (WHERE NOT enabled)::int AS disabled
          FROM webhook_endpoints`;
      return row!;
    },
    async findDelivery(endpointId, deliveryId) {
      const rows = await db.$queryRawUnsafe<DeliveryRow[]>(
        `${DELIVERY_SELECT} AND d.id = $2::uuid`,
        endpointId,
        deliveryId,
      );
      return rows.length === 0 ? null : (await withAttempts(rows))[0]!;
    },
  };
}
