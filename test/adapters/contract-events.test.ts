import type { Database } from '../../src/adapters/db/database';
import { createPrismaStore } from '../../src/adapters/db/prisma-store';
import { stampTransition, type Contract, type ContractHistoryEntry } from '../../src/domain/contracts/contract';
import type { DecidedEvent } from '../../src/domain/contracts/ports';
import type { Store } from '../../src/domain/ports/store';
import { toldOf } from '../../src/domain/deliveries/target-call';
import { SIP_LINE_CALL, sipLinePolicyRows } from '../../src/domain/voip/sip-line';
import { DATABASE_KINDS, openTestDatabase, resetTables } from '../helpers/databases';

const NOW = new Date('2026-11-23T12:00:00Z');
const LATER = new Date('2026-11-23T12:05:00Z');
const id = (n: number) => `01a30000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const CUSTOMER = id(1);
const CONTRACT = id(2);
const LINE = id(3);
const EVENT = id(4);

const activeContract: Contract = {
  id: CONTRACT,
  customerId: CUSTOMER,
  description: null,
  billingDay: 10,
  status: 'active',
  accessStatus: 'active',
  version: 3,
  activatedAt: NOW,
  blockedAt: null,
  endedAt: null,
  trustReleaseEndsOn: null,
  trustReleasedAt: null,
  approved: false,
  approvedAt: null,
  billingStart: null,
  billingEnd: null,
  createdAt: NOW,
  updatedAt: NOW,
};

/** The block the lifecycle table decides for the contract as stored (version 3). */
const block = (version: number): DecidedEvent => {
  const after = { status: 'active', accessStatus: 'automatic_block' } as const;
  const event: ContractHistoryEntry = {
    id: EVENT,
    contractId: CONTRACT,
    type: 'block',
    mode: 'automatic',
    reason: 'overdue',
    actor: 'overdue-run',
    before: { status: 'active', accessStatus: 'active' },
    after,
    notices: [],
    at: LATER,
  };
  return {
    contract: { ...activeContract, ...after, ...stampTransition(activeContract, after, LATER), version },
    event,
  };
};

/** docs/architecture.md, "What stored means": a contract event's state, history and partner effects are stored together or not at all. */
describe.each(DATABASE_KINDS)('contract events written set-based [%s]', (kind) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    store = createPrismaStore(db.prisma, db.sql);
  });
  beforeEach(async () => {
    await resetTables(db);
    await db.sql.query(
      `INSERT INTO customers (id, name, document, document_type, phones, created_at, updated_at) VALUES ($1, 'Cliente', '52998224725', 'cpf', '{}', $2, $2)`,
      [CUSTOMER, NOW],
    );
    await store.contracts.create(activeContract);
    await db.sql.query(`UPDATE contracts SET version = 3 WHERE id = $1`, [CONTRACT]);
    const line = await store.sipLines.create({
      id: LINE,
      contractId: CONTRACT,
      extension: '2001',
      number: '+551133334444',
      status: 'active',
      blockedWithContract: false,
      passwordSet: false,
      sealedPassword: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    if (!line.ok) throw new Error('setup');
  });
  afterAll(() => db.close());

  const record = (decided: DecidedEvent) =>
    store.transaction((repos) =>
      repos.contracts.recordEvents(
        [decided],
        [{ call: SIP_LINE_CALL, rows: sipLinePolicyRows({ blockLinesWithContract: true }) }],
        LATER,
      ),
    );

  const stored = async () => ({
    contract: (
      await db.sql.query<{ access_status: string; version: number; blocked_at: Date | null }>(
        `SELECT access_status, version, blocked_at FROM contracts`,
      )
    )[0],
    history: await db.sql.query(
      `SELECT id, type, mode, reason, actor, status_before, access_status_before, status_after, access_status_after, notices FROM contract_events`,
    ),
    line: (await db.sql.query<{ status: string }>(`SELECT status FROM sip_lines`))[0]!.status,
    outbox: await db.sql.query(
      `SELECT idempotency_key, target_kind, target_id, action, payload FROM integration_deliveries`,
    ),
    events: await db.sql.query(
      `SELECT id, type, resource_kind, resource_id, contract_id, data FROM events ORDER BY seq`,
    ),
  });

  test('when the contract is at the version the event was decided on, then its state, history line, moved line, partner call and events are stored', async () => {
    expect(await record(block(3))).toEqual({ saved: 1, moved: 1, told: 0 });
    const after = await stored();
    expect(after.contract).toEqual({ access_status: 'automatic_block', version: 4, blocked_at: LATER });
    expect(after.history).toEqual([
      {
        id: EVENT,
        type: 'block',
        mode: 'automatic',
        reason: 'overdue',
        actor: 'overdue-run',
        status_before: 'active',
        access_status_before: 'active',
        status_after: 'active',
        access_status_after: 'automatic_block',
        notices: [],
      },
    ]);
    expect(after.line).toBe('blocked');
    expect(after.outbox).toEqual([
      {
        idempotency_key: `${EVENT}:block_line:${LINE}`,
        target_kind: 'sip_line',
        target_id: LINE,
        action: 'block_line',
        payload: {
          action: 'block_line',
          line: { sipLineId: LINE, contractId: CONTRACT, extension: '2001', number: '+551133334444' },
        },
      },
    ]);
    // The contract's event first, then its line's move, told as toldOf tells it.
    expect(after.events).toEqual([
      {
        id: expect.any(String),
        type: 'contract.status_changed',
        resource_kind: 'contract',
        resource_id: CONTRACT,
        contract_id: CONTRACT,
        data: {
          contract: { id: CONTRACT, customerId: CUSTOMER, status: 'active', accessStatus: 'automatic_block' },
          change: {
            historyId: EVENT,
            event: 'block',
            mode: 'automatic',
            reason: 'overdue',
            actor: 'overdue-run',
            before: { status: 'active', accessStatus: 'active' },
            after: { status: 'active', accessStatus: 'automatic_block' },
          },
        },
      },
      {
        id: expect.any(String),
        type: 'line.status_changed',
        resource_kind: 'line',
        resource_id: LINE,
        contract_id: CONTRACT,
        data: toldOf(
          SIP_LINE_CALL,
          { id: LINE, contractId: CONTRACT, number: '+551133334444' },
          { status: 'blocked', previousStatus: 'active', cause: { historyId: EVENT, action: 'block_line' } },
        ),
      },
    ]);
  });

  test('when the contract moved on since the event was decided, then nothing of the event is stored', async () => {
    expect(await record(block(2))).toEqual({ saved: 0, moved: 0, told: 0 });
    const after = await stored();
    expect(after.contract).toEqual({ access_status: 'active', version: 3, blocked_at: null });
    expect(after.history).toEqual([]);
    expect(after.line).toBe('active');
    expect(after.outbox).toEqual([]);
    expect(after.events).toEqual([]);
  });

  test('when notices are given to a history line, then the line keeps them', async () => {
    await record(block(3));
    const notices = [
      { code: 'SVA_AUTO_CREATE_SKIPPED' as const, productId: LINE, reason: 'SVA_USER_CPF_TAKEN', message: 'skipped' },
    ];
    await store.transaction((repos) => repos.contracts.setNotices([{ id: EVENT, notices }]));
    expect((await stored()).history).toEqual([expect.objectContaining({ id: EVENT, notices })]);
  });
});
