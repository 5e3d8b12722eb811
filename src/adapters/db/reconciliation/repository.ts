import type { ContractStatus } from '../../../domain/contracts/contract';
import type { MvnoLineStatus } from '../../../domain/mvno/mvno-line';
import type {
  FindingOutcome,
  ReconciliationRepository,
  ReconciliationRun,
  RunCounts,
  RunProgress,
  StoredFinding,
} from '../../../domain/reconciliation/ports';
import { EMPTY_COUNTS, EMPTY_PROGRESS } from '../../../domain/reconciliation/ports';
import type {
  FindingKind,
  ReconciledTargetKind,
  Repair,
  RunMode,
  RunStatus,
} from '../../../domain/reconciliation/reconciliation';
import type { SvaUserStatus } from '../../../domain/sva/sva';
import type { SipLineStatus } from '../../../domain/voip/sip-line';
import type {
  Prisma,
  ReconciliationFinding as FindingRow,
  ReconciliationRun as RunRow,
} from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

/* Reconciliation runs and their findings (docs/reconciliation.md), and Ponte's side of each target. */

const toRun = (row: RunRow): ReconciliationRun => ({
  id: row.id,
  mode: row.mode as RunMode,
  targetKind: row.targetKind as ReconciledTargetKind | null,
  integrationId: row.integrationId,
  removeExtra: row.removeExtra,
  trigger: row.trigger as 'api' | 'schedule',
  actor: row.actor,
  status: row.status as RunStatus,
  progress: { ...EMPTY_PROGRESS, ...(row.progress as Partial<RunProgress>) },
  counts: { ...EMPTY_COUNTS, ...(row.counts as Partial<RunCounts>) },
  error: row.error,
  createdAt: row.createdAt,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

const toFinding = (row: FindingRow): StoredFinding & { readonly seq: bigint } => ({
  id: row.id,
  runId: row.runId,
  seq: row.seq,
  kind: row.kind as FindingKind,
  targetKind: row.targetKind as ReconciledTargetKind,
  targetId: row.targetId,
  reference: row.reference,
  contractId: row.contractId,
  integrationId: row.integrationId,
  platform: row.platform,
  desired: row.desired as Record<string, unknown> | null,
  actual: row.actual as Record<string, unknown> | null,
  repair: row.repair as unknown as Repair,
  outcome: row.outcome as FindingOutcome | null,
});

const json = (value: unknown) => value as Prisma.InputJsonValue;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPrismaReconciliationRepository(db: Db): ReconciliationRepository {
  return {
    async create(run) {
      const rows = await db.$executeRaw`
        INSERT INTO reconciliation_runs (id, mode, target_kind, integration_id, remove_extra, trigger, scheduled_for, actor, created_at)
        VALUES (${run.id}::uuid, ${run.mode}, ${run.targetKind}, ${run.integrationId}, ${run.removeExtra}, ${run.trigger},
                ${run.scheduledFor}::date, ${run.actor}, ${run.createdAt})
        ON CONFLICT (scheduled_for) WHERE trigger = 'schedule' DO NOTHING`;
      return rows === 1;
    },
    async findById(id) {
      const row = await db.reconciliationRun.findUnique({ where: { id } });
      return row ? toRun(row) : null;
    },
    async list(page) {
      const args = keysetArgs(page);
      // Newest first: ids are time-ordered, so the keyset runs downwards.
      const rows = await db.reconciliationRun.findMany({
        take: args.take,
        orderBy: { id: 'desc' },
        ...(page.after ? { where: { id: { lt: page.after } } } : {}),
      });
      return toPage(rows, page, toRun);
    },
    async claim(holder, now, leaseUntil) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        UPDATE reconciliation_runs r
        SET status = 'running', holder = ${holder}, lease_until = ${leaseUntil}, started_at = ${now},
            progress = '{}', counts = '{}'
        WHERE r.id = (
          SELECT id FROM reconciliation_runs
          WHERE status = 'queued' OR (status = 'running' AND lease_until < ${now})
          ORDER BY created_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        RETURNING r.id::text AS id`;
      const id = rows[0]?.id;
      if (!id) return null;
      // A run taken again starts over: what its last holder found is found again.
      await db.reconciliationFinding.deleteMany({ where: { runId: id } });
      return toRun((await db.reconciliationRun.findUnique({ where: { id } }))!);
    },
    async renew(id, holder, progress, leaseUntil) {
      const updated = await db.reconciliationRun.updateMany({
        where: { id, holder, status: 'running' },
        data: { progress: json(progress), leaseUntil },
      });
      return updated.count === 1;
    },
    async addFindings(runId, findings) {
      if (findings.length === 0) return;
      await db.reconciliationFinding.createMany({
        data: findings.map((f) => ({
          id: f.id,
          runId,
          kind: f.kind,
          targetKind: f.targetKind,
          targetId: f.targetId,
          reference: f.reference,
          contractId: f.contractId,
          integrationId: f.integrationId,
          platform: f.platform,
          desired: f.desired === null ? undefined : json(f.desired),
          actual: f.actual === null ? undefined : json(f.actual),
          repair: json(f.repair),
        })),
      });
    },
    async listFindings(runId, filter, page) {
      const args = keysetArgs(page);
      const rows = await db.reconciliationFinding.findMany({
        ...args,
        where: {
          ...args.where,
          runId,
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.targetKind ? { targetKind: filter.targetKind } : {}),
        },
      });
      return toPage(rows, page, toFinding);
    },
    async findingsToRepair(runId, afterSeq, limit) {
      const rows = await db.reconciliationFinding.findMany({
        where: { runId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: limit,
      });
      return rows.map(toFinding);
    },
    async setOutcome(findingId, outcome) {
      await db.reconciliationFinding.update({ where: { id: findingId }, data: { outcome: json(outcome) } });
    },
    async finish(id, holder, result) {
      const updated = await db.reconciliationRun.updateMany({
        where: { id, holder, status: 'running' },
        data: {
          status: result.status,
          progress: json(result.progress),
          counts: json(result.counts),
          error: result.error,
          finishedAt: result.at,
          holder: null,
          leaseUntil: null,
        },
      });
      return updated.count === 1;
    },
    async latestFinished() {
      const row = await db.reconciliationRun.findFirst({
        where: { status: 'finished' },
        orderBy: { finishedAt: 'desc' },
      });
      return row ? toRun(row) : null;
    },
    async recordHistory(line) {
      await db.$executeRaw`
        INSERT INTO contract_events (id, contract_id, type, mode, reason, actor, status_before, access_status_before, status_after, access_status_after, at)
        SELECT ${line.id}::uuid, c.id, 'reconcile', 'automatic', ${line.reason}, ${line.actor}, c.status, c.access_status, c.status, c.access_status, ${line.at}
        FROM contracts c WHERE c.id = ${line.contractId}::uuid`;
    },
    async desiredSvaUsers(integrationId, afterId, limit) {
      const rows = await db.$queryRaw<
        {
          id: string;
          contract_id: string;
          contract_status: string;
          status: string;
          package_code: string;
          mobile_phone: string;
        }[]
      >`
        SELECT u.id::text, u.contract_id::text, c.status AS contract_status, u.status, u.package_code, u.mobile_phone
        FROM sva_users u JOIN contracts c ON c.id = u.contract_id
        WHERE u.integration_id = ${integrationId}::uuid AND (${afterId}::uuid IS NULL OR u.id > ${afterId}::uuid)
        ORDER BY u.id
        LIMIT ${limit}`;
      return rows.map((r) => ({
        id: r.id,
        contractId: r.contract_id,
        contractStatus: r.contract_status as ContractStatus,
        status: r.status as SvaUserStatus,
        packageCode: r.package_code,
        mobilePhone: r.mobile_phone,
      }));
    },
    async desiredStfcServices(integrationId, afterId, limit) {
      const rows = await db.$queryRaw<
        {
          id: string;
          contract_id: string;
          contract_status: string;
          number: string;
          plan: string;
          billing_day: number | null;
        }[]
      >`
        SELECT s.id::text, s.contract_id::text, c.status AS contract_status, s.number, s.plan, c.billing_day
        FROM stfc_services s JOIN contracts c ON c.id = s.contract_id
        WHERE s.integration_id = ${integrationId}::uuid AND s.deleted_at IS NULL
          AND (${afterId}::uuid IS NULL OR s.id > ${afterId}::uuid)
        ORDER BY s.id
        LIMIT ${limit}`;
      return rows.map((r) => ({
        id: r.id,
        contractId: r.contract_id,
        contractStatus: r.contract_status as ContractStatus,
        number: r.number,
        plan: r.plan,
        closingDay: r.billing_day,
      }));
    },
    async contractsWithStfcService(contractIds) {
      const ids = contractIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return new Set();
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT contract_id::text AS id FROM stfc_services
        WHERE contract_id = ANY(${ids}::uuid[]) AND deleted_at IS NULL`;
      return new Set(rows.map((r) => r.id));
    },
    async desiredSipLines(afterId, limit) {
      const rows = await db.$queryRaw<
        {
          id: string;
          contract_id: string;
          contract_status: string;
          extension: string;
          number: string;
          status: string;
        }[]
      >`
        SELECT l.id::text, l.contract_id::text, c.status AS contract_status, l.extension, l.number, l.status
        FROM sip_lines l JOIN contracts c ON c.id = l.contract_id
        WHERE (${afterId}::uuid IS NULL OR l.id > ${afterId}::uuid)
        ORDER BY l.id
        LIMIT ${limit}`;
      return rows.map((r) => ({
        id: r.id,
        contractId: r.contract_id,
        contractStatus: r.contract_status as ContractStatus,
        extension: r.extension,
        number: r.number,
        status: r.status as SipLineStatus,
      }));
    },
    async desiredMvnoLines(afterId, limit) {
      const rows = await db.$queryRaw<
        {
          id: string;
          contract_id: string;
          contract_status: string;
          msisdn: string;
          iccid: string;
          plan: string;
          status: string;
        }[]
      >`
        SELECT l.id::text, l.contract_id::text, c.status AS contract_status, l.msisdn, l.iccid, l.plan, l.status
        FROM mvno_lines l JOIN contracts c ON c.id = l.contract_id
        WHERE (${afterId}::uuid IS NULL OR l.id > ${afterId}::uuid)
        ORDER BY l.id
        LIMIT ${limit}`;
      return rows.map((r) => ({
        id: r.id,
        contractId: r.contract_id,
        contractStatus: r.contract_status as ContractStatus,
        msisdn: r.msisdn,
        iccid: r.iccid,
        plan: r.plan,
        status: r.status as MvnoLineStatus,
      }));
    },
    async busyTargets(kind, ids, since) {
      if (ids.length === 0) return new Set();
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT target_id::text AS id FROM integration_deliveries
        WHERE target_kind = ${kind} AND target_id = ANY(${[...ids]}::uuid[])
          AND (status = 'pending' OR completed_at >= ${since})`;
      return new Set(rows.map((r) => r.id));
    },
  };
}
