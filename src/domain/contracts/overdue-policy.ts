import type { ContractState } from './contract';

export interface OverduePolicy {
  /** Days a contract may stay blocked for non-payment before it is cancelled automatically; null = never. */
  readonly cancelAfterDaysBlocked: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Seed 002, "Cancelamento automático": a contract still blocked for non-payment past the period
 * set in the provider's settings is cancelled by the system (mode automatic).
 */
export function isDueForAutomaticCancellation(
  contract: ContractState & { readonly blockedAt: Date | null },
  now: Date,
  policy: OverduePolicy,
): boolean {
  if (policy.cancelAfterDaysBlocked === null || contract.blockedAt === null) return false;
  if (contract.status !== 'active') return false;
  if (contract.accessStatus !== 'manual_block' && contract.accessStatus !== 'automatic_block') return false;
  return now.getTime() - contract.blockedAt.getTime() >= policy.cancelAfterDaysBlocked * DAY_MS;
}

/** The moment before which a block is old enough to cancel, for a query over many contracts. */
export function blockedBeforeForCancellation(now: Date, policy: OverduePolicy): Date | null {
  return policy.cancelAfterDaysBlocked === null ? null : new Date(now.getTime() - policy.cancelAfterDaysBlocked * DAY_MS);
}
