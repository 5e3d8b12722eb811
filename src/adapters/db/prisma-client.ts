import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Page, PageRequest } from '../../domain/ports/repositories';

/** The client or one of its transactions: repositories work the same over both. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Keyset pagination over time-ordered ids: one extra row tells whether more follow. */
export function keysetArgs(page: PageRequest) {
  return {
    take: page.limit + 1,
    orderBy: { id: 'asc' as const },
    ...(page.after ? { where: { id: { gt: page.after } } } : {}),
  };
}

export function toPage<R extends { id: string }, T>(rows: readonly R[], page: PageRequest, map: (row: R) => T): Page<T> {
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  return { items: kept.map(map), last: more ? kept[kept.length - 1]!.id : null };
}

interface DbError {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
}

/** PostgreSQL's SQLSTATE behind a Prisma error, when a driver adapter reported one. */
const sqlState = (error: unknown) => (error as DbError | null)?.meta?.driverAdapterError?.cause?.originalCode;
const prismaCode = (error: unknown) => (error as DbError | null)?.code;

export const isUniqueViolation = (error: unknown) => prismaCode(error) === 'P2002' || sqlState(error) === '23505';
/** A foreign key stopped the write: a missing parent (23503) or a RESTRICT-ed child (23001). */
export const isForeignKeyViolation = (error: unknown) => prismaCode(error) === 'P2003' || ['23503', '23001'].includes(sqlState(error) ?? '');
/** Prisma's code for "record to update/delete not found". */
export const isNotFound = (error: unknown) => prismaCode(error) === 'P2025';
