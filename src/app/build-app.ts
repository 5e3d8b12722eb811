import { wireSandbox } from './sandbox-wiring';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createPrismaStore } from '../adapters/db/prisma-store';
import type { Database } from '../adapters/db/database';
import { createUuidV7Generator } from '../adapters/ids/uuid-v7';
import { createAesGcmSecretBox } from '../adapters/crypto/aes-gcm-secret-box';
import { createSqlDeliveryQueue } from '../adapters/db/deliveries/queue';
import { createDeliveryWakeups } from '../adapters/db/deliveries/wakeups';
import { resolvedUrlProblem } from '../adapters/partners/partner-addresses';
import { createPartnerAgent } from '../adapters/partners/partner-http';
import { stfcArea } from './areas/stfc';
import { creditArea } from './areas/credit';
import { notificationsArea } from './areas/notifications';
import { pbxArea } from './areas/pbx';
import { webhooksArea } from './areas/webhooks';
import { reconciliationArea } from './areas/reconciliation';
import { type Sandbox } from '../adapters/sandbox/sandbox';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { resolveSecretsKey } from './secrets-key';
import type { Area, BackgroundService, PartnerContext } from './areas/area';
import { receivablesArea } from './areas/receivables';
import { overdueArea } from './areas/overdue';
import { calendarDate } from '../domain/shared/calendar';
import { apiKeysArea } from './areas/api-keys';
import { contractsArea } from './areas/contracts';
import { customersArea } from './areas/customers';
import { deliveriesArea } from './areas/deliveries';
import { operationsArea } from './areas/operations';
import { productsArea } from './areas/products';
import { settingsArea } from './areas/settings';
import { mvnoArea } from './areas/mvno';
import { voipArea } from './areas/voip';
import { svaArea } from './areas/sva';
import { systemClock, type Clock } from '../domain/ports/clock';
import type { IdGenerator } from '../domain/ports/ids';
import type { Store } from '../domain/ports/store';
import type { Config } from './config';
import { createApiKeyVerifier, registerAuth } from './http/auth';
import { registerGuard } from './http/guard';
import { registerTracing, tracedChildLogger } from './http/tracing';
import { installTraceContext } from '../adapters/telemetry/trace-context';
import { createMetrics, type Metrics } from './metrics';
import { registerConditionalRequests } from './http/conditional';
import { frameworkError, registerErrorHandling } from './http/error-handling';
import { registerJsonBodies } from './http/json-body';
import { closeUnfinishedRequestsOnClose } from './http/unfinished-requests';
import { registerIdempotency } from './http/idempotency';
import { NoticeView, ProblemSchema } from './http/common';
import { validatorCompiler } from './http/validation';
import { cachedSerializerFactory } from './http/serialization';
import { loggerOptions, prettyStream, stdoutLogStream } from './logger';
import { finishDocument } from './openapi-document';
import {
  agentStreamPurge,
  awaitingSummitRetry,
  pbxSubscriptionsRenewal,
  idempotencyPurge,
  overdueRunTask,
  rawCreditAnswersPurge,
  type MaintenanceTask,
} from './maintenance';
import type { PartnerClients, UseCaseDeps } from './use-cases/deps';

export interface AppOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Replaces the logger settings (tests pass false). */
  readonly logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  readonly logStream?: { write(line: string): void };
}

export interface App {
  readonly http: FastifyInstance;
  readonly useCases: AppUseCases;
  /** What the use cases were built with, for jobs built outside the areas' use cases. */
  readonly deps: UseCaseDeps;
  readonly store: Store;
  /** Periodic tasks the process should run (see startMaintenance). */
  readonly maintenance: readonly MaintenanceTask[];
  /** Delivers queued partner effects; started by the process when it should (main.ts, worker.ts). */
  readonly dispatcher: Dispatcher;
  /** What the areas keep running (partner connections): started by the process (main.ts, worker.ts). */
  readonly background: readonly BackgroundService[];
  /** The partner simulators, when SANDBOX is on. */
  readonly sandbox: Sandbox | null;
  /** What the process shows of itself in Prometheus' format (GET /metrics, METRICS_PORT). */
  readonly metrics: Metrics;
  /** Opens /ready (built with `startsReady: false`): the process has finished starting. */
  readonly ready: () => void;
}

/** The API's version is the package's: one number to bump. */
export const API_VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** Every area of Ponte, in the order their routes are registered. */
const AREAS = [
  operationsArea,
  apiKeysArea,
  customersArea,
  productsArea,
  contractsArea,
  svaArea,
  voipArea,
  mvnoArea,
  deliveriesArea,
  settingsArea,
  receivablesArea,
  overdueArea,
  stfcArea,
  creditArea,
  notificationsArea,
  pbxArea,
  webhooksArea,
  reconciliationArea,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The partner clients the areas build, together. */
type AreaPartners = UnionToIntersection<ReturnType<NonNullable<(typeof AREAS)[number]['partners']>>>;

/** Every area's use cases, by the area's name: `app.useCases.contracts.applyContractEvent`. */
export type AppUseCases = { readonly [A in (typeof AREAS)[number] as A['name']]: ReturnType<A['useCases']> };

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** TRUST_PROXY as fastify takes it: a number of hops is the hops nearest to Ponte. */
const trustedProxies = (trust: Config['guard']['trustProxy']) =>
  typeof trust === 'number'
    ? (_address: string, hop: number) => hop < trust
    : typeof trust === 'boolean'
      ? trust
      : [...trust];

/** The composition root: wires the database, use cases and HTTP routes into one fastify app. */
export async function buildApp({
  config,
  db,
  overrides = {},
  sandboxStateFile,
  startsReady = true,
}: {
  config: Config;
  db: Database;
  /** False for a process that still has work to do after building (npm start): /ready answers 503 until `app.ready()`. */
  startsReady?: boolean;
  overrides?: AppOverrides;
  /** Where the sandbox keeps what its platforms hold across restarts (npm start, embedded mode). */
  sandboxStateFile?: string;
}): Promise<App> {
  installTraceContext();
  const clock = overrides.clock ?? systemClock;
  // Whether the process has finished starting (see `ready`), and since when.
  let started = startsReady;
  let startedAt = startsReady ? performance.now() : null;
  const http = Fastify({
    logger:
      overrides.logger === false
        ? false
        : {
            ...loggerOptions(config.logLevel),
            ...(overrides.logStream
              ? { stream: overrides.logStream }
              : config.logFormat === 'pretty'
                ? { stream: prettyStream() }
                : { stream: stdoutLogStream() }),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustedProxies(config.guard.trustProxy),
    // Clients that never finish a request are cut off (docs/security.md); Node checks every second.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: 1_000 },
    // A client's X-Request-Id is kept only when it is a plain token; anything else gets a new id.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    return503OnClosing: true,
    childLoggerFactory: tracedChildLogger,
    frameworkErrors: (error, request, reply) => void frameworkError(error, request, reply),
    schemaController: { compilersFactory: { buildSerializer: cachedSerializerFactory } },
  });
  http.server.maxConnections = config.http.maxConnections;
  closeUnfinishedRequestsOnClose(http);
  const store = createPrismaStore(db.prisma, db.sql);
  const secrets = createAesGcmSecretBox(resolveSecretsKey(config), config.previousSecretsKeys);
  const ids = overrides.ids ?? createUuidV7Generator();
  const selfUrl = () => {
    const address = http.server.address();
    const port = address && typeof address === 'object' ? address.port : config.port;
    return `http://127.0.0.1:${port}`;
  };
  const sandbox = config.sandbox
    ? wireSandbox({ store, secrets, log: http.log, selfUrl, stateFile: sandboxStateFile })
    : null;
  const timeouts = { connectMs: config.partnerConnectTimeoutMs, responseMs: config.partnerTimeoutMs };
  const partnerHttp = {
    agent: createPartnerAgent(timeouts, config.partnerAddresses),
    timeouts,
    addresses: config.partnerAddresses,
  };
  const wakeups = createDeliveryWakeups(db, (error) =>
    http.log.warn({ err: error }, 'could not announce new deliveries to other processes'),
  );
  const partnerContext: PartnerContext = {
    config,
    secrets,
    http: partnerHttp,
    sandboxUrl: (platform) => (sandbox ? `${selfUrl()}/sandbox/${platform}` : null),
  };
  // Every client is some area's: the intersection of what the areas build must be all of them.
  const partners: PartnerClients = Object.assign(
    {},
    ...AREAS.map((area: Area) => area.partners?.(partnerContext) ?? {}),
  ) as AreaPartners;
  const deps: UseCaseDeps = {
    store,
    clock,
    ids,
    secrets,
    ...partners,
    effectsQueued: () =>
      store.afterCommit(() => {
        dispatcher.wake();
        wakeups.announce();
      }),
    partnerUrlProblem: (url) => resolvedUrlProblem(config.partnerAddresses, url),
    partnerCallMs: config.partnerCallMs,
    creditRawRetentionDays: config.creditRawRetentionDays,
    webhookRetryScheduleMs: config.webhookRetryScheduleMs,
    reconciliationPlanAt: config.reconciliationPlanAt,
    timeZone: config.timeZone,
    contractEventFollowers: AREAS.flatMap((area: Area) =>
      area.contractEventFollower ? [area.contractEventFollower] : [],
    ),
  };
  const handlers = AREAS.flatMap((area) => area.effectHandlers?.({ ...deps, now: () => clock.now(), deps }) ?? []);
  const metrics = createMetrics(
    AREAS.flatMap(
      (area: Area) =>
        area.gauges?.({ store, now: () => clock.now(), targetKinds: handlers.map((handler) => handler.kind) }) ?? [],
    ),
  );
  const feeds = AREAS.flatMap((area: Area) => (area.deliveryFeed ? [area.deliveryFeed(deps)] : []));
  const dispatcher: Dispatcher = createDispatcher({
    feed: async () => (await Promise.all(feeds.map((feed) => feed()))).reduce((sum, n) => sum + n, 0),
    queue: createSqlDeliveryQueue(db.sql),
    wakeups,
    handlers,
    observer: metrics.dispatcher,
    clock,
    log: http.log,
    settings: {
      concurrency: config.dispatch.concurrency,
      pollMs: config.dispatch.pollMs,
      leaseMs: config.dispatch.leaseMs,
      callMs: config.partnerCallMs,
      retry: {
        maxAttempts: config.dispatch.maxAttempts,
        baseDelayMs: config.dispatch.retryBaseMs,
        maxDelayMs: config.dispatch.retryMaxMs,
      },
    },
  });
  metrics.dispatcherInFlight(() => dispatcher.inFlight());
  const useCases = Object.fromEntries(AREAS.map((area) => [area.name, area.useCases(deps)])) as unknown as AppUseCases;
  const verifier = createApiKeyVerifier(store.apiKeys, config.apiKeyCacheSeconds * 1000);

  registerTracing(http, (request, reply) =>
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? null,
      reply.statusCode,
      reply.elapsedTime / 1000,
    ),
  );
  http.setValidatorCompiler(validatorCompiler());
  http.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  http.addSchema(ProblemSchema);
  http.addSchema(NoticeView);
  registerErrorHandling(http);
  registerConditionalRequests(http);
  registerJsonBodies(http);
  await registerGuard(http, config.guard, verifier, () => startedAt);

  await http.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ponte API',
        version: API_VERSION,
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
        description:
          "Ponte keeps an internet provider's customers, contracts and contract products, and mirrors each contract change onto the partner platforms. Authenticate with `Authorization: Bearer <api key>`. Errors are `application/problem+json` with a stable `code`.",
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key created with POST /v1/api-keys.' },
        },
      },
      tags: AREAS.flatMap((area) => area.tags),
    },
    transformObject: (documents) =>
      'openapiObject' in documents
        ? (finishDocument(
            documents.openapiObject as Record<string, unknown>,
            API_VERSION,
            Object.fromEntries(AREAS.flatMap((area) => Object.entries(area.examples))),
          ) as typeof documents.openapiObject)
        : documents.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transform: ({ schema, url, route }) => ({
      // Operations without a scope need no key: `security: []` says so instead of leaving it unsaid.
      schema: { ...schema, security: route.config?.scope ? [{ bearerAuth: [] }] : [] },
      url,
    }),
  });
  await http.register(swaggerUi, {
    routePrefix: '/docs',
    // Try-it-out calls the Ponte that serves the page, whatever its host and port.
    transformSpecification: (document, request) => ({
      ...(document as Record<string, unknown>),
      servers: [{ url: `${request.protocol}://${request.host}`, description: 'This Ponte.' }],
    }),
  });

  registerAuth(http, verifier);
  registerIdempotency(http, store, () => clock.now());
  const maintenance: MaintenanceTask[] = [idempotencyPurge(store.idempotency, () => clock.now())];
  if (config.overdueRunEveryMinutes !== null) maintenance.push(overdueRunTask(deps, config.overdueRunEveryMinutes));
  maintenance.push(
    rawCreditAnswersPurge(deps),
    agentStreamPurge(deps),
    pbxSubscriptionsRenewal(deps, () => config.publicUrl ?? selfUrl()),
    awaitingSummitRetry(deps),
  );

  const routeWiring = {
    verifier,
    sandbox,
    notReady: async () => {
      if (!started) return 'Ponte is still starting.';
      try {
        await db.sql.query('SELECT 1');
        return null;
      } catch (error) {
        http.log.warn({ err: error }, 'the database does not answer');
        return 'The database does not answer.';
      }
    },
    today: () => calendarDate(clock.now(), config.timeZone),
    streamsPerKey: config.http.streamsPerKey,
    metrics,
  };
  for (const area of AREAS as readonly Area[])
    area.routes(http, { ...routeWiring, useCases: useCases[area.name as keyof AppUseCases] });

  const background = AREAS.flatMap((area: Area) => (area.background ? [area.background(deps, http.log)] : []));
  http.addHook('onClose', async () => {
    await Promise.all(background.map((service) => service.stop()));
    await dispatcher.stop();
    await partnerHttp.agent.close();
    sandbox?.flush();
  });

  const ready = () => {
    started = true;
    startedAt = performance.now();
  };
  return { http, useCases, deps, store, maintenance, dispatcher, background, sandbox, ready, metrics };
}
