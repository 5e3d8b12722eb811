import type { OverdueRepository, OverdueRun } from '../../../domain/ports/repositories';
import type { OverdueCandidate, OverduePolicy } from '../../../domain/overdue/overdue-policy';
import type { Contract } from '../../../domain/contracts/contract';
import type { OverdueRun as RunRow } from '../../../generated/prisma/client';
import { dateColumn, type Db, isoDate, keysetArgs, toPage } from '../prisma-client';

interface CandidateRow {
  contractId: string;
  status: Contract['status'];
  accessStatus: Contract['accessStatus'];
  trustReleaseEndsOn: string | null;
  chargeId: string;
  dueDate: string;
}

const toRun = (row: RunRow): OverdueRun => ({ ...row, asOf: isoDate(row.asOf)!, trigger: row.trigger as OverdueRun['trigger'], policy: row.policy as unknown as OverduePolicy });

// Any constant both processes agree on: the run's advisory lock.
const RUN_LOCK = 7_410_001;

export function createPrismaOverdueRepository(db: Db): OverdueRepository {
  return {
    async candidates(today, lock) {
      let locked: string[] | null = null;
      if (lock) {
        // Lock first; then read the charges in a statement of its own, which sees every payment
        // committed while the locks were awaited (a payment holds its contract's lock).
        const rows = await db.$queryRawUnsafe<{ id: string }[]>(
          `SELECT c.id FROM contracts c
            WHERE c.status = 'active' AND EXISTS (SELECT 1 FROM charges h WHERE h.contract_id = c.id AND h.status = 'open' AND h.due_date < $1::date)
            ORDER BY c.id FOR UPDATE`,
          today,
        );
        locked = rows.map((r) => r.id);
        if (locked.length === 0) return [];
      }
      // Each contract's oldest overdue charge, from the partial index on open charges by due date.
      const rows = await db.$queryRawUnsafe<CandidateRow[]>(
        `SELECT c.id AS "contractId", c.status, c.access_status AS "accessStatus", c.trust_release_ends_on::text AS "trustReleaseEndsOn",
                o.id AS "chargeId", o.due_date::text AS "dueDate"
           FROM (SELECT DISTINCT ON (contract_id) contract_id, id, due_date FROM charges
                  WHERE status = 'open' AND due_date < $1::date ORDER BY contract_id, due_date, id) o
           JOIN contracts c ON c.id = o.contract_id
          WHERE c.status = 'active'${locked ? ' AND c.id = ANY($2::uuid[])' : ''}
          ORDER BY c.id`,
        ...(locked ? [today, locked] : [today]),
      );
      return rows.map(
        (row): OverdueCandidate => ({
          contractId: row.contractId,
          status: row.status,
          accessStatus: row.accessStatus,
          trustReleaseEndsOn: row.trustReleaseEndsOn,
          oldestOverdue: { chargeId: row.chargeId, dueDate: row.dueDate },
        }),
      );
    },
    async tryLockRun() {
      const [row] = await db.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RUN_LOCK}) AS locked`;
      return row!.locked;
    },
    async saveRun(run) {
      return toRun(await db.overdueRun.create({ data: { ...run, asOf: dateColumn(run.asOf), policy: { ...run.policy } } }));
    },
    async listRuns(page) {
      return toPage(await db.overdueRun.findMany(keysetArgs(page)), page, toRun);
    },
  };
}
