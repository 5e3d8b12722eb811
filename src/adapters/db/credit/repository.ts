import type {
  Bureau,
  ConsultationStatus,
  CreditConsultation,
  CreditIntegration,
  CreditRestriction,
  Negativation,
  NegativationState,
} from '../../../domain/credit/credit';
import type { DocumentType } from '../../../domain/customers/document';
import type { CreditIntegrationRecord, CreditRepository } from '../../../domain/credit/ports';
import { fail, ok } from '../../../domain/shared/result';
import {
  type Db,
  authErrorOf,
  isoDate,
  setList,
  toPage,
  UNIQUE_VIOLATION,
  unlessUniqueViolation,
} from '../prisma-client';

const INTEGRATION_COLUMNS = `id, bureau, description, url, sealed_credentials AS "sealedCredentials", sealed_webhook_secret AS "sealedWebhookSecret", active,
  auth_error AS "authError", auth_error_at AS "authErrorAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

type IntegrationRow = Omit<CreditIntegrationRecord, 'authError' | 'bureau'> & {
  bureau: string;
  authError: string | null;
  authErrorAt: Date | null;
};

const toRecord = ({ authError, authErrorAt, ...row }: IntegrationRow): CreditIntegrationRecord => ({
  ...row,
  bureau: row.bureau as Bureau,
  authError: authErrorOf({ authError, authErrorAt }),
});

/** The integration without its secrets: what may leave the repository for a response. */
const toIntegration = (row: IntegrationRow): CreditIntegration => {
  const { sealedCredentials: _sealed, sealedWebhookSecret: _hash, ...integration } = toRecord(row);
  return integration;
};

const CONSULTATION_COLUMNS = `id, integration_id AS "integrationId", bureau, document, document_type AS "documentType", purpose, actor, status, name,
  registration_status AS "registrationStatus", score, restrictions, raw, raw_expires_at AS "rawExpiresAt", error, confirmed, consulted_at AS "consultedAt"`;

type ConsultationRow = Omit<CreditConsultation, 'bureau' | 'documentType' | 'status' | 'restrictions'> & {
  bureau: string;
  documentType: string;
  status: string;
  restrictions: unknown;
};

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

const toConsultation = (row: ConsultationRow): CreditConsultation => ({
  ...row,
  bureau: row.bureau as Bureau,
  documentType: row.documentType as DocumentType,
  status: row.status as ConsultationStatus,
  restrictions: (json(row.restrictions) ?? []) as CreditRestriction[],
  raw: json(row.raw) ?? null,
});

const NEGATIVATION_COLUMNS = `id, contract_id AS "contractId", charge_id AS "chargeId", integration_id AS "integrationId", bureau, state, request_id AS "requestId",
  message, amount_cents AS "amountCents", due_date::text AS "dueDate", actor, registered_at AS "registeredAt", failed_at AS "failedAt",
  removed_at AS "removedAt", removal_confirmed_at AS "removalConfirmedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

type NegativationRow = Omit<Negativation, 'bureau' | 'state'> & { bureau: string; state: string };

const toNegativation = (row: NegativationRow): Negativation => ({
  ...row,
  bureau: row.bureau as Bureau,
  state: row.state as NegativationState,
  dueDate: isoDate(row.dueDate)!,
});

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Columns a partial update may set, by field name. */
const INTEGRATION_FIELDS = {
  description: 'description',
  url: 'url',
  active: 'active',
  sealedCredentials: 'sealed_credentials',
  sealedWebhookSecret: 'sealed_webhook_secret',
} as const;
const NEGATIVATION_FIELDS = {
  state: 'state',
  requestId: 'request_id',
  message: 'message',
  registeredAt: 'registered_at',
  failedAt: 'failed_at',
  removedAt: 'removed_at',
  removalConfirmedAt: 'removal_confirmed_at',
} as const;

export function createPrismaCreditRepository(db: Db): CreditRepository {
  const query = <T>(sql: string, ...params: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...params);
  const findNegativationWhere = async (where: string, ...params: unknown[]) => {
    const [row] = await query<NegativationRow>(
      `SELECT ${NEGATIVATION_COLUMNS} FROM negativations WHERE ${where}`,
      ...params,
    );
    return row ? toNegativation(row) : null;
  };
  return {
    async createIntegration(record) {
      const [row] = await query<IntegrationRow>(
        `INSERT INTO credit_integrations (id, bureau, description, url, sealed_credentials, sealed_webhook_secret, active, created_at, updated_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz, $8::timestamptz) RETURNING ${INTEGRATION_COLUMNS}`,
        record.id,
        record.bureau,
        record.description,
        record.url,
        record.sealedCredentials,
        record.sealedWebhookSecret,
        record.active,
        record.createdAt.toISOString(),
      );
      return toIntegration(row!);
    },
    async findIntegration(id) {
      const [row] = await query<IntegrationRow>(
        `SELECT ${INTEGRATION_COLUMNS} FROM credit_integrations WHERE id = $1::uuid`,
        id,
      );
      return row ? toRecord(row) : null;
    },
    async listIntegrations(page) {
      const rows = await query<IntegrationRow>(
        `SELECT ${INTEGRATION_COLUMNS} FROM credit_integrations WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toIntegration);
    },
    async integrationsOf(bureau) {
      return (
        await query<IntegrationRow>(
          `SELECT ${INTEGRATION_COLUMNS} FROM credit_integrations WHERE bureau = $1 ORDER BY id LIMIT 200`,
          bureau,
        )
      ).map(toRecord);
    },
    async updateIntegration(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const sets = setList(fields, INTEGRATION_FIELDS, params);
      if (fields.authError === null) sets.push('auth_error = NULL, auth_error_at = NULL');
      const [row] = await query<IntegrationRow>(
        `UPDATE credit_integrations SET ${[...sets, 'updated_at = $2::timestamptz'].join(', ')} WHERE id = $1::uuid RETURNING ${INTEGRATION_COLUMNS}`,
        ...params,
      );
      return row ? toIntegration(row) : null;
    },
    async recordAuthError(id, message, at) {
      await db.$executeRawUnsafe(
        `UPDATE credit_integrations SET auth_error = $2, auth_error_at = $3::timestamptz WHERE id = $1::uuid`,
        id,
        message,
        at.toISOString(),
      );
    },
    async deleteIntegration(id) {
      const [used] = await query<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM negativations WHERE integration_id = $1::uuid) AS used`,
        id,
      );
      if (used!.used)
        return fail(
          'CREDIT_INTEGRATION_IN_USE',
          'Negativations were made through this integration: deactivate it (active: false) instead.',
        );
      const deleted = await db.$executeRawUnsafe(`DELETE FROM credit_integrations WHERE id = $1::uuid`, id);
      return deleted === 0
        ? fail('CREDIT_INTEGRATION_NOT_FOUND', 'Credit-analysis integration not found.')
        : ok(undefined);
    },
    async activeIntegrations() {
      return (
        await query<IntegrationRow>(
          `SELECT ${INTEGRATION_COLUMNS} FROM credit_integrations WHERE active ORDER BY created_at, id LIMIT 200`,
        )
      ).map(toIntegration);
    },
    async lastCompletedConsult(document) {
      const [row] = await query<{ id: string; consultedAt: Date }>(
        `SELECT id, consulted_at AS "consultedAt" FROM credit_consultations WHERE document = $1 AND status = 'completed' ORDER BY consulted_at DESC, id DESC LIMIT 1`,
        document,
      );
      return row ?? null;
    },
    async saveConsultation(c) {
      const [row] = await query<ConsultationRow>(
        `INSERT INTO credit_consultations (id, integration_id, bureau, document, document_type, purpose, actor, status, name, registration_status, score, restrictions, raw, raw_expires_at, error, confirmed, consulted_at)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::timestamptz, $15, $16, $17::timestamptz) RETURNING ${CONSULTATION_COLUMNS}`,
        c.id,
        c.integrationId,
        c.bureau,
        c.document,
        c.documentType,
        c.purpose,
        c.actor,
        c.status,
        c.name,
        c.registrationStatus,
        c.score,
        JSON.stringify(c.restrictions),
        c.raw === null || c.raw === undefined ? null : JSON.stringify(c.raw),
        iso(c.rawExpiresAt),
        c.error,
        c.confirmed,
        c.consultedAt.toISOString(),
      );
      return toConsultation(row!);
    },
    async findConsultation(id) {
      const [row] = await query<ConsultationRow>(
        `SELECT ${CONSULTATION_COLUMNS} FROM credit_consultations WHERE id = $1::uuid`,
        id,
      );
      return row ? toConsultation(row) : null;
    },
    async listConsultations(filter, page) {
      // Newest first: ids are time-ordered, so the keyset runs backwards.
      const rows = await query<ConsultationRow>(
        `SELECT ${CONSULTATION_COLUMNS} FROM credit_consultations
          WHERE ($1::text IS NULL OR document = $1) AND ($2::timestamptz IS NULL OR consulted_at >= $2::timestamptz)
            AND ($3::timestamptz IS NULL OR consulted_at < $3::timestamptz) AND ($4::uuid IS NULL OR id < $4::uuid)
          ORDER BY id DESC LIMIT $5`,
        filter.document ?? null,
        iso(filter.from),
        iso(filter.to),
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toConsultation);
    },
    async purgeRawAnswers(now) {
      return db.$executeRawUnsafe(
        `UPDATE credit_consultations SET raw = NULL WHERE raw IS NOT NULL AND raw_expires_at <= $1::timestamptz`,
        now.toISOString(),
      );
    },
    async createNegativation(n) {
      const inserted = await unlessUniqueViolation(db, (tx) =>
        tx.$queryRawUnsafe<NegativationRow[]>(
          `INSERT INTO negativations (id, contract_id, charge_id, integration_id, bureau, state, amount_cents, due_date, actor, created_at, updated_at)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8::date, $9, $10::timestamptz, $10::timestamptz) RETURNING ${NEGATIVATION_COLUMNS}`,
          n.id,
          n.contractId,
          n.chargeId,
          n.integrationId,
          n.bureau,
          n.state,
          n.amountCents,
          n.dueDate,
          n.actor,
          n.createdAt.toISOString(),
        ),
      );
      if (inserted === UNIQUE_VIOLATION)
        return fail('NEGATIVATION_EXISTS', 'This charge is already negativated (pending or registered).');
      return ok(toNegativation(inserted[0]!));
    },
    findNegativation: (id) => findNegativationWhere('id = $1::uuid', id),
    lockNegativation: (id) => findNegativationWhere('id = $1::uuid FOR UPDATE', id),
    lockNegativationByRequest: (integrationId, requestId) =>
      findNegativationWhere('integration_id = $1::uuid AND request_id = $2 FOR UPDATE', integrationId, requestId),
    async listNegativations(filter, page) {
      const rows = await query<NegativationRow>(
        `SELECT ${NEGATIVATION_COLUMNS} FROM negativations
          WHERE ($1::uuid IS NULL OR contract_id = $1::uuid) AND ($2::text IS NULL OR state = $2) AND ($3::uuid IS NULL OR id > $3::uuid)
          ORDER BY id LIMIT $4`,
        filter.contractId ?? null,
        filter.state ?? null,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toNegativation);
    },
    async updateNegativation(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const sets = setList(fields, NEGATIVATION_FIELDS, params);
      const [row] = await query<NegativationRow>(
        `UPDATE negativations SET ${[...sets, 'updated_at = $2::timestamptz'].join(', ')} WHERE id = $1::uuid RETURNING ${NEGATIVATION_COLUMNS}`,
        ...params,
      );
      return toNegativation(row!);
    },
    async countLiveNegativations(contractId) {
      const [row] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM negativations WHERE contract_id = $1::uuid AND state IN ('pending', 'registered')`,
        contractId,
      );
      return row!.n;
    },
  };
}
