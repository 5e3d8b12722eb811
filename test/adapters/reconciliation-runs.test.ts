import type { Database } from '../../src/adapters/db/database';
import { createPrismaReconciliationRepository } from '../../src/adapters/db/reconciliation/repository';
import { EMPTY_COUNTS, EMPTY_PROGRESS, type ReconciliationRepository } from '../../src/domain/reconciliation/ports';
import { DATABASE_KINDS, openTestDatabase, resetTables } from '../helpers/databases';

/*
 * docs/reconciliation.md, "Runs": a run is taken by one process at a time under a lease; a process
 * that dies leaves it to another once the lease runs out, which starts it over; a scheduled plan is
 * one a day whichever process queues it.
 */
describe.each(DATABASE_KINDS)('reconciliation runs in the database [%s]', (kind) => {
  let db: Database;
  let runs: ReconciliationRepository;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    runs = createPrismaReconciliationRepository(db.prisma);
  });
  beforeEach(() => resetTables(db));
  afterAll(() => db.close());

  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, seconds));
  const queue = (id: string, scheduledFor: string | null = null) =>
    runs.create({
      id,
      mode: 'plan',
      targetKind: null,
      integrationId: null,
      removeExtra: false,
      trigger: scheduledFor ? 'schedule' : 'api',
      scheduledFor,
      actor: 'test',
      createdAt: at(0),
    });
  const RUN = '01a25000-0000-7000-8000-000000000001';
  const finding = (id: string) => ({
    id,
    kind: 'missing' as const,
    targetKind: 'sva_user' as const,
    targetId: null,
    reference: 'r',
    contractId: null,
    integrationId: 'i',
    platform: 'exa',
    desired: null,
    actual: null,
    repair: { actions: ['create_user'] },
  });

  test('when two processes look for work, then one takes the run; when its holder stops renewing, the other takes it over and starts it afresh', async () => {
    await queue(RUN);
    const first = await runs.claim('process-a', at(1), at(61));
    expect(first).toMatchObject({ id: RUN, status: 'running' });
    expect(await runs.claim('process-b', at(2), at(62))).toBeNull();
    expect(await runs.renew(RUN, 'process-a', { ...EMPTY_PROGRESS, compared: 10 }, at(70))).toBe(true);
    await runs.addFindings(RUN, [finding('01a25000-0000-7000-8000-0000000000f1')]);
    // process-a dies: its lease runs out at 70 s.
    expect(await runs.claim('process-b', at(69), at(129))).toBeNull();
    const taken = await runs.claim('process-b', at(71), at(131));
    expect(taken).toMatchObject({ id: RUN, status: 'running', progress: EMPTY_PROGRESS });
    expect((await runs.listFindings(RUN, {}, { limit: 10 })).items).toEqual([]);
    // process-a comes back: its renewal and its end are refused, the run is process-b's.
    expect(await runs.renew(RUN, 'process-a', EMPTY_PROGRESS, at(80))).toBe(false);
    const end = {
      status: 'finished' as const,
      progress: EMPTY_PROGRESS,
      counts: EMPTY_COUNTS,
      error: null,
      at: at(90),
    };
    expect(await runs.finish(RUN, 'process-a', end)).toBe(false);
    expect(await runs.finish(RUN, 'process-b', end)).toBe(true);
    expect(await runs.findById(RUN)).toMatchObject({ status: 'finished', finishedAt: at(90) });
    expect(await runs.claim('process-a', at(200), at(260))).toBeNull();
  });

  test('when the nightly plan is queued twice for a day, then the second is refused; the next day has its own', async () => {
    expect(await queue('01a25000-0000-7000-8000-000000000002', '2026-12-07')).toBe(true);
    expect(await queue('01a25000-0000-7000-8000-000000000003', '2026-12-07')).toBe(false);
    expect(await queue('01a25000-0000-7000-8000-000000000004', '2026-12-08')).toBe(true);
    expect(await queue('01a25000-0000-7000-8000-000000000005')).toBe(true);
    expect((await runs.list({ limit: 10 })).items.map((r) => r.trigger)).toEqual(['api', 'schedule', 'schedule']);
  });
});
