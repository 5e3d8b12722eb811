import type { StfcRepository } from '../../../domain/stfc/ports';
import { OPEN_ITEM_STATES, progressOf, type BillingItem, type BillingItemState } from '../../../domain/stfc/billing';
import type { SqlSession } from '../database';
import { type Db, inTransaction, keysetArgs, toPage } from '../prisma-client';

// An item's latest delivery (an item awaiting Summit's month gets a new one each time it is asked again).
export const LATEST_DELIVERY = (
  item: string,
) => `LEFT JOIN LATERAL (SELECT x.status, x.last_error, x.attempts FROM integration_deliveries x
    WHERE x.target_kind = 'stfc_billing' AND x.target_id = ${item}.id ORDER BY x.seq DESC LIMIT 1) d ON true`;

// An item still pending whose delivery gave up shows as failed, with the delivery's last error; its
// tries are its delivery's.
const ITEM_VIEW = `SELECT i.id, i.batch_id AS "batchId", i.contract_id AS "contractId", i.competence,
    CASE WHEN i.state = 'pending' AND d.status = 'dead' THEN 'failed' ELSE i.state END AS state,
    CASE WHEN i.state = 'pending' AND d.status = 'dead' THEN d.last_error ELSE i.message END AS message,
    i.charge_id AS "chargeId", i.calls_imported AS "callsImported", COALESCE(d.attempts, 0) AS attempts,
    i.created_at AS "createdAt", i.updated_at AS "updatedAt"
  FROM stfc_billing_items i
  ${LATEST_DELIVERY('i')}`;

/** Billing batches, their items and the calls they import: the billing half of the STFC repository. */
export function createStfcBillingQueries(db: Db, plainSql?: SqlSession) {
  return {
    async createBatch(batch, items) {
      await db.stfcBillingBatch.create({ data: batch });
      await db.stfcBillingItem.createMany({ data: items.map(({ attempts: _tries, ...item }) => item) });
    },
    async findBatch(id) {
      return db.stfcBillingBatch.findUnique({ where: { id } });
    },
    async batchesState() {
      const [row] = await db.$queryRaw<{ running: number; last: Date | null }[]>`
        SELECT count(*) FILTER (WHERE finished_at IS NULL)::int AS running, max(finished_at) AS last
          FROM stfc_billing_batches`;
      return { running: row?.running ?? 0, lastFinishedAt: row?.last ?? null };
    },
    async listBatches(request) {
      const args = keysetArgs(request);
      const batches = await db.stfcBillingBatch.findMany({
        ...args,
        orderBy: { id: 'desc' },
        ...(request.after ? { where: { id: { lt: request.after } } } : {}),
      });
      const states =
        batches.length === 0
          ? []
          : await db.$queryRawUnsafe<{ batchId: string; state: BillingItemState }[]>(
              `SELECT v."batchId", v.state FROM (${ITEM_VIEW} WHERE i.batch_id = ANY($1::uuid[])) v`,
              batches.map((b) => b.id),
            );
      return toPage(batches, request, (batch) => ({
        ...batch,
        progress: progressOf(states.filter((s) => s.batchId === batch.id).map((s) => s.state)),
      }));
    },
    async itemsOfBatch(batchId) {
      return db.$queryRawUnsafe<BillingItem[]>(`${ITEM_VIEW} WHERE i.batch_id = $1::uuid ORDER BY i.id`, batchId);
    },
    async findItem(id) {
      const [item] = await db.$queryRawUnsafe<BillingItem[]>(`${ITEM_VIEW} WHERE i.id = $1::uuid`, id);
      return item ?? null;
    },
    async lockItem(id) {
      const [item] = await db.$queryRawUnsafe<BillingItem[]>(`${ITEM_VIEW} WHERE i.id = $1::uuid FOR UPDATE OF i`, id);
      return item ?? null;
    },
    settleItem(id, outcome, now) {
      // Items of one batch settle one at a time (the batch's row lock), so that the last one sees
      // every other settled and finishes the batch.
      return inTransaction(db, async (tx) => {
        const [batch] = await tx.$queryRaw<
          { batchId: string }[]
        >`SELECT b.id AS "batchId" FROM stfc_billing_items i JOIN stfc_billing_batches b ON b.id = i.batch_id
          WHERE i.id = ${id}::uuid FOR UPDATE OF b`;
        if (!batch) return;
        const { count } = await tx.stfcBillingItem.updateMany({
          where: { id, state: 'pending' },
          data: { ...outcome, updatedAt: now },
        });
        if (count === 0) return;
        // The batch finished, and frontends told so with what became of its items (docs/webhooks.md).
        await tx.$executeRaw`WITH finished AS (
            UPDATE stfc_billing_batches SET finished_at = ${now}
             WHERE id = ${batch.batchId}::uuid AND finished_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM stfc_billing_items WHERE batch_id = ${batch.batchId}::uuid AND state = ANY(${[...OPEN_ITEM_STATES]}::text[]))
            RETURNING id, competence, total, actor, finished_at)
          INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
          SELECT ponte_uuid_v7(), 'billing_batch.finished', 'billing_batch', f.id, NULL, f.finished_at,
                 jsonb_build_object('billingBatch', jsonb_build_object(
                   'id', f.id, 'competence', f.competence, 'total', f.total, 'actor', f.actor, 'finishedAt', f.finished_at,
                   'items', (SELECT jsonb_build_object(
                                      'done', count(*) FILTER (WHERE i.state = 'done'),
                                      'failed', count(*) FILTER (WHERE i.state = 'failed'),
                                      'skipped', count(*) FILTER (WHERE i.state = 'skipped'))
                               FROM stfc_billing_items i WHERE i.batch_id = f.id)))
            FROM finished f`;
      });
    },
    async reopenAwaitingSummit(before, now) {
      // The row locks of the UPDATE let one caller take each item; an item whose contract has no
      // live service any more has nothing to bill.
      const skipped = await db.$queryRaw<{ id: string }[]>`SELECT i.id FROM stfc_billing_items i
        WHERE i.state = 'awaiting_summit' AND i.updated_at <= ${before}
          AND NOT EXISTS (SELECT 1 FROM stfc_services s WHERE s.contract_id = i.contract_id AND s.deleted_at IS NULL)`;
      for (const { id } of skipped) {
        await db.stfcBillingItem.updateMany({ where: { id, state: 'awaiting_summit' }, data: { state: 'pending' } });
        await (this as Pick<StfcRepository, 'settleItem'>).settleItem(
          id,
          {
            state: 'skipped',
            message: 'The contract no longer has a Summit service.',
            chargeId: null,
            callsImported: 0,
          },
          now,
        );
      }
      return db.$queryRaw<
        { id: string; batchId: string; contractId: string; competence: string; integrationId: string }[]
      >`
        UPDATE stfc_billing_items i SET state = 'pending', updated_at = ${now}
          FROM stfc_services s
         WHERE i.state = 'awaiting_summit' AND i.updated_at <= ${before} AND s.contract_id = i.contract_id AND s.deleted_at IS NULL
        RETURNING i.id, i.batch_id AS "batchId", i.contract_id AS "contractId", i.competence, s.integration_id AS "integrationId"`;
    },
    async importCalls(calls) {
      if (calls.length === 0) return 0;
      // One JSON document per page: a single parameter, parsed by the server into rows.
      const page = JSON.stringify(
        calls.map((c) => ({
          id: c.id,
          contract_id: c.contractId,
          competence: c.competence,
          call_id: c.callId,
          started_at: c.startedAt.toISOString(),
          origin: c.origin,
          destination: c.destination,
          kind: c.kind,
          duration_seconds: c.durationSeconds,
          billed_seconds: c.billedSeconds,
          amount_cents: c.amountCents,
          batch_id: c.batchId,
          imported_at: c.importedAt.toISOString(),
        })),
      );
      const sql = `WITH added AS (
         INSERT INTO call_records (id, contract_id, competence, call_id, started_at, origin, destination, kind, duration_seconds, billed_seconds, amount_cents, batch_id, imported_at)
         SELECT * FROM json_populate_recordset(NULL::call_records, $1::json)
         ON CONFLICT (contract_id, call_id) DO NOTHING RETURNING 1)
       SELECT count(*)::integer AS added FROM added`;
      if (plainSql)
        return (await plainSql.query<{ added: number }>(sql, [page], { name: 'ponte_import_calls' }))[0]!.added;
      return (await db.$queryRawUnsafe<{ added: number }[]>(sql, page))[0]!.added;
    },
    async countCalls(contractId, competence) {
      return db.callRecord.count({ where: { contractId, competence } });
    },
    async alreadyBilled(contractId, competence) {
      const [row] = await db.$queryRaw<{ billed: boolean }[]>`SELECT
        EXISTS (SELECT 1 FROM stfc_billing_items WHERE contract_id = ${contractId}::uuid AND competence = ${competence} AND state = 'done')
        OR EXISTS (SELECT 1 FROM charges WHERE contract_id = ${contractId}::uuid AND competence = ${competence} AND status <> 'cancelled') AS billed`;
      return row!.billed;
    },
    async listCallRecords(contractId, competence, request) {
      const args = keysetArgs(request);
      return toPage(
        await db.callRecord.findMany({
          ...args,
          where: { ...args.where, contractId, ...(competence ? { competence } : {}) },
        }),
        request,
        (row) => row,
      );
    },
  } satisfies Partial<StfcRepository>;
}
