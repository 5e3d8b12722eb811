import { PLATFORM_LIMITS } from '../../../domain/deliveries/limits';
import { ids, later, page } from '../example-story';

const delivery = {
  id: ids.delivery,
  targetKind: 'sva_user',
  targetId: ids.svaUser,
  platform: 'exa',
  integrationId: ids.exa,
  contractId: ids.contract,
  svaUserId: ids.svaUser,
  action: 'block_user',
  status: 'dead',
  attempts: 1,
  nextAttemptAt: later,
  lastError: { kind: 'rejected', message: 'The platform refused the call (422): Pacote inexistente.', at: later },
  createdAt: later,
  completedAt: later,
  paused: null,
};

const limits = {
  id: ids.exa,
  platform: 'exa',
  defaults: { ...PLATFORM_LIMITS.exa, callsPerDelivery: 1 },
  overrides: { concurrency: null, ratePerSecond: 100 },
  inForce: { concurrency: PLATFORM_LIMITS.exa!.concurrency, ratePerSecond: 100 },
  effectiveRatePerSecond: 100,
  paused: true,
  pausedUntil: later,
  pauseReason: 'The platform answered 429: Too Many Requests.',
  throttledRatePerSecond: null,
  throttledAt: later,
  inFlight: 12,
  callsPerDelivery: 1,
  version: 1,
  updatedAt: later,
  updatedBy: 'ops-console',
};

const change = {
  id: ids.delivery,
  integrationId: ids.exa,
  at: later,
  actor: 'ops-console',
  before: { concurrency: null, ratePerSecond: null },
  after: { concurrency: null, ratePerSecond: 100 },
};

/** An example per named schema of the deliveries area, from the one story (src/app/http/example-story.ts). */
export const DELIVERIES_EXAMPLES: Readonly<Record<string, unknown>> = {
  IntegrationDelivery: delivery,
  IntegrationDeliveryPage: page(delivery),
  IntegrationLimits: limits,
  IntegrationLimitsPage: page(limits),
  IntegrationLimitOverrides: limits.overrides,
  IntegrationLimitsInForce: limits.inForce,
  UpdateIntegrationLimits: { ratePerSecond: 100 },
  IntegrationLimitChange: change,
  IntegrationLimitChangePage: page(change),
  DeliveryAttempt: {
    attempt: 1,
    at: later,
    outcome: 'rejected',
    message: 'The platform refused the call (422): Pacote inexistente.',
  },
  IntegrationDeliveryDetail: {
    ...delivery,
    attemptHistory: [
      {
        attempt: 1,
        at: later,
        outcome: 'rejected',
        message: 'The platform refused the call (422): Pacote inexistente.',
      },
    ],
  },
};
