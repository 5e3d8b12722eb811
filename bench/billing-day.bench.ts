/**
 * Billing day against partners that behave like real ones (docs/benchmarks.md, "Billing day"): the
 * sandbox's own simulators of EXA, Saber+, TeleCall and Opa! Suite, each answering with a latency
 * (150 ms median and 600 ms p99; EXA, the slow one, twice that) and refusing calls past its
 * per-tenant rate with 429 + Retry-After.
 * 20,000 contracts (EXA, Saber+ or a TeleCall line each, in proportion to the platforms' rates;
 * the rest internet only; some customers notified on WhatsApp) are blocked in one bulk call, and a
 * thousand of them released at once after, so that order per target shows. Ponte is told each
 * partner's rate (PATCH /v1/integration-limits/{id}), as a provider would, and drains with 1, 2
 * and 4 worker processes on PostgreSQL, each allowed 128 calls in flight (DISPATCH_CONCURRENCY: the
 * four partners' rates at their answer times need about 70). A bare client that knows each limit and paces exactly to
 * it is the best case. Then a latency-bound load (a limit above what one process reaches) shows
 * what a second process adds.
 *
 *   npm run bench:billing-day            (BENCH_SCALE=0.2 for a shorter run)
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { migrate } from '../src/adapters/db/migrator';
import { openDatabase } from '../src/adapters/db/database';
import type { LoadSettings } from '../src/adapters/sandbox/load';
import { createSandbox, SANDBOX_ORIGIN, SANDBOX_TELECALL_TOKEN, type Sandbox } from '../src/adapters/sandbox/sandbox';
import { SANDBOX_TEMPLATES } from '../src/adapters/sandbox/opa-suite/simulator';
import { withBenchDatabase } from './bench-database';
import { freePort, start, stopped, type Child, until } from './processes';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONTRACTS = Math.round(20_000 * SCALE);
const ADMIN_KEY = `ponte_bench_${randomBytes(16).toString('hex')}`;
const LATENCY = { p50Ms: 150, p99Ms: 600 };
/** EXA is the slow one: it must not lower the others' rates. */
const SLOW = { p50Ms: 300, p99Ms: 1_200 };

/**
 * The partners' published limits (calls per second per tenant), their answer times, and the share
 * of contracts on each (about 80 s of work each; a TeleCall delivery takes two calls).
 */
const PLATFORMS = [
  { name: 'exa', sandbox: 'exa', rate: 100, share: 0.4, latency: SLOW },
  { name: 'saber_plus', sandbox: 'saber-plus', rate: 60, share: 0.24, latency: LATENCY },
  { name: 'telecall', sandbox: 'telecall', rate: 40, share: 0.08, latency: LATENCY },
  { name: 'opa_suite', sandbox: 'opa-suite', rate: 50, share: 0.2, latency: LATENCY },
] as const;
type PlatformName = (typeof PLATFORMS)[number]['name'];

const EXA_PREFIX = 'bench-billing-day';
const SABER_TOKEN = 'bench-billing-day-saber-token';
const OPA_TOKEN = 'bench-billing-day-opa-token';
const OPA_CHANNEL = '64b0c0ffee00000000000c01';
const BLOCK_TEMPLATE = SANDBOX_TEMPLATES[1]!;

// ---------------------------------------------------------------------------------------------
// The partners: the sandbox's simulators behind one HTTP server, counting every call they accept.

interface PartnerHost {
  readonly base: string;
  readonly sandbox: Sandbox;
  /** Calls that changed something, by platform: how many times each one (method, path, body) came. */
  readonly accepted: Map<string, Map<string, number>>;
  /** When each call to a platform came (performance.now()), by platform. */
  readonly arrivals: Map<string, number[]>;
  close(): Promise<void>;
}

async function partnerHost(): Promise<PartnerHost> {
  const sandbox = createSandbox(async () => true, { admitsOpaSuiteToken: async () => true });
  const accepted = new Map<string, Map<string, number>>();
  const arrivals = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const platform = /^\/sandbox\/([a-z-]+)\//.exec(request.url ?? '')?.[1] ?? '';
    if (!request.url?.includes('/_sandbox/')) {
      const times = arrivals.get(platform) ?? [];
      times.push(performance.now());
      arrivals.set(platform, times);
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(name, value);
      const method = request.method ?? 'GET';
      void sandbox
        .handle(
          new Request(`${SANDBOX_ORIGIN}${request.url}`, {
            method,
            headers,
            ...(body !== '' && method !== 'GET' ? { body } : {}),
          }),
        )
        .then(async (answer) => {
          const status = answer?.status ?? 404;
          if (method !== 'GET' && status < 400 && !request.url?.includes('/_sandbox/')) {
            const calls = accepted.get(platform) ?? new Map<string, number>();
            const signature = `${method} ${request.url} ${body}`;
            calls.set(signature, (calls.get(signature) ?? 0) + 1);
            accepted.set(platform, calls);
          }
          response.writeHead(status, Object.fromEntries(answer?.headers ?? []));
          response.end(answer ? await answer.text() : '');
        });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}/sandbox`,
    sandbox,
    accepted,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Calls a second from the first to the last. */
const callRate = (times: readonly number[]) => {
  if (times.length < 2) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - 1) / ((sorted.at(-1)! - sorted[0]!) / 1000);
};

const setLoad = (host: PartnerHost, rate: (platform: string) => number | null) => {
  for (const platform of PLATFORMS) {
    const settings: LoadSettings = { ...platform.latency, ratePerSecond: rate(platform.name), burst: null };
    host.sandbox.load.get(platform.sandbox)!.set(settings);
  }
};

// ---------------------------------------------------------------------------------------------
// Ponte's processes.

function api(port: number) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

// ---------------------------------------------------------------------------------------------
// The provider's base, written directly, and the same subscriptions on the simulated platforms.

interface Base {
  readonly contracts: string[];
  readonly released: string[];
  readonly integrations: Record<PlatformName, string>;
}

async function seed(url: string, call: ReturnType<typeof api>, host: PartnerHost, contracts: number): Promise<Base> {
  const counts = Object.fromEntries(PLATFORMS.map((p) => [p.name, Math.round(contracts * p.share)])) as Record<
    PlatformName,
    number
  >;
  const rows = Array.from({ length: contracts }, (_, n) => {
    const kind: PlatformName | 'internet' =
      n < counts.exa
        ? 'exa'
        : n < counts.exa + counts.saber_plus
          ? 'saber_plus'
          : n < counts.exa + counts.saber_plus + counts.telecall
            ? 'telecall'
            : 'internet';
    return {
      n,
      kind,
      customer: randomUUID(),
      contract: randomUUID(),
      target: randomUUID(),
      // Every fifth customer has WhatsApp on file: those are told of the block.
      phone: n % 5 === 0 ? `+55119${String(10_000_000 + n).padStart(8, '0')}` : null,
      document: String(10_000_000_000 + n).padStart(11, '0'),
    };
  });

  const lines = rows.filter((r) => r.kind === 'telecall');
  // The same subscriptions, already on the platforms (before Ponte first calls them).
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');
  const user = (r: (typeof rows)[number], packageCode: string) => ({
    id: `u${r.n}`,
    reference: r.target,
    username: r.kind === 'exa' ? `c${r.n}@example.com` : r.document,
    document: r.document,
    email: r.kind === 'exa' ? `c${r.n}@example.com` : null,
    name: `Cliente ${r.n}`,
    mobilePhone: '+5511912345678',
    packageCode,
    status: 'active',
    password: null,
    log: ['active'],
  });
  host.sandbox.exa.restore({
    nextId: contracts + 1,
    tenants: [
      {
        credentialDigest: digest(EXA_PREFIX),
        users: rows.filter((r) => r.kind === 'exa').map((r) => user(r, 'EXA-SEG-BASICO')),
      },
    ],
  });
  host.sandbox.saberPlus.restore({
    nextId: contracts + 1,
    tenants: [
      {
        credentialDigest: digest(SABER_TOKEN),
        users: rows.filter((r) => r.kind === 'saber_plus').map((r) => user(r, 'SABER-FAMILIA')),
      },
    ],
  });
  host.sandbox.telecall.restore({
    lines: lines.map((r) => ({
      reference: r.target,
      msisdn: `55119${String(r.n).padStart(8, '0')}`,
      iccid: `8955${String(r.n).padStart(15, '0')}`,
      plan: 'TC-10GB',
      status: 'active' as const,
      finishing: null,
      log: ['active'],
    })),
  });
  const exa = await call<{ id: string }>('POST', '/v1/sva-integrations', {
    platform: 'exa',
    url: `${host.base}/exa`,
    prefix: EXA_PREFIX,
  });
  const saber = await call<{ id: string }>('POST', '/v1/sva-integrations', {
    platform: 'saber_plus',
    token: SABER_TOKEN,
  });
  const opa = await call<{ id: string }>('POST', '/v1/opa-suite-integrations', {
    description: 'Atendimento',
    url: `${host.base}/opa-suite`,
    token: OPA_TOKEN,
    channelId: OPA_CHANNEL,
  });
  await call('PUT', '/v1/notification-templates', {
    items: [{ event: 'block', templateId: BLOCK_TEMPLATE._id, variables: ['customer.firstName', 'contract.id'] }],
  });
  const product = (name: string, integration: string, svaPackage: string) =>
    call<{ id: string }>('POST', '/v1/products', {
      name,
      type: 'sva',
      priceCents: 990,
      svaIntegrationId: integration,
      svaPackage,
    });
  const exaProduct = await product('EXA', exa.id, 'EXA-SEG-BASICO');
  const saberProduct = await product('Saber+', saber.id, 'SABER-FAMILIA');

  const db = await openDatabase({ kind: 'postgresql', url, poolSize: 2 });
  try {
    const column = <K extends keyof (typeof rows)[number]>(key: K, only?: (r: (typeof rows)[number]) => boolean) =>
      rows.filter((r) => !only || only(r)).map((r) => r[key]);
    await db.sql.query(
      `INSERT INTO customers (id, name, document, document_type, email, mobile_phone)
       SELECT c, 'Cliente ' || n, d, 'cpf', 'c' || n || '@example.com', p
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS t(c, n, d, p)`,
      [column('customer'), column('n'), column('document'), column('phone')],
    );
    await db.sql.query(
      `INSERT INTO contracts (id, customer_id, status, access_status, activated_at)
       SELECT k, c, 'active', 'active', now() FROM unnest($1::uuid[], $2::uuid[]) AS t(k, c)`,
      [column('contract'), column('customer')],
    );
    for (const [kind, productId, platform, packageCode] of [
      ['exa', exaProduct.id, 'exa', 'EXA-SEG-BASICO'],
      ['saber_plus', saberProduct.id, 'saber_plus', 'SABER-FAMILIA'],
    ] as const) {
      const only = (r: (typeof rows)[number]) => r.kind === kind;
      await db.sql.query(
        `INSERT INTO contract_items (id, contract_id, product_id, price_cents) SELECT gen_random_uuid(), k, $2, 990 FROM unnest($1::uuid[]) AS t(k)`,
        [column('contract', only), productId],
      );
      await db.sql.query(
        `INSERT INTO sva_users (id, contract_id, integration_id, platform, product_id, package_code, document, document_type, username, email, name, mobile_phone, status)
         SELECT u, k, $3, $5, $4, $6, c.document, 'cpf', CASE WHEN $5 = 'exa' THEN c.email ELSE c.document END, c.email, c.name, '+5511912345678', 'active'
         FROM unnest($1::uuid[], $2::uuid[]) AS t(u, k) JOIN contracts ON contracts.id = k JOIN customers c ON c.id = contracts.customer_id`,
        [
          column('target', only),
          column('contract', only),
          kind === 'exa' ? exa.id : saber.id,
          productId,
          platform,
          packageCode,
        ],
      );
    }
    await db.sql.query(
      `INSERT INTO mvno_lines (id, contract_id, msisdn, iccid, plan, status, created_at, updated_at)
       SELECT l, k, '55119' || lpad(n::text, 8, '0'), '8955' || lpad(n::text, 15, '0'), 'TC-10GB', 'active', now(), now()
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(l, k, n)`,
      [lines.map((r) => r.target), lines.map((r) => r.contract), lines.map((r) => r.n)],
    );
    await db.sql.query('ANALYZE');
  } finally {
    await db.close();
  }

  // A thousand (at this scale) released again at once: their targets get a block, then an unblock.
  const released = rows.filter((r) => r.kind !== 'internet' && r.n % 16 === 1).map((r) => r.contract);
  return {
    contracts: rows.map((r) => r.contract),
    released,
    integrations: { exa: exa.id, saber_plus: saber.id, telecall: 'telecall', opa_suite: opa.id },
  };
}

// ---------------------------------------------------------------------------------------------
// One run: N workers drain the billing day.

interface PlatformFigures {
  readonly deliveries: number;
  /** Deliveries a second, from the first to the last one done. */
  readonly perSecond: number;
  /** The partner's calls a second as it received them, from the first to the last. */
  readonly callsPerSecond: number;
  readonly drainSeconds: number;
  readonly refusedShare: number;
}

interface RunFigures {
  readonly platforms: Record<PlatformName, PlatformFigures>;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  readonly drainSeconds: number;
}

const env = (url: string, host: PartnerHost, extra: Record<string, string> = {}) => ({
  DATABASE_URL: url,
  SECRETS_KEY: randomBytes(32).toString('base64'),
  BOOTSTRAP_API_KEY: ADMIN_KEY,
  // The partners speak plain HTTP on loopback, which only sandbox mode lets partner calls reach.
  SANDBOX: 'on',
  LOG_LEVEL: 'warn',
  SABER_PLUS_URL: `${host.base}/saber-plus`,
  TELECALL_URL: `${host.base}/telecall`,
  TELECALL_TOKEN: SANDBOX_TELECALL_TOKEN,
  ...extra,
});

async function run(
  workers: number,
  options: {
    readonly limits: (platform: PlatformName) => { concurrency: number; ratePerSecond: number };
    readonly partnerRate: (platform: PlatformName) => number | null;
    readonly workerEnv?: Record<string, string>;
    readonly contracts: number;
  },
): Promise<RunFigures> {
  const host = await partnerHost();
  const children: Child[] = [];
  try {
    return await withBenchDatabase(async (url) => {
      const shared = { ...env(url, host), SECRETS_KEY: randomBytes(32).toString('base64') };
      const migrating = await openDatabase({ kind: 'postgresql', url, poolSize: 1 });
      await migrate(migrating.sql);
      await migrating.close();
      const port = await freePort();
      // The API process takes the bulk calls; the workers alone dispatch.
      const main = start('main', { ...shared, PORT: String(port), DISPATCH_IN_PROCESS: 'false' });
      children.push(main);
      const call = api(port);
      await until('the API process', main, () =>
        call('GET', '/v1/api-keys?limit=1').then(
          () => true,
          () => false,
        ),
      );
      const base = await seed(url, call, host, options.contracts);
      for (const platform of PLATFORMS)
        await call(
          'PATCH',
          `/v1/integration-limits/${base.integrations[platform.name]}`,
          options.limits(platform.name),
        );
      setLoad(host, (name) => options.partnerRate(name as PlatformName));
      for (let i = 0; i < workers; i++) {
        const worker = start('worker', { ...shared, LOG_LEVEL: 'info', ...options.workerEnv });
        children.push(worker);
        await until('a worker', worker, () => worker.output().includes('dispatcher started'));
      }

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        // The calls of the setup (package and template lists) are not the billing day's.
        host.arrivals.clear();
        const started = Date.now();
        await call('POST', '/v1/contracts/bulk-events', {
          type: 'block',
          mode: 'automatic',
          reason: 'billing day',
          contractIds: base.contracts,
        });
        for (let i = 0; i < base.released.length; i += 5_000)
          await call('POST', '/v1/contracts/bulk-events', {
            type: 'unblock',
            reason: 'paid at the last minute',
            contractIds: base.released.slice(i, i + 5_000),
          });
        const pending = async () =>
          Number(
            (await db.query(`SELECT count(*) AS n FROM integration_deliveries WHERE status = 'pending'`)).rows[0].n,
          );
        const deadline = Date.now() + 30 * 60_000;
        let shown = Date.now();
        while ((await pending()) > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          if (process.env.BENCH_DEBUG && Date.now() - shown > 5_000) {
            shown = Date.now();
            const { rows: state } = await db.query(
              `SELECT platform, status, count(*), max(last_error) AS error, max(attempts) AS attempts, min(next_attempt_at) AS next FROM integration_deliveries GROUP BY 1, 2`,
            );
            console.error(
              JSON.stringify(state),
              JSON.stringify([...host.sandbox.load].map(([name, load]) => [name, load.counted])),
            );
          }
        }
        const drainSeconds = (Date.now() - started) / 1000;
        const { rows } = await db.query<{ platform: PlatformName; n: string; first: Date; last: Date; dead: string }>(
          `SELECT platform, count(*) AS n, min(completed_at) AS first, max(completed_at) AS last,
                  count(*) FILTER (WHERE status <> 'succeeded') AS dead
           FROM integration_deliveries GROUP BY platform`,
        );
        const platforms = {} as Record<PlatformName, PlatformFigures>;
        for (const platform of PLATFORMS) {
          const row = rows.find((r) => r.platform === platform.name);
          const n = Number(row?.n ?? 0);
          const seconds = row ? (row.last.getTime() - row.first.getTime()) / 1000 : 0;
          const counted = host.sandbox.load.get(platform.sandbox)!.counted;
          platforms[platform.name] = {
            deliveries: n,
            perSecond: n > 1 && seconds > 0 ? (n - 1) / seconds : 0,
            callsPerSecond: callRate(host.arrivals.get(platform.sandbox) ?? []),
            drainSeconds: row ? (row.last.getTime() - started) / 1000 : 0,
            refusedShare: counted.calls > 0 ? counted.refused / counted.calls : 0,
          };
        }
        // Every delivery arrived once: as many distinct calls as deliveries, none repeated.
        let lost = rows.reduce((sum, r) => sum + Number(r.dead), 0);
        let duplicated = 0;
        for (const platform of PLATFORMS) {
          const calls = host.accepted.get(platform.sandbox) ?? new Map<string, number>();
          lost += Math.max(0, platforms[platform.name].deliveries - calls.size);
          for (const times of calls.values()) duplicated += times - 1;
        }
        // Released contracts end active on every platform, the others blocked: the unblock came last.
        const released = new Set(
          (
            await db.query<{ id: string }>(
              `SELECT u.id FROM sva_users u WHERE u.contract_id = ANY($1::uuid[])
               UNION ALL SELECT l.id FROM mvno_lines l WHERE l.contract_id = ANY($1::uuid[])`,
              [base.released],
            )
          ).rows.map((r) => r.id),
        );
        let outOfOrder = 0;
        const shouldBe = (reference: string, status: string) =>
          released.has(reference) !== (status === 'active') ? 1 : 0;
        for (const u of [...host.sandbox.exa.users(), ...host.sandbox.saberPlus.users()])
          outOfOrder += shouldBe(u.reference, u.status);
        // A line TeleCall accepted a change for reaches it on its own (the simulator, on the next read).
        for (const l of host.sandbox.telecall.lines.values())
          outOfOrder += shouldBe(l.reference, l.finishing?.to ?? l.status);
        return { platforms, lost, duplicated, outOfOrder, drainSeconds };
      } finally {
        await db.end();
        for (const child of children) child.process.kill('SIGTERM');
        await Promise.all(children.map(stopped));
      }
    });
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
    await host.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The best case: a client that knows each limit and paces exactly to it, on the same partners.

async function bare(): Promise<Record<PlatformName, PlatformFigures>> {
  const host = await partnerHost();
  try {
    setLoad(host, (name) => PLATFORMS.find((p) => p.name === name)!.rate);
    const figures = {} as Record<PlatformName, PlatformFigures>;
    await Promise.all(
      PLATFORMS.map(async (platform) => {
        const n = Math.round(CONTRACTS * platform.share);
        // As many calls as Ponte's deliveries make (TeleCall: the operation and a read of the line),
        // reads of one subscription each: the same latency and limit.
        const calls = n * (platform.name === 'telecall' ? 2 : 1);
        const request = (i: number): [string, RequestInit] =>
          platform.name === 'exa'
            ? [`${host.base}/exa/users/r${i}`, { headers: { 'x-exa-prefix': EXA_PREFIX } }]
            : platform.name === 'saber_plus'
              ? [`${host.base}/saber-plus/users/r${i}`, { headers: { authorization: `Bearer ${SABER_TOKEN}` } }]
              : platform.name === 'telecall'
                ? [
                    `${host.base}/telecall/lines/55119${String(i).padStart(8, '0')}`,
                    { headers: { authorization: `Bearer ${SANDBOX_TELECALL_TOKEN}` } },
                  ]
                : [`${host.base}/opa-suite/template`, { headers: { authorization: `Bearer ${OPA_TOKEN}` } }];
        const t0 = performance.now();
        const ends: number[] = [];
        await Promise.all(
          Array.from({ length: calls }, async (_, i) => {
            const wait = t0 + (i * 1000) / platform.rate - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            const [url, init] = request(i);
            const answer = await fetch(url, init);
            await answer.arrayBuffer();
            ends.push(performance.now());
          }),
        );
        ends.sort((a, b) => a - b);
        const counted = host.sandbox.load.get(platform.sandbox)!.counted;
        const seconds = (ends.at(-1)! - ends[0]!) / 1000;
        figures[platform.name] = {
          deliveries: n,
          perSecond: (n * (calls - 1)) / calls / seconds,
          callsPerSecond: callRate(host.arrivals.get(platform.sandbox) ?? []),
          drainSeconds: (ends.at(-1)! - t0) / 1000,
          refusedShare: counted.calls > 0 ? counted.refused / counted.calls : 0,
        };
      }),
    );
    return figures;
  } finally {
    await host.close();
  }
}

// ---------------------------------------------------------------------------------------------

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;

async function main() {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  say(
    `Billing day: ${CONTRACTS.toLocaleString('en')} contracts blocked in one bulk call; partners (limit, answer p50/p99): ${PLATFORMS.map((p) => `${p.name} ${p.rate}/s ${p.latency.p50Ms}/${p.latency.p99Ms} ms`).join(', ')}`,
  );
  const best = await bare();
  const table = (label: string, figures: Record<PlatformName, PlatformFigures>) => {
    for (const platform of PLATFORMS) {
      const f = figures[platform.name];
      say(
        `  ${label.padEnd(10)} ${platform.name.padEnd(10)} ${String(f.deliveries).padStart(6)} deliveries ${f.perSecond.toFixed(1).padStart(6)}/s, calls ${f.callsPerSecond.toFixed(1).padStart(6)}/s = ${(f.callsPerSecond / platform.rate).toFixed(3)}× limit  429 ${pct(f.refusedShare).padStart(6)}  drained in ${f.drainSeconds.toFixed(1)} s`,
      );
    }
  };
  table('bare', best);

  const partnerLimits = (name: PlatformName) => {
    const rate = PLATFORMS.find((p) => p.name === name)!.rate;
    // What a provider sets from the partner's word: its rate, and room for rate × latency in flight
    // plus what is claimed ahead.
    return { concurrency: Math.ceil(rate * 1.5), ratePerSecond: rate };
  };
  let minRatio = Infinity;
  let max429 = 0;
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const workers of [1, 2, 4]) {
    const figures = await run(workers, {
      contracts: CONTRACTS,
      limits: partnerLimits,
      partnerRate: (name) => PLATFORMS.find((p) => p.name === name)!.rate,
      workerEnv: { DISPATCH_CONCURRENCY: '128' },
    });
    table(`${workers} worker${workers > 1 ? 's' : ''}`, figures.platforms);
    say(
      `  ${''.padEnd(10)} drained in ${figures.drainSeconds.toFixed(1)} s; lost ${figures.lost}, duplicated ${figures.duplicated}, out of order ${figures.outOfOrder}`,
    );
    for (const platform of PLATFORMS) {
      minRatio = Math.min(minRatio, figures.platforms[platform.name].callsPerSecond / platform.rate);
      max429 = Math.max(max429, figures.platforms[platform.name].refusedShare);
    }
    lost += figures.lost;
    duplicated += figures.duplicated;
    outOfOrder += figures.outOfOrder;
  }

  // Latency-bound: the partners allow more than one process reaches with 16 calls in flight.
  const scaleOut: number[] = [];
  for (const workers of [1, 2]) {
    const figures = await run(workers, {
      contracts: Math.round(CONTRACTS / 5),
      limits: () => ({ concurrency: 400, ratePerSecond: 1_000 }),
      partnerRate: () => null,
      workerEnv: { DISPATCH_CONCURRENCY: '16' },
    });
    const deliveries = PLATFORMS.reduce((sum, p) => sum + figures.platforms[p.name].deliveries, 0);
    scaleOut.push(figures.drainSeconds);
    say(
      `  latency-bound, ${workers} worker${workers > 1 ? 's' : ''} (16 calls each): ${deliveries} deliveries drained in ${figures.drainSeconds.toFixed(1)} s (${(deliveries / figures.drainSeconds).toFixed(1)}/s); lost ${figures.lost}, duplicated ${figures.duplicated}, out of order ${figures.outOfOrder}`,
    );
    lost += figures.lost;
    duplicated += figures.duplicated;
    outOfOrder += figures.outOfOrder;
  }
  if (outOfOrder > 0) say(`  ${outOfOrder} targets ended in the wrong state`);
  say(
    `billing-day: min ratio to limit ${minRatio.toFixed(2)}, max 429 share ${(max429 * 100).toFixed(2)}%, scale-out 2/1 ${(scaleOut[0]! / scaleOut[1]!).toFixed(2)}×, lost ${lost}, duplicated ${duplicated}`,
  );
  if (lost > 0 || duplicated > 0 || outOfOrder > 0) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
