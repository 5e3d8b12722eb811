import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { openTestDatabase, resetTables } from '../helpers/databases';
import { cpf } from '../helpers/generators';
import { openApiViolations } from '../helpers/openapi-validator';
import { EXA_PREFIX, SABER_TOKEN, usePartners } from '../helpers/partners';
import { createTestApi, EXA_URL, MOBILE, TEST_ENV, type TestApi } from '../helpers/test-app';
import type { Database } from '../../src/adapters/db/database';

/*
 * The project's own fuzz test (docs/security.md). Every operation of openapi/openapi.json —
 * discovered from the file, so a new route is fuzzed the day it is added — receives valid,
 * mutated and hostile requests: wrong types, missing and extra fields, control characters, huge
 * and deep values, odd ids, query abuse, wrong content types. No answer may be a 5xx, every
 * answer must be one the operation declares with the body it declares, and every error must be
 * problem+json. FUZZ_RUNS=N sends N requests per operation (default 40).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  id: string;
  body: Schema | null;
  query: Schema[];
  secured: boolean;
}

const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as Schema;
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(spec.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')]) : schema;

const operations: Operation[] = Object.entries(spec.paths as Record<string, Record<string, Schema>>).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      id: op.operationId as string,
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      query: ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query'),
      secured: Boolean(op.security),
    })),
);

/** Fixture ids that real resources have, so that valid requests reach the handlers' logic. */
interface Fixtures {
  ids: string[];
  byName: Record<string, string[]>;
}

const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  'tab\there',
  'line\nbreak',
  '\u001b[31m',
  '\u007f',
  '\ud800',
  '\u202e',
  'ção ñ 漢字 🙂',
  'x'.repeat(5_000),
  ' ',
  '',
  '%00',
  '../../etc/passwd',
  "'; DROP TABLE customers; --",
  '{{7*7}}',
  '${jndi:x}',
  '<script>',
  'urn:uuid:01a20000-0000-7000-8000-000000000000',
  '01A20000-0000-7000-8000-00000000000A',
  '00000000000000000000000000000000',
  '529.982.247-25',
  '52998224725',
  '12.ABC.345/01DE-35',
  '+5511912345678',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { $ref: '#' }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  fc
    .integer({ min: 1, max: 3000 })
    .map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.anything({ maxDepth: 3 }),
);

/** URL-encodes anything, a lone surrogate included (sent as the bytes a careless client would send). */
const encode = (value: string) =>
  value.replace(/[\ud800-\udfff]/g, '\ufffd') === value
    ? encodeURIComponent(value)
    : encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';

const oddId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '' && !s.includes('/'))).map(encode),
  fc.constantFrom('not-an-id', 'A'.repeat(200), '%2e%2e', '0'),
);

/** Values that fit a schema, most of the time; names pick realistic values where the format alone cannot. */
function valid(schema: Schema, fixtures: Fixtures, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.anyOf || s.oneOf)
    return fc.oneof(...(s.anyOf ?? s.oneOf).map((option: Schema) => valid(option, fixtures, name, depth)));
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'array':
      return fc.array(valid(s.items ?? {}, fixtures, name, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, valid(child, fixtures, key, depth + 1)]),
        ),
        { requiredKeys: required },
      );
    }
    case 'string': {
      if (s.format === 'uuid')
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...(fixtures.byName[name] ?? fixtures.ids)) },
          { weight: 1, arbitrary: fc.uuid() },
        );
      if (s.format === 'email') return fc.constantFrom('maria@example.com', 'joao@example.com', 'MARIA@Example.com');
      if (s.format === 'uri') return fc.constantFrom(EXA_URL, 'https://exa.test/other', 'http://127.0.0.1:9/x');
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (/document/i.test(name))
        return fc.oneof(
          fc.nat({ max: 5000 }).map((n) => cpf(n + 1)),
          fc.constantFrom('11.222.333/0001-81', '12.ABC.345/01DE-35'),
        );
      if (/phone/i.test(name)) return fc.constantFrom(MOBILE, '(21) 98888-7777', '+55 11 3333-4444');
      if (name === 'svaPackage') return fc.constantFrom('EXA-SEG-BASICO', 'EXA-BACKUP-100', 'SABER-FAMILIA', 'NOPE');
      if (name === 'state') return fc.constantFrom('SP', 'RJ');
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 20, 20) });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** A valid body with one thing broken: a field dropped, a field added, or a value made hostile. */
const mutated = (body: fc.Arbitrary<unknown>) =>
  fc
    .tuple(body, fc.nat(), hostileValue, fc.constantFrom('drop', 'extra', 'hostile', 'whole'))
    .map(([value, n, hostile, how]) => {
      if (how === 'whole' || typeof value !== 'object' || value === null || Array.isArray(value)) return hostile;
      const copy = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = keys[n % Math.max(keys.length, 1)];
      if (how === 'drop' && key) delete copy[key];
      else if (how === 'extra') copy[`unexpected${n % 3}`] = hostile;
      else if (key) copy[key] = hostile;
      return copy;
    });

interface InjectedAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

/** What is wrong with an answer: a 5xx, an error that is not problem+json, or one the contract does not declare. */
function answerProblems(method: string, url: string, response: InjectedAnswer): string[] {
  const contentType = response.headers['content-type'] as string | undefined;
  return [
    ...(response.statusCode >= 500 ? [`answered ${response.statusCode}`] : []),
    ...(response.statusCode >= 400 && !contentType?.startsWith('application/problem+json')
      ? [`error as ${contentType}, not problem+json`]
      : []),
    // A path with dot segments ("%2e%2e") is resolved by the client to another path, maybe another operation's.
    ...(new URL(url, 'http://ponte').pathname === url.split('?')[0]
      ? openApiViolations(method, url, response.statusCode, contentType, response.body)
      : []),
  ];
}

interface Request {
  url: string;
  payload?: string;
  contentType?: string;
  headers: Record<string, string>;
}

function requests(op: Operation, fixtures: Fixtures): fc.Arbitrary<Request> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fc
    .tuple(
      ...pathParams.map((name) =>
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...(fixtures.byName[name] ?? fixtures.ids)) },
          { weight: 1, arbitrary: oddId },
        ),
      ),
    )
    .map((values) => pathParams.reduce((url, name, i) => url.replace(`{${name}}`, String(values[i])), op.path));
  const query = fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom(...(op.query.length > 0 ? op.query : [{ name: 'limit', schema: { type: 'integer' } }])),
          fc.boolean(),
          hostileValue,
        ),
        { maxLength: 3 },
      ),
      fc.option(
        fc.constantFrom(
          'unknown=1',
          'limit=0',
          'limit=201',
          'limit=-1',
          'limit=abc',
          'cursor=%00',
          'cursor=bm9wZQ',
          'limit=1&limit=2',
          'status=a&status=b',
        ),
      ),
    )
    .chain(([params, extra]) =>
      fc
        .tuple(
          ...params.map(([param, honest, hostile]) =>
            (honest ? valid(param.schema, fixtures, param.name) : fc.constant(hostile)).map(
              (v) => `${param.name}=${encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
            ),
          ),
        )
        .map((parts) => [...parts, ...(extra ? [extra] : [])].join('&')),
    );
  const body = op.body ? valid(op.body, fixtures) : fc.constant(undefined);
  const payload = fc.oneof(
    {
      weight: 3,
      arbitrary: body.map((b) => ({
        payload: b === undefined ? undefined : JSON.stringify(b),
        contentType: 'application/json',
      })),
    },
    {
      weight: 3,
      arbitrary: mutated(body).map((b) => ({ payload: JSON.stringify(b) ?? 'null', contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"a":',
          '[1,2',
          '\u0000',
          'null',
          '"text"',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{}}}',
        )
        .map((p) => ({ payload: p, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: body.map((b) => ({
        payload: JSON.stringify(b ?? {}),
        contentType: fc.sample(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            'multipart/form-data; boundary=x',
          ),
          1,
        )[0],
      })),
    },
  );
  const headers = fc
    .record({
      'idempotency-key': fc.option(fc.oneof(fc.uuid(), fc.constantFrom('k', 'x'.repeat(300), 'ç'))),
      'x-request-id': fc.option(fc.constantFrom('abc-123', 'a\tb', 'x'.repeat(500))),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== null)) as Record<string, string>);
  return fc
    .tuple(path, query, payload, headers)
    .map(([url, q, p, h]) => ({ url: q ? `${url}?${q}` : url, ...p, headers: h }));
}

usePartners();

describe('every operation under valid, mutated and hostile requests [pglite]', () => {
  let db: Database;
  let api: TestApi;
  let fixtures: Fixtures;
  const tally = new Map<number, number>();

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  beforeEach(async () => {
    await resetTables(db);
    api = await createTestApi(db);
    const post = async (url: string, body: unknown) => (await api.call('POST', url, { body })).body;
    const saber = await post('/v1/sva-integrations', { platform: 'saber_plus', token: SABER_TOKEN });
    const exa = await post('/v1/sva-integrations', {
      platform: 'exa',
      url: EXA_URL,
      prefix: EXA_PREFIX,
      autoCreateUsers: true,
    });
    const product = await post('/v1/products', {
      name: 'EXA',
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: exa.id,
      svaPackage: 'EXA-SEG-BASICO',
    });
    const customer = await post('/v1/customers', {
      name: 'Maria Silva',
      document: '529.982.247-25',
      email: 'maria@example.com',
      mobilePhone: MOBILE,
    });
    const contract = await post('/v1/contracts', { customerId: customer.id });
    const item = await post(`/v1/contracts/${contract.id}/products`, { productId: product.id });
    await post(`/v1/contracts/${contract.id}/events`, { type: 'activate' });
    const [user] = (await api.call('GET', `/v1/contracts/${contract.id}/sva-users`)).body.items;
    const [delivery] = (await api.call('GET', '/v1/integration-deliveries')).body.items;
    const key = await post('/v1/api-keys', { name: 'fuzz', scopes: ['customers:read'] });
    // The PBX module stays off: a stream opened with these would never end.
    const pbx = await post('/v1/pbx', { type: 'forip', address: 'forip.test', port: 9100 });
    const agent = await post('/v1/agents', { name: 'Ana', pbxId: pbx.id, extension: '30' });
    fixtures = {
      ids: [
        saber.id,
        exa.id,
        product.id,
        customer.id,
        contract.id,
        item.id,
        user.id,
        delivery.id,
        key.id,
        pbx.id,
        agent.id,
      ],
      byName: {
        customerId: [customer.id],
        productId: [product.id],
        svaIntegrationId: [exa.id, saber.id],
        contractIds: [contract.id],
        contractId: [contract.id],
        svaUserId: [user.id],
        itemId: [item.id],
        pbxId: [pbx.id],
        agentId: [agent.id],
      },
    };
  });
  afterEach(() => api.app.http.close());
  afterAll(async () => {
    await db.close();
    // The figures of the run, for the record: requests per status.
    process.stdout.write(
      `fuzz: ${[...tally.values()].reduce((a, b) => a + b, 0)} requests; by status ${JSON.stringify(Object.fromEntries([...tally].sort(([a], [b]) => a - b)))}\n`,
    );
  });

  test.each(operations.map((op) => [op.id, op] as const))(
    'when %s receives valid, mutated and hostile requests, then no 5xx and every answer is one the contract declares',
    async (_id, op) => {
      await fc.assert(
        fc.asyncProperty(requests(op, fixtures), async (request) => {
          const response = await api.app.http.inject({
            method: op.method as 'GET',
            url: request.url,
            headers: {
              authorization: `Bearer ${api.adminKey}`,
              ...(request.contentType && request.payload !== undefined ? { 'content-type': request.contentType } : {}),
              ...request.headers,
            },
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          tally.set(response.statusCode, (tally.get(response.statusCode) ?? 0) + 1);
          const problems = answerProblems(op.method, request.url, response);
          if (problems.length > 0)
            throw new Error(
              `${op.method} ${request.url} ${request.contentType ?? ''} ${String(request.payload).slice(0, 300)}\n→ ${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`,
            );
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
  );
});

/*
 * The operations partners call (PBX events, bureau webhooks) are authenticated by the partner's own
 * secret, not an API key: above, they stop at 401. Here they get the right secret, in any spelling
 * of the scheme, and the shapes each partner really sends — then the same mutations and hostile
 * values (text PostgreSQL cannot keep, instants no calendar has).
 */
describe("the partner-authenticated operations, with the partner's own secret [pglite]", () => {
  let db: Database;
  let api: TestApi;
  let pbxs: Record<'digitro' | 'planetfone' | 'forip' | 'asterisk', string>;
  let bureau: { id: string; secret: string };
  const SECRET = 'fuzz-events-secret-0001';
  const tally = new Map<number, number>();

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  beforeEach(async () => {
    await resetTables(db);
    api = await createTestApi(db);
    const post = async (url: string, body: unknown) => (await api.call('POST', url, { body })).body;
    await api.call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    pbxs = {
      digitro: (
        await post('/v1/pbx', {
          type: 'digitro',
          address: 'pabx.test',
          port: 8080,
          account: '1001',
          route: '0',
          apiKey: 'digitro-api-key',
          eventSecret: SECRET,
        })
      ).id,
      planetfone: (
        await post('/v1/pbx', {
          type: 'planetfone',
          address: 'http://pf.central.test/integracao',
          port: 9000,
          eventSecret: SECRET,
        })
      ).id,
      forip: (await post('/v1/pbx', { type: 'forip', address: 'forip.test', port: 9100, eventSecret: SECRET })).id,
      asterisk: (
        await post('/v1/pbx', {
          type: 'asterisk',
          ariUrl: 'http://asterisk.test:8088/ari',
          username: 'ponte',
          password: 'ari-secret',
          eventSecret: SECRET,
        })
      ).id,
    };
    await post('/v1/agents', { name: 'Ana', pbxId: pbxs.forip, extension: '30' });
    await post('/v1/customers', { name: 'Maria Silva', document: '529.982.247-25', mobilePhone: MOBILE });
    const serasa = await post('/v1/credit-integrations', {
      bureau: 'serasa',
      url: 'https://serasa.test',
      username: 'u',
      password: 'p',
      negativationUsername: 'u2',
      negativationPassword: 'p2',
    });
    bureau = { id: serasa.id, secret: serasa.webhookSecret };
  });
  afterEach(() => api.app.http.close());
  afterAll(async () => {
    await db.close();
    process.stdout.write(
      `fuzz (partner-authenticated): ${[...tally.values()].reduce((a, b) => a + b, 0)} requests; by status ${JSON.stringify(Object.fromEntries([...tally].sort(([a], [b]) => a - b)))}\n`,
    );
  });

  const instant = fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        '0000-01-01T00:00:00Z',
        '0000-01-01',
        8.64e15,
        -8.64e15,
        1e300,
        '2026-02-30T10:00:00Z',
        '+275760-09-13T00:00:00.000Z',
        '-000001-01-01T00:00:00Z',
        1_764_000_000,
        'agora',
        '',
      ),
    },
  );
  /** Mostly what a partner sends, now and then what it should not. */
  const rarely = (usual: fc.Arbitrary<unknown>, odd: unknown[]) =>
    fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
  const callId = rarely(fc.constantFrom('c-1', 'c-2', '1700000000.42'), ['c-\u0000', 'c-\ud800', '', 'x'.repeat(500)]);
  const phone = rarely(fc.constantFrom(MOBILE, '11987654321', '+5511987654321', '(51) 2101-0001'), [
    '(11) 9876\u0000-4321',
    '\udc00',
    '0',
    'x'.repeat(500),
  ]);
  const extension = rarely(fc.constantFrom('30', '31'), ['3\u00000', '', 4021]);
  const shapes: Record<keyof typeof pbxs, fc.Arbitrary<Record<string, unknown>>> = {
    planetfone: fc.record({
      event: fc.constantFrom('ringing', 'answered', 'hangup', 'transfer', 'other'),
      callId,
      direction: fc.constantFrom('inbound', 'outbound'),
      phone,
      extension,
      did: fc.option(phone),
      to: fc.option(extension),
      at: instant,
    }),
    forip: fc.record({
      event: fc.constantFrom('ringing', 'answered', 'hangup', 'transfer'),
      callId,
      direction: fc.constantFrom('inbound', 'outbound'),
      phone,
      extension,
      at: instant,
    }),
    digitro: fc.record({
      EVENTO: fc.constantFrom('CHAMANDO', 'ATENDIDA', 'DESLIGADA', 'TRANSFERIDA', 'chamando'),
      ID_CHAMADA: fc.oneof(callId, fc.integer()),
      SENTIDO: fc.constantFrom('ENTRADA', 'SAIDA'),
      ORIGEM: phone,
      DESTINO: phone,
      DDR: fc.option(phone),
      RAMAL: extension,
      DATA_HORA: instant,
    }),
    asterisk: (() => {
      const channel = fc.record({
        id: fc.oneof(callId, fc.uuid()),
        name: fc.oneof(
          extension.map((e) => `PJSIP/${String(e)}-0000002a`),
          fc.constant('PJSIP/trunk-0000002b'),
        ),
        state: fc.constantFrom('Ring', 'Ringing', 'Up', 'Down'),
        caller: fc.record({ number: phone }),
        connected: fc.record({ number: extension }),
        dialplan: fc.record({ context: fc.constantFrom('from-pstn', 'from-trunk', 'from-internal'), exten: phone }),
      });
      return fc.record({
        type: fc.constantFrom(
          'ChannelCreated',
          'StasisStart',
          'ChannelDialplan',
          'Dial',
          'ChannelDestroyed',
          'BridgeBlindTransfer',
        ),
        timestamp: instant,
        channel,
        caller: channel,
        peer: channel,
        transferee: channel,
        dialstatus: fc.constantFrom('', 'ANSWER', 'BUSY'),
        dialstring: phone,
        exten: fc.option(extension),
      });
    })(),
  };
  const scheme = fc.constantFrom('Bearer ', 'bearer ', 'BEARER  ', ' Bearer\t');
  const problemsOf = (method: string, url: string, response: InjectedAnswer) => {
    tally.set(response.statusCode, (tally.get(response.statusCode) ?? 0) + 1);
    return answerProblems(method, url, response);
  };

  test.each(['digitro', 'planetfone', 'forip', 'asterisk'] as const)(
    'when a %s PBX sends its own events, mutated and hostile, with its secret, then no 5xx and every answer is one the contract declares',
    async (type) => {
      const body = fc.oneof(shapes[type], fc.array(shapes[type], { minLength: 1, maxLength: 5 }));
      const payload = fc.oneof(
        { weight: 3, arbitrary: body },
        { weight: 2, arbitrary: mutated(body) },
        { weight: 1, arbitrary: fc.array(mutated(shapes[type]), { minLength: 1, maxLength: 3 }) },
      );
      await fc.assert(
        fc.asyncProperty(payload, scheme, async (event, prefix) => {
          const url = `/v1/pbx/${pbxs[type]}/events`;
          const text = JSON.stringify(event) ?? 'null';
          const response = await api.app.http.inject({
            method: 'POST',
            url,
            headers: { authorization: `${prefix}${SECRET}`, 'content-type': 'application/json' },
            payload: text,
          });
          const problems = problemsOf('POST', url, response);
          if (problems.length > 0)
            throw new Error(
              `POST ${url} ${text.slice(0, 400)}\n→ ${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`,
            );
        }),
        { numRuns: RUNS * 3, endOnFailure: true },
      );
    },
  );

  test("when a bureau posts its webhook, mutated and hostile, with the integration's secret, then no 5xx and every answer is one the contract declares", async () => {
    const body = fc.record({
      uuid: fc.oneof(fc.uuid(), fc.constantFrom('a\u0000b', '\ud800', '', 'x'.repeat(5_000))),
      status: fc.constantFrom('SUCCESS', 'ERROR', 'REMOVED', 'success', 'OTHER'),
      message: fc.option(fc.constantFrom('ok', 'Dívida já existe', '\u0000', '\udfff')),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 2, arbitrary: body }, { weight: 2, arbitrary: mutated(body) }),
        scheme,
        async (notification, prefix) => {
          const url = `/v1/webhooks/credit/${bureau.id}`;
          const text = JSON.stringify(notification) ?? 'null';
          const response = await api.app.http.inject({
            method: 'POST',
            url,
            headers: { authorization: `${prefix}${bureau.secret}`, 'content-type': 'application/json' },
            payload: text,
          });
          const problems = problemsOf('POST', url, response);
          if (problems.length > 0)
            throw new Error(
              `POST ${url} ${text.slice(0, 400)}\n→ ${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`,
            );
        },
      ),
      { numRuns: RUNS * 3, endOnFailure: true },
    );
  });
});

/*
 * The limits (docs/operations.md, "Limits") are part of every operation's contract: past them,
 * any request, valid or hostile, with a key or without, answers 429 as the contract declares it
 * (problem+json, Retry-After, RateLimit and RateLimit-Policy), before anything else is looked at.
 */
describe('every operation past its rate limit [pglite]', () => {
  let db: Database;
  let api: TestApi;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    api = await createTestApi(db, {
      env: { ...TEST_ENV, RATE_LIMIT_PER_KEY: '1', RATE_LIMIT_PER_ADDRESS: '1', RATE_LIMIT_PARTNER_PER_ADDRESS: '1' },
    });
  });
  afterAll(async () => {
    await api.app.http.close();
    await db.close();
  });
  const fixtures: Fixtures = { ids: ['0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81'], byName: {} };
  const probes = new Set(['getHealth', 'getReadiness']);

  test.each(operations.filter((op) => !probes.has(op.id)).map((op) => [op.id, op] as const))(
    'when %s is called past the limit, then every answer is the 429 the contract declares',
    async (_id, op) => {
      const send = (request: Request, key: string | null) =>
        api.app.http.inject({
          method: op.method as 'GET',
          url: request.url,
          headers: {
            ...(key ? { authorization: `Bearer ${key}` } : {}),
            ...(request.contentType && request.payload !== undefined ? { 'content-type': request.contentType } : {}),
            ...request.headers,
          },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        });
      await fc.assert(
        fc.asyncProperty(requests(op, fixtures), fc.boolean(), async (request, withKey) => {
          const key = withKey ? api.adminKey : null;
          await send(request, key);
          const response = await send(request, key);
          // A URL the router cannot take is refused before any hook runs, limits included.
          const refused = JSON.parse(response.body) as { code?: string; detail?: string };
          if (refused.code === 'URI_TOO_LONG' || refused.detail === 'The URL is not valid.') return;
          const problems = [
            ...(response.statusCode !== 429 ? [`answered ${response.statusCode}, not 429`] : []),
            ...(!response.headers['retry-after'] ? ['no Retry-After'] : []),
            ...(!/^"[a-z-]+";q=1;w=60$/.test(String(response.headers['ratelimit-policy']))
              ? ['no RateLimit-Policy']
              : []),
            ...(!/^"[a-z-]+";r=0;t=\d+$/.test(String(response.headers.ratelimit)) ? ['no RateLimit'] : []),
            ...answerProblems(op.method, request.url, response),
          ];
          if (problems.length > 0)
            throw new Error(
              `${op.method} ${request.url}\n→ ${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`,
            );
        }),
        { numRuns: 5, endOnFailure: true },
      );
    },
  );
});
