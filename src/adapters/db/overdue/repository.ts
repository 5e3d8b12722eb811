import type { OverdueCandidateFacts, OverdueRepository, OverdueRun } from '../../../domain/overdue/ports';
import type { OverduePolicy } from '../../../domain/overdue/overdue-policy';
import type { OverdueNotice } from '../../../domain/overdue/overdue-notice';
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
  noticeSentOn: string | null;
  noticeQueued: boolean;
  suspendedOn: string | null;
  customerName: string;
  mobilePhone: string | null;
  dueCents: number;
  competence: string;
}

const toRun = (row: RunRow): OverdueRun => ({
  ...row,
  asOf: isoDate(row.asOf)!,
  trigger: row.trigger as OverdueRun['trigger'],
  policy: row.policy as unknown as OverduePolicy,
});

// Any constant both processes agree on: the run's advisory lock.
const RUN_LOCK = 7_410_001;

export function createPrismaOverdueRepository(db: Db): OverdueRepository {
  return {
    async candidates(today, lock, timeZone) {
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
                o.id AS "chargeId", o.due_date::text AS "dueDate", o.due_cents AS "dueCents", o.competence, cu.name AS "customerName", cu.mobile_phone AS "mobilePhone",
                (LEAST(
                   (SELECT min(n.sent_at) FROM notifications n WHERE n.charge_id = o.id AND n.event = 'overdue_notice' AND n.status = 'sent'),
                   (SELECT min(r.sent_at) FROM overdue_notices r WHERE r.charge_id = o.id)
                 ) AT TIME ZONE $2)::date::text AS "noticeSentOn",
                EXISTS (SELECT 1 FROM notifications n WHERE n.charge_id = o.id AND n.event = 'overdue_notice' AND n.status = 'pending') AS "noticeQueued",
                CASE WHEN c.access_status IN ('manual_block', 'automatic_block') THEN (c.blocked_at AT TIME ZONE $2)::date::text END AS "suspendedOn"
           FROM (SELECT DISTINCT ON (contract_id) contract_id, id, due_date, amount_cents - paid_cents AS due_cents, competence FROM charges
                  WHERE status = 'open' AND due_date < $1::date ORDER BY contract_id, due_date, id) o
           JOIN contracts c ON c.id = o.contract_id
           JOIN customers cu ON cu.id = c.customer_id
          WHERE c.status = 'active'${locked ? ' AND c.id = ANY($3::uuid[])' : ''}
          ORDER BY c.id`,
        ...(locked ? [today, timeZone, locked] : [today, timeZone]),
      );
      return rows.map((row): OverdueCandidateFacts => ({
        contractId: row.contractId,
        status: row.status,
        accessStatus: row.accessStatus,
        trustReleaseEndsOn: row.trustReleaseEndsOn,
        oldestOverdue: { chargeId: row.chargeId, dueDate: row.dueDate },
        noticeSentOn: row.noticeSentOn,
        noticeQueued: row.noticeQueued,
        suspendedOn: row.suspendedOn,
        customer: { name: row.customerName, mobilePhone: row.mobilePhone },
        debt: { dueCents: row.dueCents, competence: row.competence },
      }));
    },
    async recordNotice(notice) {
      await db.$executeRawUnsafe(
        `INSERT INTO overdue_notices (id, contract_id, charge_id, channel, sent_at, content, actor, created_at) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::timestamptz, $6, $7, $8::timestamptz)`,
        notice.id,
        notice.contractId,
        notice.chargeId,
        notice.channel,
        notice.sentAt.toISOString(),
        notice.content,
        notice.actor,
        notice.createdAt.toISOString(),
      );
      return notice;
    },
    async listNotices(contractId) {
      // The notices recorded, and those sent through Opa! Suite (what they said: the template's filled variables).
      return db.$queryRawUnsafe<OverdueNotice[]>(
        `SELECT id, contract_id AS "contractId", charge_id AS "chargeId", channel, 'sent' AS status, sent_at AS "sentAt", content, actor, created_at AS "createdAt"
           FROM overdue_notices WHERE contract_id = $1::uuid
         UNION ALL
         SELECT id, contract_id, charge_id, 'opa_suite', status, sent_at, array_to_string(ARRAY(SELECT jsonb_array_elements_text(variables)), ' | '), NULL, created_at
           FROM notifications WHERE contract_id = $1::uuid AND event = 'overdue_notice'
         ORDER BY "createdAt" DESC, id DESC`,
        contractId,
      );
    },
    async tryLockRun() {
      const [row] = await db.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RUN_LOCK}) AS locked`;
      return row!.locked;
    },
    async saveRun(run) {
      return toRun(
        await db.overdueRun.create({ data: { ...run, asOf: dateColumn(run.asOf), policy: { ...run.policy } } }),
      );
    },
    async listRuns(page) {
      return toPage(await db.overdueRun.findMany(keysetArgs(page)), page, toRun);
    },
    async lastRun() {
      const row = await db.overdueRun.findFirst({ orderBy: { finishedAt: 'desc' } });
      return row ? toRun(row) : null;
    },
  };
}
