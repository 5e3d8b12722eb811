import { Type } from 'typebox';
import {
  CONCURRENCY_RANGE,
  RATE_RANGE,
  type IntegrationLimits,
  type LimitChange,
} from '../../../domain/deliveries/limits';
import { Nullable, PageQuery, Timestamp } from '../common';

/** An integration's id, or the platform of one Ponte has only one of. */
export const INTEGRATION_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z][a-z_]{1,39})$/;

export const IntegrationKeyParams = Type.Object(
  {
    id: Type.String({
      pattern: INTEGRATION_KEY.source,
      description:
        'The integration: its id (an SVA, Summit, credit bureau or Opa! Suite integration), or `telecall` or `voip`, which Ponte has only one of.',
    }),
  },
  { additionalProperties: false },
);

const Concurrency = Type.Integer({
  minimum: CONCURRENCY_RANGE.min,
  maximum: CONCURRENCY_RANGE.max,
  description: 'Calls in flight at once on the integration, counting every Ponte process.',
});
const Rate = Type.Number({
  minimum: RATE_RANGE.min,
  maximum: RATE_RANGE.max,
  description: 'Calls started per second on the integration, counting every Ponte process.',
});

const LimitsObject = (title: string, description: string) =>
  Type.Object({ concurrency: Concurrency, ratePerSecond: Rate }, { title, description });

export const LimitOverridesView = Type.Object(
  {
    concurrency: Nullable(Concurrency),
    ratePerSecond: Nullable(Rate),
  },
  {
    title: 'IntegrationLimitOverrides',
    description: "What an operator set for the integration; null: the platform's default.",
  },
);

export const IntegrationLimitsView = Type.Object(
  {
    id: Type.String({ description: 'The integration id, or `telecall` / `voip`.' }),
    platform: Type.String({ description: 'saber_plus, exa, telecall, voip, summit, serasa, spc or opa_suite.' }),
    defaults: Type.Object(
      {
        concurrency: Concurrency,
        ratePerSecond: Rate,
        callsPerDelivery: Type.Number({
          minimum: 1,
          description: 'The partner calls one delivery makes, to start from (TeleCall: the operation and a read).',
        }),
        source: Type.String({ description: 'Where the default comes from.' }),
      },
      { description: "The platform's defaults." },
    ),
    overrides: LimitOverridesView,
    inForce: LimitsObject(
      'IntegrationLimitsInForce',
      'The limits in force: the overrides where set, the defaults otherwise.',
    ),
    effectiveRatePerSecond: Type.Number({
      description:
        'The rate calls start at now: lower than the one in force while a 429 without Retry-After holds it down.',
    }),
    paused: Type.Boolean({
      description: 'The partner paused the integration: nothing is sent to it until `pausedUntil`.',
    }),
    pausedUntil: Nullable(Timestamp),
    pauseReason: Nullable(
      Type.String({ description: "The partner's answer that paused it last (429, or 503 with Retry-After)." }),
    ),
    throttledRatePerSecond: Nullable(
      Type.Number({
        description: 'The rate lowered after a 429 without Retry-After; null once back to the one in force.',
      }),
    ),
    throttledAt: Nullable(Timestamp),
    inFlight: Type.Integer({ minimum: 0, description: 'Deliveries leased on it now by every process.' }),
    callsPerDelivery: Type.Number({
      description:
        "The partner calls its deliveries make on average, learnt from them: the rate counts the partner's calls, so deliveries start `effectiveRatePerSecond / callsPerDelivery` a second.",
    }),
    version: Type.Integer({ minimum: 0, description: 'Grows with every change of the overrides.' }),
    updatedAt: Nullable(Timestamp),
    updatedBy: Nullable(Type.String()),
  },
  {
    title: 'IntegrationLimits',
    description:
      'How hard Ponte calls one integration: its limits, what is in force, and what its partner said last. Every Ponte process shares them through the database.',
  },
);

export const UpdateIntegrationLimitsBody = Type.Object(
  { concurrency: Type.Optional(Nullable(Concurrency)), ratePerSecond: Type.Optional(Nullable(Rate)) },
  {
    additionalProperties: false,
    minProperties: 1,
    title: 'UpdateIntegrationLimits',
    description: "The fields sent change; null goes back to the platform's default.",
  },
);

export const IntegrationLimitChangeView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    integrationId: Type.String(),
    at: Timestamp,
    actor: Type.String({ description: 'The API key that made the change.' }),
    before: LimitOverridesView,
    after: LimitOverridesView,
  },
  { title: 'IntegrationLimitChange', description: "One change of an integration's overrides." },
);

export const LimitsPageQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const integrationLimitsView = ({ throttledRate, ...limits }: IntegrationLimits) => ({
  id: limits.id,
  platform: limits.platform,
  defaults: { ...limits.defaults, callsPerDelivery: limits.defaults.callsPerDelivery ?? 1 },
  overrides: limits.overrides,
  inForce: limits.inForce,
  effectiveRatePerSecond: limits.effectiveRatePerSecond,
  paused: limits.pausedUntil !== null,
  pausedUntil: limits.pausedUntil?.toISOString() ?? null,
  pauseReason: limits.pauseReason,
  throttledRatePerSecond: throttledRate,
  throttledAt: limits.throttledAt?.toISOString() ?? null,
  inFlight: limits.inFlight,
  callsPerDelivery: limits.callsPerDelivery,
  version: limits.version,
  updatedAt: limits.updatedAt?.toISOString() ?? null,
  updatedBy: limits.updatedBy,
});

export const integrationLimitChangeView = (change: LimitChange) => ({
  id: change.id,
  integrationId: change.integration,
  at: change.at.toISOString(),
  actor: change.actor,
  before: change.before,
  after: change.after,
});
