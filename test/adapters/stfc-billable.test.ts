import type { Database } from '../../src/adapters/db/database';
import { createPrismaStore } from '../../src/adapters/db/prisma-store';
import type { AccessStatus, ContractStatus } from '../../src/domain/contracts/contract';
import type { Store } from '../../src/domain/ports/store';
import { isBillable, type BillingFacts } from '../../src/domain/stfc/billable';
import { DATABASE_KINDS, openTestDatabase, resetTables } from '../helpers/databases';

const COMPETENCE = '2026-10';
const OTHER = '2026-09';
const NOW = new Date('2026-11-05T12:00:00Z');
const CONTRACTS = 240;

/** A small seeded generator: the same data on every run and both engines. */
function prng(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(choices: readonly T[]): T => choices[Math.floor(next() * choices.length)]!;
}

const id = (kind: number, n: number) =>
  `01a4${String(kind).padStart(4, '0')}-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** One generated contract: what is written, and the facts the pure function reads from it. */
interface Generated {
  readonly contractId: string;
  readonly approved: boolean;
  readonly state: readonly [ContractStatus, AccessStatus];
  readonly validity: readonly [string | null, string | null];
  readonly service: 'none' | 'pending' | 'active' | 'deleted';
  readonly billed: 'no' | 'this' | 'other' | 'failed';
  readonly charge: 'none' | 'open' | 'cancelled' | 'other';
  readonly oneOff: 'none' | 'linked' | 'unlinked' | 'other';
  readonly zero: 'none' | 'this' | 'any' | 'other';
}

function generate(seed: number): Generated[] {
  const pick = prng(seed);
  return Array.from({ length: CONTRACTS }, (_, n) => ({
    contractId: id(1, n),
    approved: pick([true, true, true, false]),
    state: pick([
      ['active', 'active'],
      ['active', 'active'],
      ['active', 'active'],
      ['active', 'late_payment'],
      ['active', 'manual_block'],
      ['inactive', 'disabled'],
      ['pre_contract', 'awaiting_signature'],
    ] as const),
    validity: pick([
      [null, null],
      [null, null],
      ['2026-01-01', null],
      ['2026-10-31', null],
      ['2026-11-01', null],
      [null, '2026-10-01'],
      [null, '2026-09-30'],
      ['2026-10-15', '2026-10-15'],
    ] as const),
    service: pick(['active', 'active', 'active', 'none', 'pending', 'deleted'] as const),
    billed: pick(['no', 'no', 'no', 'this', 'other', 'failed'] as const),
    charge: pick(['none', 'none', 'none', 'open', 'cancelled', 'other'] as const),
    oneOff: pick(['none', 'none', 'none', 'linked', 'unlinked', 'other'] as const),
    zero: pick(['none', 'none', 'none', 'this', 'any', 'other'] as const),
  }));
}

const factsOf = (g: Generated): BillingFacts => ({
  contract: {
    approved: g.approved,
    status: g.state[0],
    accessStatus: g.state[1],
    billingStart: g.validity[0],
    billingEnd: g.validity[1],
  },
  // A deleted service is not the contract's live one: the facts see none.
  service: g.service === 'none' || g.service === 'deleted' ? null : { status: g.service, deleted: false },
  billed: g.billed === 'this',
  hasCharge: g.charge === 'open',
  hasOneOffValue: g.oneOff === 'linked',
  hasZeroBilling: g.zero === 'this' || g.zero === 'any',
});

/* Issue 11, item 4: the billable list's SQL and the pure function of seed 001's rules agree. */
describe.each(DATABASE_KINDS)('the billable list and the rules of seed 001 [%s]', (kind) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    store = createPrismaStore(db.prisma, db.sql);
  });
  beforeEach(() => resetTables(db));
  afterAll(() => db.close());

  async function write(contracts: readonly Generated[]) {
    const q = (sql: string, params: unknown[]) => db.sql.query(sql, params);
    await q(
      `INSERT INTO stfc_integrations (id, url, sealed_credentials, created_at, updated_at) VALUES ($1, 'https://summit.test', 'sealed', $2, $2)`,
      [id(9, 1), NOW],
    );
    await q(
      `INSERT INTO stfc_billing_batches (id, competence, total, actor, created_at) VALUES ($1, $2, 0, 'test', $3), ($4, $5, 0, 'test', $3)`,
      [id(9, 2), COMPETENCE, NOW, id(9, 3), OTHER],
    );
    for (const [n, g] of contracts.entries()) {
      const customer = id(2, n);
      await q(
        `INSERT INTO customers (id, name, document, document_type, created_at, updated_at) VALUES ($1, $2, $3, 'cpf', $4, $4)`,
        [customer, `Cliente ${n}`, String(10_000_000_000 + n), NOW],
      );
      await q(
        `INSERT INTO contracts (id, customer_id, billing_day, status, access_status, approved, billing_start, billing_end, created_at, updated_at) VALUES ($1, $2, 10, $3, $4, $5, $6, $7, $8, $8)`,
        [g.contractId, customer, g.state[0], g.state[1], g.approved, g.validity[0], g.validity[1], NOW],
      );
      const service = id(3, n);
      if (g.service !== 'none') {
        await q(
          `INSERT INTO stfc_services (id, contract_id, integration_id, number, plan, status, deleted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'plano', $5, $6, $7, $7)`,
          [
            service,
            g.contractId,
            id(9, 1),
            `+5511322${String(n).padStart(5, '0')}`,
            g.service === 'pending' ? 'pending' : 'active',
            g.service === 'deleted' ? NOW : null,
            NOW,
          ],
        );
      }
      if (g.billed !== 'no') {
        await q(
          `INSERT INTO stfc_billing_items (id, batch_id, contract_id, competence, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [
            id(4, n),
            g.billed === 'other' ? id(9, 3) : id(9, 2),
            g.contractId,
            g.billed === 'other' ? OTHER : COMPETENCE,
            g.billed === 'failed' ? 'failed' : 'done',
            NOW,
          ],
        );
      }
      if (g.charge !== 'none') {
        await q(
          `INSERT INTO charges (id, contract_id, amount_cents, due_date, competence, status, created_at, updated_at) VALUES ($1, $2, 1000, '2026-11-10', $3, $4, $5, $5)`,
          [
            id(5, n),
            g.contractId,
            g.charge === 'other' ? OTHER : COMPETENCE,
            g.charge === 'cancelled' ? 'cancelled' : 'open',
            NOW,
          ],
        );
      }
      if (g.oneOff !== 'none') {
        await q(
          `INSERT INTO one_off_values (id, contract_id, stfc_service_id, competence, amount_cents, description, actor, created_at) VALUES ($1, $2, $3, $4, 500, 'valor', 'test', $5)`,
          [
            id(6, n),
            g.contractId,
            g.oneOff === 'unlinked' || g.service === 'none' ? null : service,
            g.oneOff === 'other' ? OTHER : COMPETENCE,
            NOW,
          ],
        );
      }
      if (g.zero !== 'none') {
        await q(
          `INSERT INTO zero_billing_events (id, contract_id, competence, actor, created_at) VALUES ($1, $2, $3, 'test', $4)`,
          [id(7, n), g.contractId, g.zero === 'any' ? null : g.zero === 'other' ? OTHER : COMPETENCE, NOW],
        );
      }
    }
  }

  test.each([1, 2])(
    'when contracts are generated with every rule held or broken (seed %i), then the SQL list is exactly the contracts the pure function bills',
    async (seed) => {
      const contracts = generate(seed);
      await write(contracts);
      const expected = contracts
        // Without a service, a one-off value cannot be linked to one: it is written unlinked.
        .map((g) => (g.oneOff === 'linked' && g.service === 'none' ? { ...g, oneOff: 'unlinked' as const } : g))
        // A linked one-off value of a deleted service is not linked to the live one (there is none).
        .filter((g) =>
          isBillable({ ...factsOf(g), hasOneOffValue: g.oneOff === 'linked' && g.service !== 'deleted' }, COMPETENCE),
        )
        .map((g) => g.contractId);
      const listed: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.stfc.listBillable(COMPETENCE, {}, { limit: 50, ...(after ? { after } : {}) });
        listed.push(...page.items.map((row) => row.contract.id));
        after = page.last ?? undefined;
      } while (after);
      expect(listed).toEqual(expected);
      expect(expected.length).toBeGreaterThan(3);
      expect(expected.length).toBeLessThan(CONTRACTS / 4);
    },
  );
});
