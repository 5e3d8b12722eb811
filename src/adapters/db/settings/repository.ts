import type { SettingsChange, SettingsRepository, StoredSettings } from '../../../domain/ports/repositories';
import { DEFAULT_INTEGRATION_SETTINGS, type IntegrationSettings } from '../../../domain/settings/integration-settings';
import type { Prisma, IntegrationSettingsChange as ChangeRow } from '../../../generated/prisma/client';
import { type Db, keysetArgs, toPage } from '../prisma-client';

interface Row {
  settings: unknown;
  version: number;
  updated_at: Date | null;
  updated_by: string | null;
}

/** Stored settings over the defaults: a field added later reads as its default until it is set. */
const withDefaults = (stored: unknown): IntegrationSettings => {
  const s = (stored ?? {}) as Partial<Record<keyof IntegrationSettings, object>>;
  return {
    voip: { ...DEFAULT_INTEGRATION_SETTINGS.voip, ...s.voip },
    mvno: { ...DEFAULT_INTEGRATION_SETTINGS.mvno, ...s.mvno },
    creditAnalysis: { ...DEFAULT_INTEGRATION_SETTINGS.creditAnalysis, ...s.creditAnalysis },
    communicationChannel: { ...DEFAULT_INTEGRATION_SETTINGS.communicationChannel, ...s.communicationChannel },
  };
};

const toStored = (row: Row | undefined): StoredSettings =>
  row
    ? { settings: withDefaults(typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings), version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by }
    : { settings: DEFAULT_INTEGRATION_SETTINGS, version: 0, updatedAt: null, updatedBy: null };

const toChange = (row: ChangeRow): SettingsChange => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  before: withDefaults(row.before),
  after: withDefaults(row.after),
  changed: row.changed,
});

export function createPrismaSettingsRepository(db: Db): SettingsRepository {
  return {
    async get() {
      const [row] = await db.$queryRaw<Row[]>`SELECT settings, version, updated_at, updated_by FROM integration_settings WHERE id = 1`;
      return toStored(row);
    },
    async getForUpdate() {
      // The row exists from the first change on; before it, the defaults are written so there is a row to lock.
      await db.$executeRaw`INSERT INTO integration_settings (id, settings) VALUES (1, ${JSON.stringify(DEFAULT_INTEGRATION_SETTINGS)}::jsonb) ON CONFLICT (id) DO NOTHING`;
      const [row] = await db.$queryRaw<Row[]>`SELECT settings, version, updated_at, updated_by FROM integration_settings WHERE id = 1 FOR UPDATE`;
      return toStored(row);
    },
    async save(change, version) {
      const [row] = await db.$queryRaw<Row[]>`
        UPDATE integration_settings SET settings = ${JSON.stringify(change.after)}::jsonb, version = ${version}, updated_at = ${change.at}, updated_by = ${change.actor}
        WHERE id = 1 RETURNING settings, version, updated_at, updated_by`;
      await db.integrationSettingsChange.create({
        data: {
          id: change.id,
          at: change.at,
          actor: change.actor,
          before: change.before as unknown as Prisma.InputJsonObject,
          after: change.after as unknown as Prisma.InputJsonObject,
          changed: [...change.changed],
        },
      });
      return toStored(row);
    },
    async history(page) {
      return toPage(await db.integrationSettingsChange.findMany(keysetArgs(page)), page, toChange);
    },
  };
}
