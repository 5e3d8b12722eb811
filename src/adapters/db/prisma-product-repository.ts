import type { ProductRepository } from '../../domain/ports/repositories';
import type { Product } from '../../domain/product/product';
import type { Product as ProductRow } from '../../generated/prisma/client';
import { type Db, isNotFound, keysetArgs, toPage } from './prisma-client';

export const toProduct = (row: ProductRow): Product => ({ ...row, type: row.type as Product['type'] });

export function createPrismaProductRepository(db: Db): ProductRepository {
  return {
    async create(product) {
      return toProduct(await db.product.create({ data: product }));
    },
    async listSvaOnContract(contractId) {
      const rows = await db.product.findMany({ where: { type: 'sva', items: { some: { contractId } } }, orderBy: { id: 'asc' } });
      return rows.map(toProduct);
    },
    async findById(id) {
      const row = await db.product.findUnique({ where: { id } });
      return row ? toProduct(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.product.findMany({ ...args, where: { ...args.where, ...(filter.type ? { type: filter.type } : {}) } });
      return toPage(rows, page, toProduct);
    },
    async update(id, fields, now) {
      try {
        return toProduct(await db.product.update({ where: { id }, data: { ...fields, updatedAt: now } }));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}
