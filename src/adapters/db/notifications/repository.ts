import type { Notification, NotificationEvent, NotificationStatus } from '../../../domain/notifications/notification';
import type { OpaSuiteIntegration } from '../../../domain/notifications/opa-suite';
import type {
  NotificationRecipient,
  NotificationRepository,
  OpaSuiteIntegrationRecord,
  OpaSuiteRepository,
} from '../../../domain/notifications/ports';
import { authErrorOf, type Db, setList, toPage } from '../prisma-client';

const INTEGRATION_COLUMNS = `id, description, url, channel_id AS "channelId", sealed_credentials AS "sealedCredentials", auth_error AS "authError",
  auth_error_at AS "authErrorAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

type IntegrationRow = Omit<OpaSuiteIntegrationRecord, 'authError'> & {
  authError: string | null;
  authErrorAt: Date | null;
};

const toRecord = ({ authError, authErrorAt, ...row }: IntegrationRow): OpaSuiteIntegrationRecord => ({
  ...row,
  authError: authErrorOf({ authError, authErrorAt }),
});
const toIntegration = (row: IntegrationRow): OpaSuiteIntegration => {
  const { sealedCredentials: _sealed, ...integration } = toRecord(row);
  return integration;
};

const NOTIFICATION_COLUMNS = `id, contract_id AS "contractId", charge_id AS "chargeId", event, integration_id AS "integrationId", template_id AS "templateId",
  phone, variables, status, message_id AS "messageId", error, created_at AS "createdAt", sent_at AS "sentAt"`;

type NotificationRow = Omit<Notification, 'event' | 'status' | 'variables'> & {
  event: string;
  status: string;
  variables: unknown;
};

const toNotification = (row: NotificationRow): Notification => ({
  ...row,
  event: row.event as NotificationEvent,
  status: row.status as NotificationStatus,
  variables: (typeof row.variables === 'string' ? JSON.parse(row.variables) : row.variables) as string[],
});

export function createPrismaOpaSuiteRepository(db: Db): OpaSuiteRepository {
  return {
    async createIntegration(r) {
      const [row] = await db.$queryRawUnsafe<IntegrationRow[]>(
        `INSERT INTO opa_suite_integrations (id, description, url, channel_id, sealed_credentials, created_at, updated_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz) RETURNING ${INTEGRATION_COLUMNS}`,
        r.id,
        r.description,
        r.url,
        r.channelId,
        r.sealedCredentials,
        r.createdAt.toISOString(),
      );
      return toIntegration(row!);
    },
    async findIntegration(id) {
      const [row] = await db.$queryRawUnsafe<IntegrationRow[]>(
        `SELECT ${INTEGRATION_COLUMNS} FROM opa_suite_integrations WHERE id = $1::uuid`,
        id,
      );
      return row ? toRecord(row) : null;
    },
    async listIntegrations(page) {
      const rows = await db.$queryRawUnsafe<IntegrationRow[]>(
        `SELECT ${INTEGRATION_COLUMNS} FROM opa_suite_integrations WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toIntegration);
    },
    async updateIntegration(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const sets = [
        'updated_at = $2::timestamptz',
        ...setList(
          fields,
          { description: 'description', url: 'url', channelId: 'channel_id', sealedCredentials: 'sealed_credentials' },
          params,
        ),
      ];
      if (fields.authError === null) sets.push('auth_error = NULL, auth_error_at = NULL');
      const [row] = await db.$queryRawUnsafe<IntegrationRow[]>(
        `UPDATE opa_suite_integrations SET ${sets.join(', ')} WHERE id = $1::uuid RETURNING ${INTEGRATION_COLUMNS}`,
        ...params,
      );
      return row ? toIntegration(row) : null;
    },
    async recordAuthError(id, message, at) {
      await db.$executeRawUnsafe(
        `UPDATE opa_suite_integrations SET auth_error = $2, auth_error_at = $3::timestamptz WHERE id = $1::uuid`,
        id,
        message,
        at.toISOString(),
      );
    },
    async deleteIntegration(id) {
      return (await db.$executeRawUnsafe(`DELETE FROM opa_suite_integrations WHERE id = $1::uuid`, id)) > 0;
    },
  };
}

export function createPrismaNotificationRepository(db: Db): NotificationRepository {
  return {
    async insert(notifications) {
      if (notifications.length === 0) return;
      await db.$executeRawUnsafe(
        `INSERT INTO notifications (id, contract_id, charge_id, event, integration_id, template_id, phone, variables, status, message_id, error, created_at, sent_at)
         SELECT n.id, n.contract_id, n.charge_id, n.event, n.integration_id, n.template_id, n.phone, n.variables, n.status, n.message_id, n.error, n.created_at, n.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, contract_id uuid, charge_id uuid, event text, integration_id uuid, template_id text, phone text,
                variables jsonb, status text, message_id text, error text, created_at timestamptz, sent_at timestamptz)`,
        JSON.stringify(
          notifications.map((n) => ({
            id: n.id,
            contract_id: n.contractId,
            charge_id: n.chargeId,
            event: n.event,
            integration_id: n.integrationId,
            template_id: n.templateId,
            phone: n.phone,
            variables: n.variables,
            status: n.status,
            message_id: n.messageId,
            error: n.error,
            created_at: n.createdAt.toISOString(),
            sent_at: n.sentAt?.toISOString() ?? null,
          })),
        ),
      );
    },
    async find(id) {
      const [row] = await db.$queryRawUnsafe<NotificationRow[]>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE id = $1::uuid`,
        id,
      );
      return row ? toNotification(row) : null;
    },
    async listByContract(contractId, page) {
      const rows = await db.$queryRawUnsafe<NotificationRow[]>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE contract_id = $1::uuid AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
        contractId,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toNotification);
    },
    async update(id, fields) {
      const params: unknown[] = [id];
      const sets: string[] = [];
      if (fields.status !== undefined) sets.push(`status = $${params.push(fields.status)}`);
      if (fields.messageId !== undefined) sets.push(`message_id = $${params.push(fields.messageId)}`);
      if (fields.error !== undefined) sets.push(`error = $${params.push(fields.error)}`);
      if (fields.sentAt !== undefined)
        sets.push(`sent_at = $${params.push(fields.sentAt?.toISOString() ?? null)}::timestamptz`);
      if (sets.length > 0)
        await db.$executeRawUnsafe(`UPDATE notifications SET ${sets.join(', ')} WHERE id = $1::uuid`, ...params);
    },
    async recipients(contractIds) {
      if (contractIds.length === 0) return new Map();
      const rows = await db.$queryRawUnsafe<NotificationRecipient[]>(
        `SELECT c.id AS "contractId", c.description AS "contractDescription", cu.name AS "customerName", cu.mobile_phone AS "mobilePhone",
                c.trust_release_ends_on::text AS "trustReleaseEndsOn"
           FROM contracts c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ANY($1::text[]::uuid[])`,
        [...contractIds],
      );
      return new Map(rows.map((row) => [row.contractId, row]));
    },
    async takeNewlyOverdue(today, now) {
      return db.$queryRawUnsafe(
        `UPDATE charges SET overdue_notified_at = $2::timestamptz
          WHERE status = 'open' AND due_date < $1::date AND overdue_notified_at IS NULL
          RETURNING id AS "chargeId", contract_id AS "contractId", amount_cents - paid_cents AS "dueCents", due_date::text AS "dueDate", competence`,
        today,
        now.toISOString(),
      );
    },
  };
}
