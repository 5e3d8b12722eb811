import { isContractClosed, type ContractEventType, type ContractState } from '../contracts/contract';
import { fail, ok, type Result } from '../shared/result';
import { CONTRACT_EVENT_TYPES } from '../contracts/contract';
import { SVA_PLATFORMS, SVA_USER_STATUSES, type SvaAction, type SvaPlatformName, type SvaUserStatus } from './sva';

type Target = SvaUserStatus | 'unchanged';

/**
 * What each contract event does to the platform's users (docs/business-rules.md, "SVA users"; seeds 002, 003).
 * Seed 002: on Saber+ late payment keeps the user active and a cancelled contract deactivates it.
 * Seed 003: on EXA late payment blocks the user, and a contract that leaves `active` blocks it.
 */
export const SVA_CONTRACT_POLICY: Readonly<Record<SvaPlatformName, Readonly<Record<ContractEventType, Target>>>> = {
  saber_plus: {
    activate: 'active',
    report_late_payment: 'unchanged',
    block: 'blocked',
    unblock: 'active',
    trust_release: 'active',
    cancel: 'deactivated',
    negativate: 'deactivated',
    remove_negativation: 'unchanged',
    withdraw: 'deactivated',
  },
  exa: {
    activate: 'active',
    report_late_payment: 'blocked',
    block: 'blocked',
    unblock: 'active',
    trust_release: 'active',
    cancel: 'blocked',
    negativate: 'blocked',
    remove_negativation: 'unchanged',
    withdraw: 'blocked',
  },
};

/** The platform call that takes a user from one status to another. */
export const ACTION_TO: Readonly<Record<SvaUserStatus, SvaAction>> = {
  active: 'unblock_user',
  blocked: 'block_user',
  deactivated: 'deactivate_user',
};

export interface SvaUserChange {
  readonly to: SvaUserStatus;
  readonly action: SvaAction;
}

/**
 * Where a contract event takes one user, or null when it stays as it is. A user deactivated by
 * hand stays deactivated: seed 002 makes "Desativar" cut only that user, and only "Ativar"
 * brings it back.
 */
export function svaUserChangeFor(
  platform: SvaPlatformName,
  current: SvaUserStatus,
  event: ContractEventType,
): SvaUserChange | null {
  const target = SVA_CONTRACT_POLICY[platform][event];
  if (target === 'unchanged' || target === current || current === 'deactivated') return null;
  return { to: target, action: ACTION_TO[target] };
}

/**
 * Manual "Ativar" on one user. Seed 002: "não é permitido reativar um usuário de SVA que o
 * contrato esteja com status Inativo, Negativado ou Desistiu".
 */
export function activateSvaUser(contract: ContractState, current: SvaUserStatus): Result<SvaUserChange | null> {
  if (isContractClosed(contract)) {
    return fail(
      'SVA_USER_ACTIVATION_NOT_ALLOWED',
      `An SVA user cannot be activated while its contract has status '${contract.status}' and access status '${contract.accessStatus}'.`,
    );
  }
  return ok(current === 'active' ? null : { to: 'active', action: 'unblock_user' });
}

/** Manual "Desativar": cuts this user only, the contract is not touched. */
export const deactivateSvaUser = (current: SvaUserStatus): SvaUserChange | null =>
  current === 'deactivated' ? null : { to: 'deactivated', action: 'deactivate_user' };

/**
 * The status a new user starts in, from the contract's current state: the same answer the policy
 * would have given had the user existed through the contract's events. Refused on a closed contract.
 */
export function initialSvaUserStatus(platform: SvaPlatformName, contract: ContractState): Result<SvaUserStatus> {
  if (isContractClosed(contract)) {
    return fail(
      'SVA_USER_ACTIVATION_NOT_ALLOWED',
      `An SVA user cannot be created while its contract has status '${contract.status}' and access status '${contract.accessStatus}'.`,
    );
  }
  switch (contract.accessStatus) {
    case 'manual_block':
    case 'automatic_block':
      return ok('blocked');
    case 'late_payment':
      return ok(SVA_CONTRACT_POLICY[platform].report_late_payment === 'blocked' ? 'blocked' : 'active');
    default:
      return ok('active');
  }
}

/** One cell of the policy where a user changes: on this platform, with this event, from this status. */
export interface SvaPolicyRow {
  readonly platform: SvaPlatformName;
  readonly event: ContractEventType;
  readonly from: SvaUserStatus;
  readonly to: SvaUserStatus;
  readonly action: SvaAction;
}

/** `svaUserChangeFor` for every platform, event and status, as rows: what a set-based write joins on. */
export const SVA_POLICY_ROWS: readonly SvaPolicyRow[] = SVA_PLATFORMS.flatMap((platform) =>
  CONTRACT_EVENT_TYPES.flatMap((event) =>
    SVA_USER_STATUSES.flatMap((from) => {
      const change = svaUserChangeFor(platform, from, event);
      return change ? [{ platform, event, from, ...change }] : [];
    }),
  ),
);
