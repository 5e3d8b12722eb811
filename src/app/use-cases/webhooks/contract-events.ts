import { contractStatusChangedData } from '../../../domain/webhooks/payloads';
import type { ContractEventFollower } from '../deps';
import { recordEvents } from './emit';

/**
 * Every contract event stored (one, or ten thousand in a bulk block) is told as
 * `contract.status_changed`, in the same statement for all of them (docs/webhooks.md).
 */
export const webhooksContractEventFollower: ContractEventFollower = {
  async afterEvents(repos, deps, changed, now) {
    const queued = await recordEvents(
      repos,
      deps,
      changed.map(({ contract, event }) => ({
        type: 'contract.status_changed' as const,
        resourceId: contract.id,
        contractId: contract.id,
        data: contractStatusChangedData(contract, event),
      })),
      now,
    );
    return { queued };
  },
};
