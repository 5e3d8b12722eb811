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
};

/** An example per named schema of the deliveries area, from the one story (src/app/http/example-story.ts). */
export const DELIVERIES_EXAMPLES: Readonly<Record<string, unknown>> = {
  IntegrationDelivery: delivery,
  IntegrationDeliveryPage: page(delivery),
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
