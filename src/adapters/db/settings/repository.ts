import type { Page, PageRequest } from '../../../domain/ports/page';
import type { SettingsChange, SettingsRepository, StoredSettings } from '../../../domain/settings/ports';
import { DEFAULT_INTEGRATION_SETTINGS, type IntegrationSettings } from '../../../domain/settings/integration-settings';
import { DEFAULT_OVERDUE_POLICY, type OverduePolicy } from '../../../domain/overdue/overdue-policy';
import { NO_TEMPLATES, type NotificationTemplates } from '../../../domain/notifications/notification';
import { type Db, toPage } from '../prisma-client';

interface Row {
  settings: unknown;
  version: number;
  updated_at: Date | null;
  updated_by: string | null;
}

interface ChangeRow {
  id: string;
  at: Date;
  actor: string;
  before: unknown;
  after: unknown;
  changed: string[];
}

/** Where one kind of settings lives: a one-row table and its table of changes, and its defaults. */
interface SettingsTables<T> {
  readonly table: 'integration_settings' | 'overdue_policy_settings' | 'notification_templates';
  readonly changes: 'integration_settings_changes' | 'overdue_policy_changes' | 'notification_template_changes';
  readonly defaults: T;
  /** Stored settings over the defaults: a field added later reads as its default until it is set. */
  readonly withDefaults: (stored: Record<string, unknown>) => T;
}

const parsed = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;

/** One row of settings with its history: the same storage for every kind of settings. */
function createSettingsRepository<T>(
  db: Db,
  { table, changes, defaults, withDefaults }: SettingsTables<T>,
): SettingsRepository<T> {
  const toStored = (row: Row | undefined): StoredSettings<T> =>
    row
      ? {
          settings: withDefaults(parsed(row.settings)),
          version: row.version,
          updatedAt: row.updated_at,
          updatedBy: row.updated_by,
        }
      : { settings: defaults, version: 0, updatedAt: null, updatedBy: null };
  const columns = 'settings, version, updated_at, updated_by';
  return {
    async get() {
      const [row] = await db.$queryRawUnsafe<Row[]>(`SELECT ${columns} FROM ${table} WHERE id = 1`);
      return toStored(row);
    },
    async getForUpdate() {
      // The row exists from the first change on; before it, the defaults are written so there is a row to lock.
      await db.$executeRawUnsafe(
        `INSERT INTO ${table} (id, settings) VALUES (1, $1::jsonb) ON CONFLICT (id) DO NOTHING`,
        JSON.stringify(defaults),
      );
      const [row] = await db.$queryRawUnsafe<Row[]>(`SELECT ${columns} FROM ${table} WHERE id = 1 FOR UPDATE`);
      return toStored(row);
    },
    async save(change, version) {
      const [row] = await db.$queryRawUnsafe<Row[]>(
        `UPDATE ${table} SET settings = $1::jsonb, version = $2, updated_at = $3::timestamptz, updated_by = $4 WHERE id = 1 RETURNING ${columns}`,
        JSON.stringify(change.after),
        version,
        change.at.toISOString(),
        change.actor,
      );
      await db.$executeRawUnsafe(
        `INSERT INTO ${changes} (id, at, actor, before, after, changed) VALUES ($1::uuid, $2::timestamptz, $3, $4::jsonb, $5::jsonb, $6::text[])`,
        change.id,
        change.at.toISOString(),
        change.actor,
        JSON.stringify(change.before),
        JSON.stringify(change.after),
        [...change.changed],
      );
      return toStored(row);
    },
    async history(page: PageRequest): Promise<Page<SettingsChange<T>>> {
      const rows = await db.$queryRawUnsafe<ChangeRow[]>(
        `SELECT id, at, actor, before, after, changed FROM ${changes} WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, (row) => ({
        ...row,
        before: withDefaults(parsed(row.before)),
        after: withDefaults(parsed(row.after)),
      }));
    },
  };
}

export const createPrismaSettingsRepository = (db: Db) =>
  createSettingsRepository<IntegrationSettings>(db, {
    table: 'integration_settings',
    changes: 'integration_settings_changes',
    defaults: DEFAULT_INTEGRATION_SETTINGS,
    withDefaults: (s) => ({
      voip: { ...DEFAULT_INTEGRATION_SETTINGS.voip, ...(s.voip as object) },
      mvno: { ...DEFAULT_INTEGRATION_SETTINGS.mvno, ...(s.mvno as object) },
      creditAnalysis: { ...DEFAULT_INTEGRATION_SETTINGS.creditAnalysis, ...(s.creditAnalysis as object) },
      communicationChannel: {
        ...DEFAULT_INTEGRATION_SETTINGS.communicationChannel,
        ...(s.communicationChannel as object),
      },
      pbx: { ...DEFAULT_INTEGRATION_SETTINGS.pbx, ...(s.pbx as object) },
    }),
  });

export const createPrismaOverduePolicyRepository = (db: Db) =>
  createSettingsRepository<OverduePolicy>(db, {
    table: 'overdue_policy_settings',
    changes: 'overdue_policy_changes',
    defaults: DEFAULT_OVERDUE_POLICY,
    withDefaults: (s) => ({ ...DEFAULT_OVERDUE_POLICY, ...s }),
  });

export const createPrismaNotificationTemplatesRepository = (db: Db) =>
  createSettingsRepository<NotificationTemplates>(db, {
    table: 'notification_templates',
    changes: 'notification_template_changes',
    defaults: NO_TEMPLATES,
    withDefaults: (s) => ({ ...NO_TEMPLATES, ...s }),
  });
