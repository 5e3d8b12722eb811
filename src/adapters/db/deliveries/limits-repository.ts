import { limitsOfPlatform, type LimitChange, type LimitOverrides } from '../../../domain/deliveries/limits';
import type { IntegrationLimitsRepository, StoredLimits } from '../../../domain/deliveries/ports';
import { type Db, toPage } from '../prisma-client';

interface LimitsRow {
  id: string;
  platform: string;
  concurrency: number | null;
  rate_per_second: number | null;
  paused_until: Date | null;
  pause_reason: string | null;
  throttled_rate: number | null;
  throttled_at: Date | null;
  calls_per_delivery: number | null;
  in_flight: number;
  version: number;
  updated_at: Date | null;
  updated_by: string | null;
}

/*
 * Every integration partner calls go through, with its platform: the registered ones (PBXs
 * included), the two Ponte has only one of, and any other the limits table knows (deliveries of a
 * platform since removed).
 */
const INTEGRATIONS = `
  SELECT id::text AS id, platform FROM sva_integrations
  UNION SELECT id::text, 'summit' FROM stfc_integrations
  UNION SELECT id::text, bureau FROM credit_integrations
  UNION SELECT id::text, 'opa_suite' FROM opa_suite_integrations
  UNION SELECT id::text, type FROM pbxs
  UNION SELECT id::text, 'webhook' FROM webhook_endpoints
  UNION SELECT 'telecall', 'telecall'
  UNION SELECT 'voip', 'voip'
  UNION SELECT key, platform FROM integration_limits`;

const SELECT = `
  SELECT i.id, i.platform, l.concurrency, l.rate_per_second, l.paused_until, l.pause_reason,
         l.throttled_rate, l.throttled_at, l.calls_per_delivery, COALESCE(l.version, 0) AS version, l.updated_at, l.updated_by,
         COALESCE((SELECT sum(h.held) FROM integration_leases h
                   WHERE h.key = i.id AND h.held > 0 AND h.leased_until >= now()), 0)::int AS in_flight
  FROM (${INTEGRATIONS}) i LEFT JOIN integration_limits l ON l.key = i.id`;

const toLimits = (row: LimitsRow): StoredLimits => ({
  id: row.id,
  platform: row.platform,
  overrides: { concurrency: row.concurrency, ratePerSecond: row.rate_per_second },
  pausedUntil: row.paused_until,
  pauseReason: row.pause_reason,
  throttledRate: row.throttled_rate,
  throttledAt: row.throttled_at,
  callsPerDelivery: row.calls_per_delivery ?? limitsOfPlatform(row.platform).callsPerDelivery ?? 1,
  inFlight: Number(row.in_flight),
  version: Number(row.version),
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

const overridesOf = (value: unknown): LimitOverrides => {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<LimitOverrides>;
  return { concurrency: v.concurrency ?? null, ratePerSecond: v.ratePerSecond ?? null };
};

export function createPrismaIntegrationLimitsRepository(db: Db): IntegrationLimitsRepository {
  const find = async (id: string) => {
    const rows = await db.$queryRawUnsafe<LimitsRow[]>(`${SELECT} WHERE i.id = $1`, id);
    return rows[0] ? toLimits(rows[0]) : null;
  };
  return {
    find,
    async list(page) {
      const rows = await db.$queryRawUnsafe<LimitsRow[]>(
        `${SELECT} WHERE ($1::text IS NULL OR i.id > $1) ORDER BY i.id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toLimits);
    },
    async setOverrides(limits, overrides, change) {
      await db.$executeRaw`
        INSERT INTO integration_limits (key, platform, concurrency, rate_per_second, calls_per_delivery, version, updated_at, updated_by)
        VALUES (${limits.id}, ${limits.platform}, ${overrides.concurrency}::int, ${overrides.ratePerSecond}::float8,
                ${limitsOfPlatform(limits.platform).callsPerDelivery ?? 1}::float8, 1, ${change.at}, ${change.actor})
        ON CONFLICT (key) DO UPDATE
        SET concurrency = EXCLUDED.concurrency, rate_per_second = EXCLUDED.rate_per_second,
            version = integration_limits.version + 1, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`;
      await db.$executeRaw`
        INSERT INTO integration_limit_changes (id, key, at, actor, before, after)
        VALUES (${change.id}::uuid, ${limits.id}, ${change.at}, ${change.actor},
                ${JSON.stringify(limits.overrides)}::jsonb, ${JSON.stringify(overrides)}::jsonb)`;
      return (await find(limits.id))!;
    },
    async resume(limits) {
      await db.$executeRaw`
        UPDATE integration_limits SET paused_until = NULL, throttled_rate = NULL WHERE key = ${limits.id}`;
      return (await find(limits.id))!;
    },
    async history(id, page) {
      const rows = await db.$queryRaw<
        { id: string; key: string; at: Date; actor: string; before: unknown; after: unknown }[]
      >`
        SELECT id::text, key, at, actor, before, after FROM integration_limit_changes
        WHERE key = ${id} AND (${page.after ?? null}::uuid IS NULL OR id > ${page.after ?? null}::uuid)
        ORDER BY id LIMIT ${page.limit + 1}`;
      return toPage(rows, page, (row): LimitChange => ({
        id: row.id,
        integration: row.key,
        at: row.at,
        actor: row.actor,
        before: overridesOf(row.before),
        after: overridesOf(row.after),
      }));
    },
    async acquireCall({ key, platform }, { now, token, leasedUntil, maxWaitMs }) {
      const defaults = limitsOfPlatform(platform);
      const [row] = await db.$queryRaw<
        { refused: 'paused' | 'busy' | null; wait_ms: number | null; reason: string | null }[]
      >`
        SELECT refused, wait_ms, reason FROM ponte_acquire_call(${key}, ${platform}, ${now}, ${token}::uuid, ${leasedUntil},
          ${Math.round(maxWaitMs)}::int, ${defaults.concurrency}::int, ${defaults.ratePerSecond}::float8,
          ${defaults.callsPerDelivery ?? 1}::float8)`;
      if (row!.refused === 'paused') return { refused: 'paused', waitMs: row!.wait_ms!, reason: row!.reason };
      if (row!.refused === 'busy') return { refused: 'busy', waitMs: row!.wait_ms };
      return { refused: null, waitMs: Math.max(0, row!.wait_ms!) };
    },
    async releaseCall({ key }, token, said) {
      await db.$executeRaw`
        SELECT ponte_release_call(${key}, ${token}::uuid, ${said.succeeded}, ${said.throttled},
          ${said.retryAfterMs}::float8, ${said.reason})`;
    },
    async pausedAmong(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.$queryRaw<{ key: string; paused_until: Date; pause_reason: string | null }[]>`
        SELECT key, paused_until, pause_reason FROM integration_limits
        WHERE key = ANY (${[...ids]}::text[]) AND paused_until > clock_timestamp()`;
      return new Map(rows.map((r) => [r.key, { until: r.paused_until, reason: r.pause_reason }]));
    },
  };
}
