import type { Address, Customer } from '../../domain/customer/customer';
import type { CustomerFilter, CustomerRepository } from '../../domain/ports/repositories';
import { fail, ok } from '../../domain/shared/result';
import { Prisma, type Customer as CustomerRow } from '../../generated/prisma/client';
import { type Db, isForeignKeyViolation, isNotFound, isUniqueViolation, keysetArgs, toPage } from './prisma-client';

const toCustomer = (row: CustomerRow): Customer => ({
  ...row,
  documentType: row.documentType as Customer['documentType'],
  address: row.address as Address | null,
});

const documentTaken = () => fail('CUSTOMER_DOCUMENT_TAKEN', 'Another customer already has this document.', [{ field: 'document', message: 'Already in use.' }]);

function where(filter: CustomerFilter): Prisma.CustomerWhereInput {
  return {
    ...(filter.name ? { name: { contains: filter.name, mode: 'insensitive' } } : {}),
    ...(filter.document ? { document: filter.document } : {}),
    ...(filter.phone ? { OR: [{ mobilePhone: filter.phone }, { phones: { has: filter.phone } }] } : {}),
  };
}

export function createPrismaCustomerRepository(db: Db): CustomerRepository {
  return {
    async create(customer) {
      try {
        const { address, ...rest } = customer;
        return ok(toCustomer(await db.customer.create({ data: { ...rest, phones: [...rest.phones], address: address ? ({ ...address } as Prisma.InputJsonObject) : undefined } })));
      } catch (error) {
        if (isUniqueViolation(error)) return documentTaken();
        throw error;
      }
    },
    async findById(id) {
      const row = await db.customer.findUnique({ where: { id } });
      return row ? toCustomer(row) : null;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.customer.findMany({ ...args, where: { ...args.where, ...where(filter) } });
      return toPage(rows, page, toCustomer);
    },
    async update(id, fields, now) {
      const { address, phones, ...rest } = fields;
      try {
        const row = await db.customer.update({
          where: { id },
          data: {
            ...rest,
            ...(phones !== undefined ? { phones: [...phones] } : {}),
            ...(address !== undefined ? { address: address === null ? Prisma.DbNull : { ...address } } : {}),
            updatedAt: now,
          },
        });
        return ok(toCustomer(row));
      } catch (error) {
        if (isUniqueViolation(error)) return documentTaken();
        if (isNotFound(error)) return fail('CUSTOMER_NOT_FOUND', 'Customer not found.');
        throw error;
      }
    },
    async delete(id) {
      try {
        await db.customer.delete({ where: { id } });
        return ok(undefined);
      } catch (error) {
        if (isNotFound(error)) return fail('CUSTOMER_NOT_FOUND', 'Customer not found.');
        if (isForeignKeyViolation(error)) return fail('CUSTOMER_HAS_CONTRACTS', 'A customer with contracts cannot be deleted.');
        throw error;
      }
    },
  };
}
