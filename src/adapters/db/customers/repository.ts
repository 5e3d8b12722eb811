import type { Address, Customer } from '../../../domain/customers/customer';
import type { CustomerFilter, CustomerRepository } from '../../../domain/customers/ports';
import { fail, ok } from '../../../domain/shared/result';
import { Prisma, type Customer as CustomerRow } from '../../../generated/prisma/client';
import { type Db, inTransaction, keysetArgs, toPage, UNIQUE_VIOLATION, unlessUniqueViolation } from '../prisma-client';

const toCustomer = (row: CustomerRow): Customer => ({
  ...row,
  documentType: row.documentType as Customer['documentType'],
  address: row.address as Address | null,
});

/** The document's current holder is named, so a client can go to it instead of guessing. */
async function documentTaken(db: Db, document: string) {
  const holder = await db.customer.findUnique({ where: { document }, select: { id: true } });
  const error = {
    code: 'CUSTOMER_DOCUMENT_TAKEN' as const,
    errors: [{ field: 'document', message: 'Already in use.' }],
  };
  return holder
    ? ({
        ok: false,
        error: { ...error, message: `Customer ${holder.id} already has this document.`, existingId: holder.id },
      } as const)
    : ({ ok: false, error: { ...error, message: 'Another customer already has this document.' } } as const);
}

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
      const { address, ...rest } = customer;
      // INSERT … ON CONFLICT DO NOTHING RETURNING: a taken document stores nothing and breaks nothing.
      const [row] = await db.customer.createManyAndReturn({
        data: [
          {
            ...rest,
            phones: [...rest.phones],
            address: address ? { ...address } : Prisma.DbNull,
          },
        ],
        skipDuplicates: true,
      });
      return row ? ok(toCustomer(row)) : documentTaken(db, customer.document);
    },
    async findById(id) {
      const row = await db.customer.findUnique({ where: { id } });
      return row ? toCustomer(row) : null;
    },
    async lockForReference(id) {
      const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM customers WHERE id = ${id}::uuid FOR KEY SHARE`;
      return rows.length === 1;
    },
    async list(filter, page) {
      const args = keysetArgs(page);
      const rows = await db.customer.findMany({ ...args, where: { ...args.where, ...where(filter) } });
      return toPage(rows, page, toCustomer);
    },
    async update(id, fields, now) {
      const { address, phones, ...rest } = fields;
      const data = {
        ...rest,
        ...(phones !== undefined ? { phones: [...phones] } : {}),
        ...(address !== undefined ? { address: address === null ? Prisma.DbNull : { ...address } } : {}),
        updatedAt: now,
      };
      // The document may be another customer's: only a savepoint lets the unique index say so safely.
      const rows = await unlessUniqueViolation(db, (tx) => tx.customer.updateManyAndReturn({ where: { id }, data }));
      if (rows === UNIQUE_VIOLATION) return documentTaken(db, fields.document!);
      return rows[0] ? ok(toCustomer(rows[0])) : fail('CUSTOMER_NOT_FOUND', 'Customer not found.');
    },
    delete(id) {
      // The row lock waits for any contract being created for the customer, so the check below sees it.
      return inTransaction(db, async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customers WHERE id = ${id}::uuid FOR UPDATE`;
        if (locked.length === 0) return fail('CUSTOMER_NOT_FOUND', 'Customer not found.');
        if ((await tx.contract.count({ where: { customerId: id }, take: 1 })) > 0)
          return fail('CUSTOMER_HAS_CONTRACTS', 'A customer with contracts cannot be deleted.');
        await tx.customer.delete({ where: { id } });
        return ok(undefined);
      });
    },
  };
}
