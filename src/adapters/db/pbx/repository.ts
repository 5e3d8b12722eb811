import type { CallEvent } from '../../../domain/pbx/call';
import type { Agent, Call, Contact, CustomerMatch, PbxRecord, TrafficSource } from '../../../domain/pbx/records';
import type { CallFilter, KeptCallEvents, PbxRepository } from '../../../domain/pbx/ports';
import type { SqlSession } from '../database';
import { fail, ok } from '../../../domain/shared/result';
import { type Db, setList, toPage, UNIQUE_VIOLATION, unlessUniqueViolation } from '../prisma-client';

const PBX_COLUMNS = `id, type, description, address, port, account, route, easy_call_record AS "easyCallRecord", ari_url AS "ariUrl", username,
  sealed_credentials AS "sealedCredentials", sealed_event_secret AS "sealedEventSecret", subscription_id AS "subscriptionId",
  subscription_expires_at AS "subscriptionExpiresAt", active, created_at AS "createdAt", updated_at AS "updatedAt"`;
const AGENT_COLUMNS = `id, name, pbx_id AS "pbxId", extension, sealed_password AS "sealedPassword", created_at AS "createdAt", updated_at AS "updatedAt"`;
const CALL_COLUMNS = `c.id, c.pbx_id AS "pbxId", c.external_id AS "externalId", c.agent_id AS "agentId", c.direction, c.from_number AS "from", c.to_number AS "to", c.did,
  c.extension, c.state, c.started_at AS "startedAt", c.answered_at AS "answeredAt", c.ended_at AS "endedAt", c.duration_seconds AS "durationSeconds",
  c.unanswered, c.transfers, c.customer_id AS "customerId", cu.name AS "customerName", ct.id AS "contactId", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const CALL_FROM = `calls c LEFT JOIN contacts ct ON ct.call_id = c.id LEFT JOIN customers cu ON cu.id = c.customer_id`;
const CONTACT_COLUMNS = `id, call_id AS "callId", customer_id AS "customerId", subject, text, traffic_source_id AS "trafficSourceId",
  traffic_source_fixed AS "trafficSourceFixed", actor, created_at AS "createdAt", updated_at AS "updatedAt"`;

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const toPbx = (row: PbxRecord): PbxRecord => ({ ...row, easyCallRecord: json(row.easyCallRecord) ?? null });
const toCall = (row: Call & { transfers: unknown }): Call => ({
  ...row,
  transfers: json<{ to: string | null; at: string }[]>(row.transfers).map((t) => ({ to: t.to, at: new Date(t.at) })),
});

/** Every customer with the phone in parameter `param`, and which of its phones it is (seed 004: all are listed). */
const matchesOf = (
  param: string,
) => `SELECT id AS "customerId", name, 'mobilePhone' AS "phoneField" FROM customers WHERE mobile_phone = ${param}
   UNION ALL
   SELECT cu.id, cu.name, 'phones/' || (p.n - 1) FROM customers cu, unnest(cu.phones) WITH ORDINALITY AS p(phone, n)
    WHERE cu.phones @> ARRAY[${param}]::text[] AND p.phone = ${param}
   ORDER BY 1, 3 LIMIT 50`;

/** The same event heard twice is kept once. */
const fingerprint = (event: CallEvent) =>
  [event.type, event.at.toISOString(), event.direction, event.from, event.to, event.did, event.extension].join('|');

type KeptRow =
  | { readonly id: string; readonly folded: true }
  | (Omit<KeptCallEvents, 'events'> & {
      readonly folded: false;
      readonly count: number;
      readonly events: (Omit<CallEvent, 'callId' | 'at'> & { readonly at: string })[];
    });

/**
 * A call's state folded from `$19` events, saved unless the call's state is folded from as many
 * already; with a notice, the agent's stream told of it when the call was new or its state or
 * transfers changed: the call with the customers its number belongs to, then the extension's status.
 */
const SAVE_CALL = `WITH before AS (
    SELECT state, jsonb_array_length(transfers) AS transfers, folded_events, agent_id FROM calls WHERE id = $1::uuid FOR UPDATE
  ), saved AS (
    UPDATE calls c SET direction = $2, from_number = $3, to_number = $4, did = $5, extension = $6, state = $7, started_at = $8::timestamptz, answered_at = $9::timestamptz,
           ended_at = $10::timestamptz, duration_seconds = $11, unanswered = $12, transfers = $13::jsonb, agent_id = COALESCE(c.agent_id, $14::uuid),
           folded_events = $19, updated_at = $15::timestamptz
      FROM before b
     WHERE c.id = $1::uuid AND b.folded_events < $19
     RETURNING c.agent_id, (b.folded_events = 0 OR b.state <> c.state OR b.transfers <> jsonb_array_length(c.transfers)
               OR (b.agent_id IS NULL AND c.agent_id IS NOT NULL)) AS changed
  ), matches AS (${matchesOf('$18::text')})
  INSERT INTO agent_stream_events (agent_id, type, data, at)
  SELECT s.agent_id, told.type, told.data, $15::timestamptz
    FROM saved s,
         LATERAL (VALUES (1, 'call', $16::jsonb || jsonb_build_object('matches', (SELECT COALESCE(jsonb_agg(to_jsonb(m)), '[]'::jsonb) FROM matches m))),
                         (2, 'extension', $17::jsonb)) AS told(n, type, data)
   WHERE $16::jsonb IS NOT NULL AND s.changed AND s.agent_id IS NOT NULL
   ORDER BY told.n`;

/**
 * `plainSql`, when given, keeps call events with named plain statements: a PBX's events are the
 * module's hottest path (bench:calls-in).
 */
export function createPrismaPbxRepository(db: Db, plainSql?: SqlSession): PbxRepository {
  const one = async <T>(sql: string, ...params: unknown[]) =>
    (await db.$queryRawUnsafe<T[]>(sql, ...params))[0] ?? null;
  return {
    async createPbx(p) {
      return toPbx(
        (await one<PbxRecord>(
          `INSERT INTO pbxs (id, type, description, address, port, account, route, easy_call_record, ari_url, username, sealed_credentials, sealed_event_secret, active, created_at, updated_at)
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::timestamptz, $14::timestamptz) RETURNING ${PBX_COLUMNS}`,
          p.id,
          p.type,
          p.description,
          p.address,
          p.port,
          p.account,
          p.route,
          p.easyCallRecord === null ? null : JSON.stringify(p.easyCallRecord),
          p.ariUrl,
          p.username,
          p.sealedCredentials,
          p.sealedEventSecret,
          p.active,
          p.createdAt.toISOString(),
        ))!,
      );
    },
    async findPbx(id) {
      const row = await one<PbxRecord>(`SELECT ${PBX_COLUMNS} FROM pbxs WHERE id = $1::uuid`, id);
      return row ? toPbx(row) : null;
    },
    async listPbxs(page) {
      const rows = await db.$queryRawUnsafe<PbxRecord[]>(
        `SELECT ${PBX_COLUMNS} FROM pbxs WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, toPbx);
    },
    async updatePbx(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const columns = {
        description: 'description',
        address: 'address',
        port: 'port',
        account: 'account',
        route: 'route',
        ariUrl: 'ari_url',
        username: 'username',
        sealedCredentials: 'sealed_credentials',
        sealedEventSecret: 'sealed_event_secret',
        subscriptionId: 'subscription_id',
        active: 'active',
      };
      const list = [...setList(fields, columns, params), 'updated_at = $2::timestamptz'];
      if (fields.subscriptionExpiresAt !== undefined)
        list.push(
          `subscription_expires_at = $${params.push(fields.subscriptionExpiresAt?.toISOString() ?? null)}::timestamptz`,
        );
      if (fields.easyCallRecord !== undefined)
        list.push(
          `easy_call_record = $${params.push(fields.easyCallRecord === null ? null : JSON.stringify(fields.easyCallRecord))}::jsonb`,
        );
      const row = await one<PbxRecord>(
        `UPDATE pbxs SET ${list.join(', ')} WHERE id = $1::uuid RETURNING ${PBX_COLUMNS}`,
        ...params,
      );
      return row ? toPbx(row) : null;
    },
    async deletePbx(id) {
      const used = await one<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM agents WHERE pbx_id = $1::uuid) OR EXISTS (SELECT 1 FROM calls WHERE pbx_id = $1::uuid) AS used`,
        id,
      );
      if (used!.used)
        return fail('PBX_IN_USE', 'Agents or calls belong to this PBX: deactivate it (active: false) instead.');
      return (await db.$executeRawUnsafe(`DELETE FROM pbxs WHERE id = $1::uuid`, id)) > 0
        ? ok(undefined)
        : fail('PBX_NOT_FOUND', 'PBX not found.');
    },
    async createAgent(a) {
      const row = await unlessUniqueViolation(db, (tx) =>
        tx.$queryRawUnsafe<Agent[]>(
          `INSERT INTO agents (id, name, pbx_id, extension, sealed_password, created_at, updated_at) VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6::timestamptz, $6::timestamptz) RETURNING ${AGENT_COLUMNS}`,
          a.id,
          a.name,
          a.pbxId,
          a.extension,
          a.sealedPassword,
          a.createdAt.toISOString(),
        ),
      );
      return row === UNIQUE_VIOLATION
        ? fail('AGENT_EXTENSION_TAKEN', 'Another agent has this extension on this PBX.', [
            { field: 'extension', message: 'Taken on this PBX.' },
          ])
        : ok(row[0]!);
    },
    findAgent: (id) => one<Agent>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = $1::uuid`, id),
    async listAgents(pbxId, page) {
      const rows = await db.$queryRawUnsafe<Agent[]>(
        `SELECT ${AGENT_COLUMNS} FROM agents WHERE ($1::uuid IS NULL OR pbx_id = $1::uuid) AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
        pbxId ?? null,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, (row) => row);
    },
    async updateAgent(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const list = [
        ...setList(fields, { name: 'name', extension: 'extension', sealedPassword: 'sealed_password' }, params),
        'updated_at = $2::timestamptz',
      ];
      const row = await unlessUniqueViolation(db, (tx) =>
        tx.$queryRawUnsafe<Agent[]>(
          `UPDATE agents SET ${list.join(', ')} WHERE id = $1::uuid RETURNING ${AGENT_COLUMNS}`,
          ...params,
        ),
      );
      if (row === UNIQUE_VIOLATION)
        return fail('AGENT_EXTENSION_TAKEN', 'Another agent has this extension on this PBX.', [
          { field: 'extension', message: 'Taken on this PBX.' },
        ]);
      return row[0] ? ok(row[0]) : fail('AGENT_NOT_FOUND', 'Agent not found.');
    },
    async deleteAgent(id) {
      return (await db.$executeRawUnsafe(`DELETE FROM agents WHERE id = $1::uuid`, id)) > 0;
    },
    async createTrafficSource(t) {
      const row = await unlessUniqueViolation(db, (tx) =>
        tx.$queryRawUnsafe<TrafficSource[]>(
          `INSERT INTO traffic_sources (id, name, ddr, created_at) VALUES ($1::uuid, $2, $3, $4::timestamptz) RETURNING id, name, ddr, created_at AS "createdAt"`,
          t.id,
          t.name,
          t.ddr,
          t.createdAt.toISOString(),
        ),
      );
      return row === UNIQUE_VIOLATION
        ? fail('TRAFFIC_SOURCE_DDR_TAKEN', 'Another traffic source has this DDR.', [
            { field: 'ddr', message: 'Taken.' },
          ])
        : ok(row[0]!);
    },
    findTrafficSource: (id) =>
      one<TrafficSource>(
        `SELECT id, name, ddr, created_at AS "createdAt" FROM traffic_sources WHERE id = $1::uuid`,
        id,
      ),
    findTrafficSourceByDdr: (ddr) =>
      one<TrafficSource>(`SELECT id, name, ddr, created_at AS "createdAt" FROM traffic_sources WHERE ddr = $1`, ddr),
    async listTrafficSources(page) {
      const rows = await db.$queryRawUnsafe<TrafficSource[]>(
        `SELECT id, name, ddr, created_at AS "createdAt" FROM traffic_sources WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        page.after ?? null,
        page.limit + 1,
      );
      return toPage(rows, page, (row) => row);
    },
    async recordCallEvents(pbxId, init, events, decide) {
      const sql: Pick<SqlSession, 'query'> = plainSql ?? {
        query: (text, params = []) => db.$queryRawUnsafe(text, ...params),
      };
      const first = events[0]!.event;
      const [{ kept }] = (await sql.query<{ kept: unknown }>(
        `SELECT ponte_keep_call_events($1::uuid, $2::uuid, $3, $4::uuid, $5, $6, $7::timestamptz, $8::timestamptz, $9::jsonb) AS kept`,
        [
          init.id,
          pbxId,
          first.callId,
          init.agentId,
          events.find((e) => e.event.extension !== null)?.event.extension ?? null,
          init.direction,
          init.startedAt.toISOString(),
          init.now.toISOString(),
          JSON.stringify(
            events.map(({ id, event }) => ({
              id,
              ...event,
              at: event.at.toISOString(),
              fingerprint: fingerprint(event),
            })),
          ),
        ],
        { name: 'ponte_keep_call_events' },
      )) as [{ kept: unknown }];
      const call = json<KeptRow | null>(kept);
      if (call === null || call.folded) return call?.id ?? null;
      const { state: s, notice } = decide({
        ...call,
        events: call.events.map((e) => ({ ...e, callId: first.callId, at: new Date(e.at) })),
      });
      await sql.query(
        SAVE_CALL,
        [
          call.id,
          s.direction,
          s.from,
          s.to,
          s.did,
          s.extension,
          s.state,
          s.startedAt.toISOString(),
          s.answeredAt?.toISOString() ?? null,
          s.endedAt?.toISOString() ?? null,
          s.durationSeconds,
          s.unanswered,
          JSON.stringify(s.transfers.map((t) => ({ to: t.to, at: t.at.toISOString() }))),
          call.agentId,
          init.now.toISOString(),
          notice ? JSON.stringify(notice.call) : null,
          notice ? JSON.stringify(notice.extension) : null,
          notice?.matchesOf ?? null,
          call.count,
        ],
        { name: 'ponte_save_call' },
      );
      return call.id;
    },
    async findCall(id) {
      const row = await one<Call & { transfers: unknown }>(
        `SELECT ${CALL_COLUMNS} FROM ${CALL_FROM} WHERE c.id = $1::uuid`,
        id,
      );
      return row ? toCall(row) : null;
    },
    async listCalls(filter: CallFilter, page) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.agentId) where.push(`c.agent_id = $${params.push(filter.agentId)}::uuid`);
      if (filter.extension) where.push(`c.extension = $${params.push(filter.extension)}`);
      if (filter.direction) where.push(`c.direction = $${params.push(filter.direction)}`);
      if (filter.from) where.push(`c.started_at >= $${params.push(filter.from.toISOString())}::timestamptz`);
      if (filter.to) where.push(`c.started_at < $${params.push(filter.to.toISOString())}::timestamptz`);
      if (filter.unanswered !== undefined) where.push(`c.unanswered = $${params.push(filter.unanswered)}`);
      if (filter.number) {
        const n = params.push(filter.number);
        where.push(`(c.from_number = $${n} OR c.to_number = $${n})`);
      }
      if (filter.customerId) where.push(`c.customer_id = $${params.push(filter.customerId)}::uuid`);
      if (page.after) where.push(`c.id > $${params.push(page.after)}::uuid`);
      const rows = await db.$queryRawUnsafe<(Call & { transfers: unknown })[]>(
        `SELECT ${CALL_COLUMNS} FROM ${CALL_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id LIMIT $${params.push(page.limit + 1)}`,
        ...params,
      );
      return toPage(rows, page, toCall);
    },
    async customersByPhone(phone) {
      return db.$queryRawUnsafe<CustomerMatch[]>(matchesOf('$1'), phone);
    },
    async attachCustomer(callId, customerId, now) {
      await db.$executeRawUnsafe(
        `UPDATE calls SET customer_id = $2::uuid, updated_at = $3::timestamptz WHERE id = $1::uuid`,
        callId,
        customerId,
        now.toISOString(),
      );
    },
    async createContact(c) {
      const row = await unlessUniqueViolation(db, (tx) =>
        tx.$queryRawUnsafe<Contact[]>(
          `INSERT INTO contacts (id, call_id, customer_id, subject, text, traffic_source_id, traffic_source_fixed, actor, created_at, updated_at)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::uuid, $7, $8, $9::timestamptz, $9::timestamptz) RETURNING ${CONTACT_COLUMNS}`,
          c.id,
          c.callId,
          c.customerId,
          c.subject,
          c.text,
          c.trafficSourceId,
          c.trafficSourceFixed,
          c.actor,
          c.createdAt.toISOString(),
        ),
      );
      return row === UNIQUE_VIOLATION ? fail('CALL_HAS_CONTACT', 'This call has a contact already.') : ok(row[0]!);
    },
    findContact: (id) => one<Contact>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1::uuid`, id),
    async agentEventsAfter(agentId, afterId, limit) {
      const rows = await db.$queryRawUnsafe<{ id: string; type: string; data: unknown; at: Date }[]>(
        `SELECT id::text AS id, type, data, at FROM agent_stream_events WHERE agent_id = $1::uuid AND id > $2::bigint ORDER BY id LIMIT $3`,
        agentId,
        afterId ?? '0',
        limit,
      );
      return rows.map((row) => ({ ...row, data: json(row.data) }));
    },
    async lastAgentEventId(agentId) {
      return (await one<{ id: string }>(
        `SELECT COALESCE(max(id), 0)::text AS id FROM agent_stream_events WHERE agent_id = $1::uuid`,
        agentId,
      ))!.id;
    },
    agentStreamActivity(afterId, since) {
      return db.$queryRawUnsafe<{ agentId: string; lastId: string }[]>(
        `SELECT agent_id::text AS "agentId", max(id)::text AS "lastId" FROM agent_stream_events
          WHERE ($1::bigint IS NOT NULL AND id > $1::bigint) OR at > $2::timestamptz GROUP BY agent_id`,
        afterId,
        since.toISOString(),
      );
    },
    async purgeAgentEvents(before) {
      return db.$executeRawUnsafe(`DELETE FROM agent_stream_events WHERE at < $1::timestamptz`, before.toISOString());
    },
    async updateContact(id, fields, now) {
      const params: unknown[] = [id, now.toISOString()];
      const list = [
        ...setList(fields, { subject: 'subject', text: 'text', trafficSourceId: 'traffic_source_id' }, params),
        'updated_at = $2::timestamptz',
      ];
      return (await one<Contact>(
        `UPDATE contacts SET ${list.join(', ')} WHERE id = $1::uuid RETURNING ${CONTACT_COLUMNS}`,
        ...params,
      ))!;
    },
  };
}
