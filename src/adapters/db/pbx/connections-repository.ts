import type { CallDirection } from '../../../domain/pbx/call';
import { type Db } from '../prisma-client';
import type {
  EventConnectionState,
  PbxConnectionRepository,
  PbxEventConnectionStatus,
} from '../../../domain/pbx/ports';

/** The leases and states of the PBXs' event connections (table pbx_event_connections). */
export function createPbxConnectionRepository(db: Db): PbxConnectionRepository {
  return {
    async stateCounts(now) {
      return db.$queryRaw<{ state: EventConnectionState | 'unheld'; count: number }[]>`
        SELECT CASE WHEN lease_until < ${now}::timestamptz THEN 'unheld' ELSE state END AS state, count(*)::int AS count
          FROM pbx_event_connections GROUP BY 1`;
    },
    async claim(pbxId, holder, now, leaseMs) {
      const rows = await db.$queryRawUnsafe<{ holder: string }[]>(
        `INSERT INTO pbx_event_connections (pbx_id, holder, lease_until, state, last_error, since, updated_at)
         SELECT $1::uuid, $2, $3::timestamptz + $4 * interval '1 millisecond', 'connecting', NULL, $3::timestamptz, $3::timestamptz
          WHERE EXISTS (SELECT 1 FROM pbxs WHERE id = $1::uuid)
         ON CONFLICT (pbx_id) DO UPDATE
            SET lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at,
                holder = EXCLUDED.holder,
                state = CASE WHEN pbx_event_connections.holder = EXCLUDED.holder THEN pbx_event_connections.state ELSE 'connecting' END,
                since = CASE WHEN pbx_event_connections.holder = EXCLUDED.holder THEN pbx_event_connections.since ELSE EXCLUDED.since END
          WHERE pbx_event_connections.holder = EXCLUDED.holder OR pbx_event_connections.lease_until < EXCLUDED.updated_at
         RETURNING holder`,
        pbxId,
        holder,
        now.toISOString(),
        leaseMs,
      );
      return rows.length === 1;
    },
    async setState(pbxId, holder, state: EventConnectionState, error, now) {
      const changed = await db.$executeRawUnsafe(
        `UPDATE pbx_event_connections
            SET since = CASE WHEN state = $3 THEN since ELSE $5::timestamptz END, state = $3,
                last_error = CASE WHEN $4::text IS NULL THEN last_error ELSE $4::text END, updated_at = $5::timestamptz
          WHERE pbx_id = $1::uuid AND holder = $2`,
        pbxId,
        holder,
        state,
        error,
        now.toISOString(),
      );
      return changed === 1;
    },
    async release(pbxId, holder, now) {
      await db.$executeRawUnsafe(
        `UPDATE pbx_event_connections SET lease_until = $3::timestamptz, state = 'down',
                since = CASE WHEN state = 'down' THEN since ELSE $3::timestamptz END, updated_at = $3::timestamptz
          WHERE pbx_id = $1::uuid AND holder = $2`,
        pbxId,
        holder,
        now.toISOString(),
      );
    },
    async statuses(pbxIds) {
      if (pbxIds.length === 0) return new Map();
      const rows = await db.$queryRawUnsafe<(PbxEventConnectionStatus & { pbxId: string })[]>(
        `SELECT pbx_id AS "pbxId", state, last_error AS "lastError", since, holder, lease_until AS "leaseUntil"
           FROM pbx_event_connections WHERE pbx_id = ANY($1::text[]::uuid[])`,
        pbxIds,
      );
      return new Map(rows.map(({ pbxId, ...status }) => [pbxId, status]));
    },
    async openCalls(pbxId) {
      return db.$queryRawUnsafe<{ externalId: string; direction: CallDirection }[]>(
        `SELECT external_id AS "externalId", direction FROM calls WHERE pbx_id = $1::uuid AND state <> 'ended'`,
        pbxId,
      );
    },
  };
}
