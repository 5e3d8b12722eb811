import type { Contract, ContractHistoryEntry } from '../../../domain/contracts/contract';
import type { Notice } from '../../../domain/shared/notice';
import type { ContractRepository, DecidedEvent } from '../../../domain/contracts/ports';
import type { ContractItem } from '../../../domain/products/product';
import type {
  Contract as ContractRow,
  ContractEvent as ContractEventRow,
  ContractItem as ItemRow,
  Product as ProductRow,
} from '../../../generated/prisma/client';
import type { SqlSession } from '../database';
import { followPolicies } from '../policy-rows';
import { type Db, dateColumn, isoDate, keysetArgs, toPage } from '../prisma-client';
import { toProduct } from '../products/repository';

type DateColumns = 'trustReleaseEndsOn' | 'billingStart' | 'billingEnd';

export const toContract = (
  row: ContractRow | (Omit<ContractRow, DateColumns> & Record<DateColumns, string | null>),
): Contract => ({
  ...row,
  status: row.status as Contract['status'],
  accessStatus: row.accessStatus as Contract['accessStatus'],
  trustReleaseEndsOn: isoDate(row.trustReleaseEndsOn),
  billingStart: isoDate(row.billingStart),
  billingEnd: isoDate(row.billingEnd),
});

/** A contract as Prisma writes it: DATE columns as Dates. */
const toRow = (contract: Contract) => ({
  ...contract,
  trustReleaseEndsOn: contract.trustReleaseEndsOn === null ? null : dateColumn(contract.trustReleaseEndsOn),
  billingStart: contract.billingStart === null ? null : dateColumn(contract.billingStart),
  billingEnd: contract.billingEnd === null ? null : dateColumn(contract.billingEnd),
});

const toHistoryEntry = (row: ContractEventRow): ContractHistoryEntry => ({
  id: row.id,
  contractId: row.contractId,
  type: row.type as ContractHistoryEntry['type'],
  mode: row.mode as ContractHistoryEntry['mode'],
  reason: row.reason,
  actor: row.actor,
  before: {
    status: row.statusBefore as Contract['status'],
    accessStatus: row.accessStatusBefore as Contract['accessStatus'],
  },
  after: {
    status: row.statusAfter as Contract['status'],
    accessStatus: row.accessStatusAfter as Contract['accessStatus'],
  },
  notices: row.notices as unknown as readonly Notice[],
  at: row.at,
});

const toItem = (row: ItemRow & { product: ProductRow }): ContractItem => ({
  id: row.id,
  contractId: row.contractId,
  product: toProduct(row.product),
  priceCents: row.priceCents,
  createdAt: row.createdAt,
});

/** The contract's columns of table (or alias) `t` under the names Prisma gives them, so one mapper serves every read. */
export const contractColumns = (
  t: string,
) => `${t}.id, ${t}.customer_id AS "customerId", ${t}.description, ${t}.billing_day AS "billingDay", ${t}.status,
  ${t}.access_status AS "accessStatus", ${t}.version, ${t}.activated_at AS "activatedAt", ${t}.blocked_at AS "blockedAt",
  ${t}.ended_at AS "endedAt", ${t}.trust_release_ends_on::text AS "trustReleaseEndsOn", ${t}.trust_released_at AS "trustReleasedAt",
  ${t}.approved, ${t}.approved_at AS "approvedAt", ${t}.billing_start::text AS "billingStart", ${t}.billing_end::text AS "billingEnd",
  ${t}.created_at AS "createdAt", ${t}.updated_at AS "updatedAt"`;
const CONTRACT_COLUMNS = contractColumns('contracts');

/**
 * `readSql`, when given, serves `findById` with one plain statement: reading a contract is the
 * API's hottest path. It is only given outside transactions, where no uncommitted write of the
 * caller could be missed.
 */
export function createPrismaContractRepository(db: Db, readSql?: SqlSession): ContractRepository {
  return {
    async create(contract) {
      return toContract(await db.contract.create({ data: toRow(contract) }));
    },
    async findById(id) {
      if (readSql) {
        const [row] = await readSql.query<ContractRow>(
          `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE id = $1`,
          [id],
          { name: 'ponte_contract_by_id' },
        );
        return row ? toContract(row) : null;
      }
      const row = await db.contract.findUnique({ where: { id } });
      return row ? toContract(row) : null;
    },
    async lockById(id) {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM contracts WHERE id = ${id}::uuid FOR UPDATE`;
      return locked.length === 0 ? null : this.findById(id);
    },
    async lockMany(ids) {
      const rows = await db.$queryRawUnsafe<ContractRow[]>(
        `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE id = ANY($1::text[]::uuid[]) ORDER BY id FOR UPDATE`,
        [...ids],
      );
      return rows.map(toContract);
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.contract.findMany({ ...args, where: { ...args.where, ...filter } });
      return toPage(rows, page, toContract);
    },
    async updateDetails(id, { billingStart, billingEnd, ...fields }, now) {
      const dates = {
        ...(billingStart !== undefined
          ? { billingStart: billingStart === null ? null : dateColumn(billingStart) }
          : {}),
        ...(billingEnd !== undefined ? { billingEnd: billingEnd === null ? null : dateColumn(billingEnd) } : {}),
      };
      const [row] = await db.contract.updateManyAndReturn({
        where: { id },
        data: { ...fields, ...dates, updatedAt: now },
      });
      return row ? toContract(row) : null;
    },
    async approve(id, now) {
      const [row] = await db.contract.updateManyAndReturn({
        where: { id },
        data: { approved: true, approvedAt: now, updatedAt: now },
      });
      return row ? toContract(row) : null;
    },
    async recordEvents(changes, policies, now) {
      if (changes.length === 0) return { saved: 0, moved: 0, told: 0 };
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      const column = <T>(pick: (change: DecidedEvent) => T) => param(changes.map(pick));
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      const at = `${param(now.toISOString())}::timestamptz`;
      // Text arrays cast in SQL travel faster than typed ones.
      const decided = `unnest(${column((c) => c.contract.id)}::text[]::uuid[], ${column((c) => c.contract.version)}::int[],
             ${column((c) => c.contract.status)}::text[], ${column((c) => c.contract.accessStatus)}::text[],
             ${column((c) => iso(c.contract.activatedAt))}::text[]::timestamptz[], ${column((c) => iso(c.contract.blockedAt))}::text[]::timestamptz[],
             ${column((c) => iso(c.contract.endedAt))}::text[]::timestamptz[], ${column((c) => c.event.id)}::text[]::uuid[], ${column((c) => c.event.type)}::text[],
             ${column((c) => c.event.mode)}::text[], ${column((c) => c.event.reason)}::text[], ${column((c) => c.event.actor)}::text[])
           AS v(id, version, status, access_status, activated_at, blocked_at, ended_at, cause, event, mode, reason, actor)`;
      const follow = followPolicies(policies, 'saved', at, param);
      // Each saved contract's event (docs/webhooks.md, contract.status_changed), then its targets'
      // moves, in that order (events.seq).
      const toldRows = `SELECT ponte_uuid_v7() AS id, 'contract.status_changed' AS type, 'contract' AS resource_kind,
                               s.contract_id AS resource_id, s.contract_id,
                               jsonb_build_object(
                                 'contract', jsonb_build_object('id', s.contract_id, 'customerId', s.customer_id,
                                                                'status', s.status, 'accessStatus', s.access_status),
                                 'change', jsonb_build_object('historyId', s.cause, 'event', s.event, 'mode', s.mode,
                                   'reason', s.reason, 'actor', s.actor,
                                   'before', jsonb_build_object('status', s.status_before, 'accessStatus', s.access_status_before),
                                   'after', jsonb_build_object('status', s.status, 'accessStatus', s.access_status))) AS data,
                               0 AS rank
                          FROM saved s${
                            follow.told
                              ? `
                        UNION ALL
                        SELECT ponte_uuid_v7(), t.type, t.resource_kind, t.resource_id, t.contract_id, t.data, 1 FROM (${follow.told}) t`
                              : ''
                          }`;
      const tell = `told AS (
           INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
           SELECT x.id, x.type, x.resource_kind, x.resource_id, x.contract_id, ${at}, x.data FROM (${toldRows}) x
           RETURNING type)`;
      // `o` is each contract as it was, for the history's "before"; the events' ids are their history lines' ids.
      const [result] = await db.$queryRawUnsafe<{ saved: number; moved: number; told: number }[]>(
        `WITH saved AS (
           UPDATE contracts c SET status = v.status, access_status = v.access_status, activated_at = v.activated_at, blocked_at = v.blocked_at,
                  ended_at = v.ended_at, version = c.version + 1, updated_at = ${at}
             FROM ${decided} JOIN contracts o ON o.id = v.id
            WHERE c.id = v.id AND c.version = v.version
            RETURNING c.id AS contract_id, c.customer_id, v.cause, v.event, v.mode, v.reason, v.actor, o.status AS status_before, o.access_status AS access_status_before,
                      c.status, c.access_status),
         history AS (
           INSERT INTO contract_events (id, contract_id, type, mode, reason, actor, status_before, access_status_before, status_after, access_status_after, at, notices)
           SELECT cause, contract_id, event, mode, reason, actor, status_before, access_status_before, status, access_status, ${at}, '[]'::jsonb FROM saved)${[...follow.ctes, tell].map((cte) => `,\n         ${cte}`).join('')}
         SELECT (SELECT count(*) FROM saved)::integer AS saved, (${follow.moved})::integer AS moved,
                (SELECT count(*) FROM told t JOIN webhook_endpoints e
                   ON e.enabled AND ponte_endpoint_wants(e.all_events, e.event_types, t.type))::integer AS told`,
        ...params,
      );
      return { saved: result!.saved, moved: result!.moved, told: result!.told };
    },
    async setNotices(entries) {
      if (entries.length === 0) return;
      await db.$executeRawUnsafe(
        `UPDATE contract_events e SET notices = n.notices::jsonb FROM unnest($1::text[]::uuid[], $2::text[]) AS n(id, notices) WHERE e.id = n.id`,
        entries.map((e) => e.id),
        entries.map((e) => JSON.stringify(e.notices)),
      );
    },
    async listHistory(contractId, page) {
      const args = keysetArgs(page);
      const rows = await db.contractEvent.findMany({ ...args, where: { ...args.where, contractId } });
      return toPage(rows, page, toHistoryEntry);
    },
    async setTrustRelease(id, endsOn, releasedAt) {
      await db.$executeRaw`UPDATE contracts SET trust_release_ends_on = ${endsOn}::date, trust_released_at = ${releasedAt} WHERE id = ${id}::uuid`;
    },
    async endOverdueCycle(ids) {
      if (ids.length === 0) return;
      await db.$executeRaw`UPDATE contracts SET trust_release_ends_on = NULL, trust_released_at = NULL
        WHERE id = ANY(${[...ids]}::uuid[]) AND (trust_release_ends_on IS NOT NULL OR trust_released_at IS NOT NULL)`;
    },
    async addItem(item) {
      const row = await db.contractItem.create({
        data: {
          id: item.id,
          contractId: item.contractId,
          productId: item.product.id,
          priceCents: item.priceCents,
          createdAt: item.createdAt,
        },
        include: { product: true },
      });
      return toItem(row);
    },
    async listItems(contractId) {
      const rows = await db.contractItem.findMany({
        where: { contractId },
        include: { product: true },
        orderBy: { id: 'asc' },
      });
      return rows.map(toItem);
    },
    async deleteItem(contractId, itemId) {
      const { count } = await db.contractItem.deleteMany({ where: { id: itemId, contractId } });
      return count > 0;
    },
  };
}
