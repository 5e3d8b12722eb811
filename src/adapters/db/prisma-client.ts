import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Page, PageRequest } from '../../domain/ports/page';

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

export function toPage<R extends { id: string }, T>(
  rows: readonly R[],
  page: PageRequest,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  return { items: kept.map(map), last: more ? kept[kept.length - 1]!.id : null };
}

/** A DATE column as Prisma reads it (a Date at UTC midnight) or as plain SQL casts it to text: YYYY-MM-DD. */
export const isoDate = (value: Date | string | null): string | null =>
  value === null ? null : typeof value === 'string' ? value : value.toISOString().slice(0, 10);

/** A YYYY-MM-DD day as Prisma writes a DATE column. */
export const dateColumn = (date: string) => new Date(`${date}T00:00:00Z`);

// Transaction clients have $transaction too (nested ones), but never $disconnect.
const isRootClient = (db: Db): db is PrismaClient => typeof (db as Partial<PrismaClient>).$disconnect === 'function';

/** Runs `work` in the caller's transaction, or in one of its own when called outside any. */
export function inTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return isRootClient(db) ? db.$transaction(work) : work(db);
}

interface DbError {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
}

/** PostgreSQL's SQLSTATE behind a Prisma error, when a driver adapter reported one. */
const sqlState = (error: unknown) => (error as DbError | null)?.meta?.driverAdapterError?.cause?.originalCode;
const isUniqueViolation = (error: unknown) =>
  (error as DbError | null)?.code === 'P2002' || sqlState(error) === '23505';

export const UNIQUE_VIOLATION = Symbol('unique-violation');

/**
 * Runs one statement that a unique constraint may refuse, inside a SAVEPOINT: when refused, the
 * transaction is rolled back to the savepoint (and stays usable) and UNIQUE_VIOLATION is returned.
 * This is the one place a database error is caught, and only after the rollback that makes it
 * safe (docs/architecture.md, "What stored means"); prefer `INSERT … ON CONFLICT DO NOTHING` where it can say the same.
 */
export function unlessUniqueViolation<T>(
  db: Db,
  statement: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | typeof UNIQUE_VIOLATION> {
  return inTransaction(db, async (tx) => {
    await tx.$executeRawUnsafe('SAVEPOINT unique_guard');
    let result: T;
    try {
      result = await statement(tx);
    } catch (error) {
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT unique_guard');
      if (isUniqueViolation(error)) return UNIQUE_VIOLATION;
      throw error;
    }
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT unique_guard');
    return result;
  });
}

/**
 * `column = $n` for each field given (undefined: left as is) that `columns` names, its value pushed
 * onto `params`: dates as ISO text, objects as JSON text, the rest as they are.
 */
export function setList(
  fields: Readonly<Record<string, unknown>>,
  columns: Readonly<Record<string, string>>,
  params: unknown[],
): string[] {
  const value = (v: unknown) =>
    v instanceof Date ? v.toISOString() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  return Object.entries(fields)
    .filter(([name, v]) => v !== undefined && name in columns)
    .map(([name, v]) => `${columns[name]} = $${params.push(value(v))}`);
}

/** A refused credential as integration rows keep it (`auth_error`, `auth_error_at`): what the record shows. */
export const authErrorOf = (row: { readonly authError: string | null; readonly authErrorAt: Date | null }) =>
  row.authError && row.authErrorAt ? { at: row.authErrorAt, message: row.authError } : null;
