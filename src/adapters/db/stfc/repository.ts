import type {
  StfcContractFilter,
  StfcContractRow,
  StfcIntegrationRecord,
  StfcRepository,
} from '../../../domain/stfc/ports';
import { fail, ok } from '../../../domain/shared/result';
import { competenceDays, NORMAL_ACCESS_STATUSES } from '../../../domain/stfc/billable';
import type { AccessStatus, ContractStatus } from '../../../domain/contracts/contract';
import type {
  OneOffValue,
  StfcIntegration,
  StfcService,
  StfcServiceStatus,
  ZeroBillingEvent,
} from '../../../domain/stfc/stfc';
import type { StfcIntegration as IntegrationRow, StfcService as ServiceRow } from '../../../generated/prisma/client';
import { contractColumns, toContract } from '../contracts/repository';
import type { SqlSession } from '../database';
import { authErrorOf, type Db, inTransaction, keysetArgs, toPage } from '../prisma-client';
import { createStfcBillingQueries, LATEST_DELIVERY } from './billing-queries';

const toRecord = (row: IntegrationRow): StfcIntegrationRecord => ({
  id: row.id,
  description: row.description,
  url: row.url,
  sealedCredentials: row.sealedCredentials,
  authError: authErrorOf(row),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The integration without its credentials: what may leave the repository for a response. */
const toIntegration = (row: IntegrationRow): StfcIntegration => {
  const { sealedCredentials: _sealed, ...integration } = toRecord(row);
  return integration;
};

const toService = (row: ServiceRow): StfcService => ({ ...row, status: row.status as StfcServiceStatus });

// A contract, its customer and its service in one row: the service's columns under s_ names.
const SERVICE_COLUMNS = `s.id AS s_id, s.contract_id AS s_contract_id, s.contract_item_id AS s_contract_item_id, s.integration_id AS s_integration_id,
  s.number AS s_number, s.plan AS s_plan, s.status AS s_status, s.provisioned_at AS s_provisioned_at, s.deleted_at AS s_deleted_at,
  s.created_at AS s_created_at, s.updated_at AS s_updated_at`;
const ROW_COLUMNS = `${contractColumns('c')}, cu.name AS cu_name, cu.document AS cu_document, ${SERVICE_COLUMNS}`;

type JoinedRow = Parameters<typeof toContract>[0] & Record<string, unknown>;

const toContractRow = (row: JoinedRow): StfcContractRow => ({
  contract: toContract(row),
  customer: { id: row.customerId, name: row.cu_name as string, document: row.cu_document as string },
  service: {
    id: row.s_id as string,
    contractId: row.s_contract_id as string,
    contractItemId: row.s_contract_item_id as string | null,
    integrationId: row.s_integration_id as string,
    number: row.s_number as string,
    plan: row.s_plan as string,
    status: row.s_status as StfcServiceStatus,
    provisionedAt: row.s_provisioned_at as Date | null,
    deletedAt: row.s_deleted_at as Date | null,
    createdAt: row.s_created_at as Date,
    updatedAt: row.s_updated_at as Date,
  },
});

// A contract's Summit work that gave up: the provisioning of one of its services, or a billing
// item (of the competence in $competence, when given) that failed or whose delivery died.
const errorSql = (
  competence: string | null,
) => `(EXISTS (SELECT 1 FROM stfc_services e JOIN integration_deliveries d ON d.target_kind = 'stfc_service' AND d.target_id = e.id
      WHERE e.contract_id = c.id AND d.status = 'dead')
   OR EXISTS (SELECT 1 FROM stfc_billing_items i ${LATEST_DELIVERY('i')}
      WHERE i.contract_id = c.id${competence ? ` AND i.competence = ${competence}` : ''} AND (i.state = 'failed' OR (i.state = 'pending' AND d.status = 'dead'))))`;

/** The list filters as SQL conditions over c (contract), cu (customer) and s (service), their parameters added to `params`. */
function filterSql(filter: StfcContractFilter, params: unknown[]): string {
  const conditions: string[] = [];
  if (filter.status) conditions.push(`c.status = $${params.push(filter.status)}`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const digits = filter.q.replace(/\D/g, '');
    const n = params.push(like);
    const byDigits =
      digits.length >= 3
        ? ` OR cu.document LIKE $${params.push(`%${digits}%`)} OR s.number LIKE $${params.push(`%${digits}%`)}`
        : '';
    conditions.push(`(cu.name ILIKE $${n} OR cu.document ILIKE $${n} OR s.number ILIKE $${n}${byDigits})`);
  }
  if (filter.provisionedIn) {
    const { first, last } = competenceDays(filter.provisionedIn.competence);
    const zone = `$${params.push(filter.provisionedIn.timeZone)}`;
    conditions.push(
      `(s.provisioned_at AT TIME ZONE ${zone})::date BETWEEN $${params.push(first)}::date AND $${params.push(last)}::date`,
    );
  }
  if (filter.integrationState === 'error')
    conditions.push(errorSql(filter.competence ? `$${params.push(filter.competence)}` : null));
  if (filter.integrationState === 'provisioned') conditions.push(`s.status = 'active'`);
  if (filter.integrationState === 'pending') conditions.push(`s.status = 'pending' AND NOT ${errorSql(null)}`);
  return conditions.map((c) => ` AND ${c}`).join('');
}

// Seed 001: "os contratos que possuem um serviço de telefonia Summit em sua composição": each
// contract once, with its live service; a contract whose service was removed is no longer one.
const TELEPHONY_FROM = `FROM contracts c
        JOIN customers cu ON cu.id = c.customer_id
        JOIN stfc_services s ON s.contract_id = c.id AND s.deleted_at IS NULL
       WHERE true`;

/**
 * Seed 001, rule by rule (domain/stfc/billable.ts says the same in TypeScript); $1 is the
 * competence, $2 and $3 its first and last days, $4 the access statuses of "Normal" (the domain's).
 */
const BILLABLE_FROM = `FROM contracts c
        JOIN customers cu ON cu.id = c.customer_id
        JOIN stfc_services s ON s.contract_id = c.id AND s.deleted_at IS NULL AND s.status = 'active'
       WHERE c.approved
         AND c.status = 'active' AND c.access_status = ANY($4::text[])
         AND (c.billing_start IS NULL OR c.billing_start <= $3::date) AND (c.billing_end IS NULL OR c.billing_end >= $2::date)
         AND NOT EXISTS (SELECT 1 FROM stfc_billing_items i WHERE i.contract_id = c.id AND i.competence = $1 AND i.state = 'done')
         AND NOT EXISTS (SELECT 1 FROM charges ch WHERE ch.contract_id = c.id AND ch.competence = $1 AND ch.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM one_off_values o WHERE o.contract_id = c.id AND o.competence = $1 AND o.stfc_service_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM zero_billing_events z WHERE z.contract_id = c.id AND (z.competence IS NULL OR z.competence = $1))`;

const billableParams = (competence: string) => {
  const { first, last } = competenceDays(competence);
  return [competence, first, last, NORMAL_ACCESS_STATUSES];
};

/**
 * `plainSql`, when given, serves the import of calls with one plain statement per page (a month of
 * calls is the biggest write of the dashboard). It is only given outside transactions.
 */
export function createPrismaStfcRepository(db: Db, plainSql?: SqlSession): StfcRepository {
  async function page(sql: string, params: unknown[], request: { limit: number; after?: string }) {
    if (request.after) sql += ` AND c.id > $${params.push(request.after)}::uuid`;
    sql += ` ORDER BY c.id LIMIT $${params.push(request.limit + 1)}`;
    const rows = await db.$queryRawUnsafe<JoinedRow[]>(sql, ...params);
    return toPage(rows, request, toContractRow);
  }

  return {
    ...createStfcBillingQueries(db, plainSql),
    async createIntegration(integration) {
      const { authError, ...fields } = integration;
      return toIntegration(
        await db.stfcIntegration.create({
          data: { ...fields, authErrorAt: authError?.at ?? null, authError: authError?.message ?? null },
        }),
      );
    },
    async findIntegration(id) {
      const row = await db.stfcIntegration.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async listIntegrations(request) {
      const args = keysetArgs(request);
      return toPage(await db.stfcIntegration.findMany(args), request, toIntegration);
    },
    async updateIntegration(id, { authError, ...fields }, now) {
      const authFields =
        authError === undefined ? {} : { authErrorAt: authError?.at ?? null, authError: authError?.message ?? null };
      const [row] = await db.stfcIntegration.updateManyAndReturn({
        where: { id },
        data: { ...fields, ...authFields, updatedAt: now },
      });
      return row ? toIntegration(row) : null;
    },
    async recordAuthError(id, message, at) {
      await db.stfcIntegration.updateMany({ where: { id }, data: { authErrorAt: at, authError: message } });
    },
    deleteIntegration(id) {
      // The row lock waits for a service being created on the integration, so the count below sees it.
      return inTransaction(db, async (tx) => {
        const locked = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM stfc_integrations WHERE id = ${id}::uuid FOR UPDATE`;
        if (locked.length === 0) return fail('STFC_INTEGRATION_NOT_FOUND', 'Summit integration not found.');
        if ((await tx.stfcService.count({ where: { integrationId: id }, take: 1 })) > 0) {
          return fail(
            'STFC_INTEGRATION_IN_USE',
            'Summit services (live or in history) use this integration: it cannot be deleted.',
          );
        }
        await tx.stfcIntegration.delete({ where: { id } });
        return ok(undefined);
      });
    },
    async moduleEnabled() {
      return (await db.stfcIntegration.count({ take: 1 })) > 0;
    },
    async createService(service) {
      // INSERT … ON CONFLICT DO NOTHING RETURNING; when nothing was stored, the live service holding the contract or number says why.
      const [row] = await db.stfcService.createManyAndReturn({ data: [service], skipDuplicates: true });
      if (row) return ok(toService(row));
      const sameContract = await db.stfcService.count({
        where: { contractId: service.contractId, deletedAt: null },
        take: 1,
      });
      return sameContract > 0
        ? fail('STFC_SERVICE_EXISTS', 'The contract already has a Summit telephony service; remove its product first.')
        : fail('STFC_NUMBER_TAKEN', `The number ${service.number} belongs to another live Summit service.`, [
            { field: 'number', message: 'Already in use.' },
          ]);
    },
    async findService(id) {
      const row = await db.stfcService.findUnique({ where: { id } });
      return row ? toService(row) : null;
    },
    async liveServiceOf(contractId) {
      const row = await db.stfcService.findFirst({ where: { contractId, deletedAt: null } });
      return row ? toService(row) : null;
    },
    async servicesOfContract(contractId) {
      return (await db.stfcService.findMany({ where: { contractId }, orderBy: { id: 'asc' } })).map(toService);
    },
    async markProvisioned(id, now) {
      await db.stfcService.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'active', provisionedAt: now, updatedAt: now },
      });
    },
    async deleteServiceOfItem(contractItemId, now) {
      const { count } = await db.stfcService.updateMany({
        where: { contractItemId, deletedAt: null },
        data: { deletedAt: now, updatedAt: now },
      });
      return count > 0;
    },
    async addOneOffValue(value) {
      return db.oneOffValue.create({ data: value });
    },
    async listOneOffValues(contractId, request) {
      const args = keysetArgs(request);
      return toPage(
        await db.oneOffValue.findMany({ ...args, where: { ...args.where, contractId } }),
        request,
        (row): OneOffValue => row,
      );
    },
    async addZeroBillingEvent(event) {
      return db.zeroBillingEvent.create({ data: event });
    },
    async listZeroBillingEvents(contractId, request) {
      const args = keysetArgs(request);
      return toPage(
        await db.zeroBillingEvent.findMany({ ...args, where: { ...args.where, contractId } }),
        request,
        (row): ZeroBillingEvent => row,
      );
    },
    async listContracts(filter, request) {
      const params: unknown[] = [];
      return page(`SELECT ${ROW_COLUMNS} ${TELEPHONY_FROM}${filterSql(filter, params)}`, params, request);
    },
    async indicators(competence, timeZone) {
      const count = async (sql: string, params: unknown[]) =>
        Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::integer AS n ${sql}`, ...params))[0]!.n);
      const newParams: unknown[] = [];
      const newFrom = `${TELEPHONY_FROM}${filterSql({ provisionedIn: { competence, timeZone } }, newParams)}`;
      const errorParams: unknown[] = [];
      const errorFrom = `${TELEPHONY_FROM}${filterSql({ integrationState: 'error', competence }, errorParams)}`;
      return {
        newSubscribers: await count(newFrom, newParams),
        integrationErrors: await count(errorFrom, errorParams),
        notBilled: await count(BILLABLE_FROM, billableParams(competence)),
      };
    },
    async billingFacts(competence, contractIds) {
      const rows = await db.$queryRawUnsafe<
        {
          id: string;
          approved: boolean;
          status: ContractStatus;
          accessStatus: AccessStatus;
          billingStart: string | null;
          billingEnd: string | null;
          serviceStatus: StfcServiceStatus | null;
          integrationId: string | null;
          billed: boolean;
          hasCharge: boolean;
          hasOneOffValue: boolean;
          hasZeroBilling: boolean;
        }[]
      >(
        `SELECT c.id, c.approved, c.status, c.access_status AS "accessStatus", c.billing_start::text AS "billingStart", c.billing_end::text AS "billingEnd", s.status AS "serviceStatus", s.integration_id AS "integrationId",
                EXISTS (SELECT 1 FROM stfc_billing_items i WHERE i.contract_id = c.id AND i.competence = $1 AND i.state = 'done') AS billed,
                EXISTS (SELECT 1 FROM charges ch WHERE ch.contract_id = c.id AND ch.competence = $1 AND ch.status <> 'cancelled') AS "hasCharge",
                EXISTS (SELECT 1 FROM one_off_values o WHERE o.contract_id = c.id AND o.competence = $1 AND o.stfc_service_id = s.id) AS "hasOneOffValue",
                EXISTS (SELECT 1 FROM zero_billing_events z WHERE z.contract_id = c.id AND (z.competence IS NULL OR z.competence = $1)) AS "hasZeroBilling"
           FROM contracts c LEFT JOIN stfc_services s ON s.contract_id = c.id AND s.deleted_at IS NULL
          WHERE c.id = ANY($2::text[]::uuid[])`,
        competence,
        [...contractIds],
      );
      return new Map(
        rows.map((r) => [
          r.id,
          {
            facts: {
              contract: {
                approved: r.approved,
                status: r.status,
                accessStatus: r.accessStatus,
                billingStart: r.billingStart,
                billingEnd: r.billingEnd,
              },
              service: r.serviceStatus ? { status: r.serviceStatus, deleted: false } : null,
              billed: r.billed,
              hasCharge: r.hasCharge,
              hasOneOffValue: r.hasOneOffValue,
              hasZeroBilling: r.hasZeroBilling,
            },
            integrationId: r.integrationId,
          },
        ]),
      );
    },
    async listBillable(competence, filter, request) {
      const params = billableParams(competence);
      return page(`SELECT ${ROW_COLUMNS} ${BILLABLE_FROM}${filterSql(filter, params)}`, params, request);
    },
  };
}
