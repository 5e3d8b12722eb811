import type { Contract, ContractHistoryEntry } from '../../domain/contract/contract';
import type { ContractRepository } from '../../domain/ports/repositories';
import type { ContractItem } from '../../domain/product/product';
import type { Contract as ContractRow, ContractEvent as ContractEventRow, ContractItem as ItemRow, Product as ProductRow } from '../../generated/prisma/client';
import type { SqlSession } from './database';
import { type Db, isNotFound, keysetArgs, toPage } from './prisma-client';
import { toProduct } from './prisma-product-repository';

const toContract = (row: ContractRow): Contract => ({
  ...row,
  status: row.status as Contract['status'],
  accessStatus: row.accessStatus as Contract['accessStatus'],
});

const toHistoryEntry = (row: ContractEventRow): ContractHistoryEntry => ({
  id: row.id,
  contractId: row.contractId,
  type: row.type as ContractHistoryEntry['type'],
  mode: row.mode as ContractHistoryEntry['mode'],
  reason: row.reason,
  actor: row.actor,
  before: { status: row.statusBefore as Contract['status'], accessStatus: row.accessStatusBefore as Contract['accessStatus'] },
  after: { status: row.statusAfter as Contract['status'], accessStatus: row.accessStatusAfter as Contract['accessStatus'] },
  at: row.at,
});

const toItem = (row: ItemRow & { product: ProductRow }): ContractItem => ({
  id: row.id,
  contractId: row.contractId,
  product: toProduct(row.product),
  priceCents: row.priceCents,
  createdAt: row.createdAt,
});

// The contract's columns under the names Prisma gives them, so one mapper serves both reads.
const CONTRACT_COLUMNS = `id, customer_id AS "customerId", description, billing_day AS "billingDay", status,
  access_status AS "accessStatus", version, activated_at AS "activatedAt", blocked_at AS "blockedAt",
  ended_at AS "endedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * `readSql`, when given, serves `findById` with one plain statement: reading a contract is the
 * API's hottest path. It is only given outside transactions, where no uncommitted write of the
 * caller could be missed.
 */
export function createPrismaContractRepository(db: Db, readSql?: SqlSession): ContractRepository {
  return {
    async create(contract) {
      return toContract(await db.contract.create({ data: contract }));
    },
    async findById(id) {
      if (readSql) {
        const [row] = await readSql.query<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE id = $1`, [id]);
        return row ? toContract(row) : null;
      }
      const row = await db.contract.findUnique({ where: { id } });
      return row ? toContract(row) : null;
    },
    async lockById(id) {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM contracts WHERE id = ${id}::uuid FOR UPDATE`;
      return locked.length === 0 ? null : this.findById(id);
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.contract.findMany({ ...args, where: { ...args.where, ...filter } });
      return toPage(rows, page, toContract);
    },
    async updateDetails(id, fields, now) {
      try {
        return toContract(await db.contract.update({ where: { id }, data: { ...fields, updatedAt: now } }));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async saveState(id, expectedVersion, state, now) {
      const { count } = await db.contract.updateMany({
        where: { id, version: expectedVersion },
        data: { ...state, version: { increment: 1 }, updatedAt: now },
      });
      return count === 0 ? null : this.findById(id);
    },
    async appendHistory(entry) {
      await db.contractEvent.create({
        data: {
          id: entry.id,
          contractId: entry.contractId,
          type: entry.type,
          mode: entry.mode,
          reason: entry.reason,
          actor: entry.actor,
          statusBefore: entry.before.status,
          accessStatusBefore: entry.before.accessStatus,
          statusAfter: entry.after.status,
          accessStatusAfter: entry.after.accessStatus,
          at: entry.at,
        },
      });
    },
    async listHistory(contractId, page) {
      const args = keysetArgs(page);
      const rows = await db.contractEvent.findMany({ ...args, where: { ...args.where, contractId } });
      return toPage(rows, page, toHistoryEntry);
    },
    async listBlockedSince(blockedBefore, limit) {
      const rows = await db.contract.findMany({
        where: { status: 'active', accessStatus: { in: ['manual_block', 'automatic_block'] }, blockedAt: { lte: blockedBefore } },
        orderBy: { blockedAt: 'asc' },
        take: limit,
      });
      return rows.map(toContract);
    },
    async addItem(item) {
      const row = await db.contractItem.create({
        data: { id: item.id, contractId: item.contractId, productId: item.product.id, priceCents: item.priceCents, createdAt: item.createdAt },
        include: { product: true },
      });
      return toItem(row);
    },
    async listItems(contractId) {
      const rows = await db.contractItem.findMany({ where: { contractId }, include: { product: true }, orderBy: { id: 'asc' } });
      return rows.map(toItem);
    },
    async deleteItem(contractId, itemId) {
      const { count } = await db.contractItem.deleteMany({ where: { id: itemId, contractId } });
      return count > 0;
    },
  };
}
