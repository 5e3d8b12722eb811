import type { Database } from '../../src/adapters/db/database';
import { createPrismaStore } from '../../src/adapters/db/prisma-store';
import type { Customer } from '../../src/domain/customers/customer';
import type { Store } from '../../src/domain/ports/store';
import { DATABASE_KINDS, openTestDatabase, resetTables } from '../helpers/databases';

const NOW = new Date('2026-11-23T12:00:00Z');
let n = 0;
const customer = (document: string): Customer => ({
  id: `01a20000-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`,
  name: `Cliente ${n}`,
  document,
  documentType: 'cpf',
  email: null,
  mobilePhone: null,
  phones: [],
  address: null,
  createdAt: NOW,
  updatedAt: NOW,
});

/** docs/architecture.md, "What stored means": a transaction that did not commit can never yield a success. */
describe.each(DATABASE_KINDS)('the store and its transactions [%s]', (kind) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    store = createPrismaStore(db.prisma, db.sql);
  });
  beforeEach(() => resetTables(db));
  afterAll(() => db.close());

  const stored = async () =>
    (await db.sql.query<{ document: string }>('SELECT document FROM customers ORDER BY document')).map(
      (r) => r.document,
    );

  test('when a statement fails and the work catches the error, then the transaction rejects and nothing it wrote is stored', async () => {
    const work = store.transaction(async (repos) => {
      await repos.customers.create(customer('52998224725'));
      // A foreign key refuses the item: PostgreSQL aborts the transaction, whatever the caller does.
      await repos.contracts
        .addItem({
          id: customer('0').id,
          contractId: customer('0').id,
          product: { id: customer('0').id } as never,
          priceCents: 1,
          createdAt: NOW,
        })
        .catch(() => undefined);
      return 'looks fine';
    });
    await expect(work).rejects.toThrow();
    expect(await stored()).toEqual([]);
  });

  test('when a document is taken, then create and update say so inside a transaction, which stays usable and commits', async () => {
    const result = await store.transaction(async (repos) => {
      const first = await repos.customers.create(customer('52998224725'));
      const twin = await repos.customers.create(customer('52998224725'));
      const other = await repos.customers.create(customer('11144477735'));
      if (!first.ok || !other.ok) throw new Error('setup');
      const moved = await repos.customers.update(other.value.id, { document: '52998224725' }, NOW);
      await repos.customers.create(customer('39053344705'));
      return { twin: twin.ok ? null : twin.error.code, moved: moved.ok ? null : moved.error.code };
    });
    expect(result).toEqual({ twin: 'CUSTOMER_DOCUMENT_TAKEN', moved: 'CUSTOMER_DOCUMENT_TAKEN' });
    expect(await stored()).toEqual(['11144477735', '39053344705', '52998224725']);
  });

  test('when a unit of work commits, then its transactions and its last write are stored together; on rollback, none is', async () => {
    const committed = store.unitOfWork();
    await committed.run(() => store.transaction((repos) => repos.customers.create(customer('52998224725'))));
    // Inside the unit, direct reads see what the unit wrote before it commits.
    expect(await committed.run(async () => (await store.customers.list({}, { limit: 10 })).items.length)).toBe(1);
    await committed.commit((repos) => repos.customers.create(customer('11144477735')).then(() => undefined));
    const rolledBack = store.unitOfWork();
    await rolledBack.run(() => store.transaction((repos) => repos.customers.create(customer('39053344705'))));
    await rolledBack.rollback();
    expect(await stored()).toEqual(['11144477735', '52998224725']);
  });

  test('when a unit of work writes through a repository directly, then the write is part of the unit, not committed on its own', async () => {
    const unit = store.unitOfWork();
    await unit.run(async () => {
      await store.customers.create(customer('52998224725'));
    });
    // PGlite has one connection, which the open unit holds: only a server can be asked meanwhile.
    if (kind === 'postgresql') expect(await stored()).toEqual([]);
    await unit.rollback();
    expect(await stored()).toEqual([]);
  });

  test('when the last write of a unit of work fails, then nothing of the unit is stored', async () => {
    const unit = store.unitOfWork();
    await unit.run(() => store.transaction((repos) => repos.customers.create(customer('52998224725'))));
    await expect(unit.commit(async () => Promise.reject(new Error('the answer could not be stored')))).rejects.toThrow(
      'could not be stored',
    );
    expect(await stored()).toEqual([]);
  });

  test('when effects wait for a unit of work, then they run after its commit and are dropped on rollback', async () => {
    const ran: string[] = [];
    const unit = store.unitOfWork();
    await unit.run(async () => store.afterCommit(() => ran.push('committed')));
    expect(ran).toEqual([]);
    await unit.commit(async () => undefined);
    const dropped = store.unitOfWork();
    await dropped.run(async () => store.afterCommit(() => ran.push('dropped')));
    await dropped.rollback();
    store.afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['committed', 'outside']);
  });
});

describe.each(DATABASE_KINDS)('plain SQL transactions [%s]', (kind) => {
  test('when a statement fails and the work catches the error, then the transaction rejects and nothing is stored', async () => {
    const db = await openTestDatabase(kind);
    try {
      const work = db.sql.transaction(async (session) => {
        await session.query(`INSERT INTO api_keys (id, name, prefix, key_hash) VALUES ($1, 'k', 'p', 'h')`, [
          customer('0').id,
        ]);
        await session.query('SELECT 1/0').catch(() => undefined);
        return 'looks fine';
      });
      await expect(work).rejects.toThrow();
      expect(await db.sql.query('SELECT id FROM api_keys')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
