import { currentTraceparent } from '../../telemetry/trace-context';
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
  Event as EventRow,
  WebhookAttempt as AttemptRow,
  WebhookEndpoint as EndpointRow,
} from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

/*
 * Events and webhook endpoints (docs/webhooks.md). A delivery of an event to an endpoint is an
 * outbox row: target kind 'webhook' and the event's id, the endpoint as its integration (its
 * limits and pauses are the endpoint's), ordered per endpoint and contract (or resource).
 */

const toEndpoint = (row: EndpointRow): WebhookEndpointRecord => ({
  ...row,
  eventTypes: row.eventTypes as EventType[],
});

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

/** The columns of a webhook delivery, as the queue writes them; `$…` names what each statement supplies. */
const DELIVERY_COLUMNS = `id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id, contract_id, action, payload, next_attempt_at, created_at, trace_parent`;
/** An endpoint's deliveries keep the order of the events of one contract (or of one resource without a contract). */
const orderingKey = (endpoint: string, event: string) =>
  `'webhook:' || ${endpoint} || ':' || COALESCE(${event}.contract_id, ${event}.resource_id)`;

export function createPrismaEventRepository(db: Db): EventRepository {
  return {
    async record(events) {
      if (events.length === 0) return 0;
      const column = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
      // The events, and their deliveries to every enabled endpoint that wants them, in one statement
      // and in the order given (the queue keeps each ordering key in the order rows were written).
      const [row] = await db.$queryRawUnsafe<{ queued: number }[]>(
        `WITH given AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[])
             WITH ORDINALITY AS g(id, type, resource_kind, resource_id, contract_id, occurred_at, data, n)
         ), stored AS (
           INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
           SELECT g.id, g.type, g.resource_kind, g.resource_id, g.contract_id, g.occurred_at, g.data::jsonb FROM given g
         ), queued AS (
           INSERT INTO integration_deliveries (${DELIVERY_COLUMNS})
           SELECT ponte_uuid_v7(), ${orderingKey('e.id', 'g')}, 'event:' || g.id || ':' || e.id, 'webhook', g.id,
                  'webhook', e.id, g.contract_id, g.type, jsonb_build_object('eventId', g.id), g.occurred_at, g.occurred_at, $8
           FROM given g JOIN webhook_endpoints e ON e.enabled AND (e.all_events OR g.type = ANY (e.event_types))
           ORDER BY g.n, e.id
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING 1
         )
         SELECT count(*)::int AS queued FROM queued`,
        column((e) => e.id),
        column((e) => e.type),
        column((e) => resourceKindOf(e.type)),
        column((e) => e.resourceId),
        column((e) => e.contractId),
        column((e) => e.occurredAt.toISOString()),
        column((e) => JSON.stringify(e.data)),
        currentTraceparent(),
      );
      return row!.queued;
    },
    async findById(id) {
      const row = await db.event.findUnique({ where: { id } });
      return row ? toEvent(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.event.findMany({
        ...args,
        where: {
          ...args.where,
          occurredAt: { gte: filter.since },
          ...(filter.types ? { type: { in: [...filter.types] } } : {}),
          ...(filter.resourceId ? { resourceId: filter.resourceId } : {}),
          ...(filter.contractId ? { contractId: filter.contractId } : {}),
        },
      });
      return toPage(rows, page, toEvent);
    },
    async replay(endpoint, window, replayId, now) {
      // Under an ordering key of the replay's own: a delivery of the same event that gave up does
      // not hold its replay back, and the replay keeps the order of the window.
      return db.$executeRawUnsafe(
        `INSERT INTO integration_deliveries (${DELIVERY_COLUMNS})
         SELECT ponte_uuid_v7(), ${orderingKey('$1::text', 'ev')} || ':replay:' || $2, 'replay:' || $2 || ':' || ev.id, 'webhook', ev.id,
                'webhook', $1::uuid, ev.contract_id, ev.type, jsonb_build_object('eventId', ev.id), $3::timestamptz, $3::timestamptz, NULL
         FROM events ev
         WHERE ev.occurred_at >= $4::timestamptz AND ev.occurred_at < $5::timestamptz
           AND ($6::boolean OR ev.type = ANY ($7::text[]))
           AND ($8::text[] IS NULL OR ev.type = ANY ($8::text[]))
         ORDER BY ev.occurred_at, ev.id
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
    async forgetBefore(before, limit) {
      await db.$executeRaw`
        DELETE FROM webhook_attempts WHERE id IN (SELECT id FROM webhook_attempts WHERE at < ${before} LIMIT ${limit})`;
      return db.$executeRaw`
        DELETE FROM events WHERE id IN (SELECT id FROM events WHERE occurred_at < ${before} ORDER BY occurred_at LIMIT ${limit})`;
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
      return toEndpoint(
        await db.webhookEndpoint.create({ data: { ...endpoint, eventTypes: [...endpoint.eventTypes] } }),
      );
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
        `${DELIVERY_SELECT} AND ($2::uuid IS NULL OR d.id > $2::uuid) ORDER BY d.id LIMIT $3`,
        endpointId,
        page.after ?? null,
        page.limit + 1,
      );
      const more = rows.length > page.limit;
      const kept = more ? rows.slice(0, page.limit) : rows;
      return { items: await withAttempts(kept), last: more ? kept[kept.length - 1]!.id : null };
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
