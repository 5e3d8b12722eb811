import type { ProductRepository } from '../../../domain/products/ports';
import type { Product } from '../../../domain/products/product';
import type { Product as ProductRow } from '../../../generated/prisma/client';
import { fail, ok } from '../../../domain/shared/result';
import { type Db, keysetArgs, toPage } from '../prisma-client';

export const toProduct = (row: ProductRow): Product => ({ ...row, type: row.type as Product['type'] });

export function createPrismaProductRepository(db: Db): ProductRepository {
  return {
    async create(product) {
      // Seed 003: one product per package of an integration, kept by a unique index; ON CONFLICT DO NOTHING reads it.
      const [row] = await db.product.createManyAndReturn({ data: [product], skipDuplicates: true });
      if (!row)
        return fail(
          'SVA_PACKAGE_TAKEN',
          `Another product already sells the package '${product.svaPackage}' of this integration.`,
          [{ field: 'svaPackage', message: 'Already linked to another product.' }],
        );
      return ok(toProduct(row));
    },
    async listSvaOnContract(contractId) {
      const rows = await db.product.findMany({
        where: { type: 'sva', items: { some: { contractId } } },
        orderBy: { id: 'asc' },
      });
      return rows.map(toProduct);
    },
    async findById(id) {
      const row = await db.product.findUnique({ where: { id } });
      return row ? toProduct(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.product.findMany({
        ...args,
        where: { ...args.where, ...(filter.type ? { type: filter.type } : {}) },
      });
      return toPage(rows, page, toProduct);
    },
    async update(id, fields, now) {
      const [row] = await db.product.updateManyAndReturn({ where: { id }, data: { ...fields, updatedAt: now } });
      return row ? toProduct(row) : null;
    },
  };
}
