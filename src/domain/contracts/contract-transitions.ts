import { fail, ok, type Result } from '../shared/result';
import {
  CONSEQUENT_EVENT_TYPES,
  type AccessStatus,
  type ContractEvent,
  type ContractEventType,
  type ContractState,
  type ContractStatus,
} from './contract';

interface Rule {
  readonly event: ContractEventType;
  readonly from: ContractState;
  readonly to: ContractState | ((event: ContractEvent) => ContractState);
}

const state = (status: ContractStatus, accessStatus: AccessStatus): ContractState => ({ status, accessStatus });

const ACTIVE_ACCESS: readonly AccessStatus[] = ['active', 'late_payment', 'manual_block', 'automatic_block'];

// The block mode decides which block the access shows: CM (manual) or CA (automatic).
const blocked = (event: ContractEvent) =>
  state('active', event.mode === 'automatic' ? 'automatic_block' : 'manual_block');

/**
 * The contract lifecycle: every allowed (state, event) pair and where it leads. A pair that is
 * not listed is not allowed. `inactive` (cancelled) moves only to `negativated`, and back when the
 * negativation is removed; `withdrawn` is terminal.
 */
export const CONTRACT_TRANSITIONS: readonly Rule[] = [
  // A signed pre-contract is activated: the customer gets access.
  { event: 'activate', from: state('pre_contract', 'awaiting_signature'), to: state('active', 'active') },
  { event: 'activate', from: state('pre_contract', 'disabled'), to: state('active', 'active') },
  // Financeiro em atraso: the bill is overdue but access is not cut yet.
  { event: 'report_late_payment', from: state('active', 'active'), to: state('active', 'late_payment') },
  // Manual or automatic block, from a running or an overdue contract.
  { event: 'block', from: state('active', 'active'), to: blocked },
  { event: 'block', from: state('active', 'late_payment'), to: blocked },
  // Release after a block for non-payment; also settles an overdue contract not yet blocked.
  { event: 'unblock', from: state('active', 'manual_block'), to: state('active', 'active') },
  { event: 'unblock', from: state('active', 'automatic_block'), to: state('active', 'active') },
  { event: 'unblock', from: state('active', 'late_payment'), to: state('active', 'active') },
  // Desbloqueio de confiança: a blocked contract released for some days while its debt stays open.
  { event: 'trust_release', from: state('active', 'manual_block'), to: state('active', 'active') },
  { event: 'trust_release', from: state('active', 'automatic_block'), to: state('active', 'active') },
  // Cancellation (manual or automatic): inactive with access disabled.
  ...ACTIVE_ACCESS.map((access): Rule => ({
    event: 'cancel',
    from: state('active', access),
    to: state('inactive', 'disabled'),
  })),
  { event: 'cancel', from: state('pre_contract', 'awaiting_signature'), to: state('inactive', 'disabled') },
  { event: 'cancel', from: state('pre_contract', 'disabled'), to: state('inactive', 'disabled') },
  // Negativation: the debt goes to a credit bureau and the contract is closed for it; also from a
  // cancelled contract (block → cancel → negativate is the usual path).
  ...ACTIVE_ACCESS.map((access): Rule => ({
    event: 'negativate',
    from: state('active', access),
    to: state('negativated', 'disabled'),
  })),
  { event: 'negativate', from: state('inactive', 'disabled'), to: state('negativated', 'disabled') },
  // Its last negativation removed (after payment) or refused by the bureau: the contract is back to cancelled.
  { event: 'remove_negativation', from: state('negativated', 'disabled'), to: state('inactive', 'disabled') },
  // Desistiu: the customer gives up, before or after activation.
  { event: 'withdraw', from: state('pre_contract', 'awaiting_signature'), to: state('withdrawn', 'disabled') },
  { event: 'withdraw', from: state('pre_contract', 'disabled'), to: state('withdrawn', 'disabled') },
  ...ACTIVE_ACCESS.map((access): Rule => ({
    event: 'withdraw',
    from: state('active', access),
    to: state('withdrawn', 'disabled'),
  })),
];

const key = (from: ContractState, event: ContractEventType) => `${from.status}/${from.accessStatus}/${event}`;
const RULES = new Map(CONTRACT_TRANSITIONS.map((rule) => [key(rule.from, rule.event), rule]));

/** Every state the table can produce or start from. */
export const REACHABLE_STATES: readonly ContractState[] = [
  ...new Map(
    CONTRACT_TRANSITIONS.flatMap((rule) => [
      rule.from,
      ...(typeof rule.to === 'function'
        ? [rule.to({ type: rule.event, mode: 'manual' }), rule.to({ type: rule.event, mode: 'automatic' })]
        : [rule.to]),
    ]).map((s) => [`${s.status}/${s.accessStatus}`, s]),
  ).values(),
];

/** Decides where `event` takes a contract in `from`, or why it cannot. */
export function transition(from: ContractState, event: ContractEvent): Result<ContractState> {
  const rule = RULES.get(key(from, event.type));
  if (!rule) {
    return fail(
      'CONTRACT_TRANSITION_NOT_ALLOWED',
      `Event '${event.type}' is not allowed for a contract with status '${from.status}' and access status '${from.accessStatus}'.`,
    );
  }
  return ok(typeof rule.to === 'function' ? rule.to(event) : rule.to);
}

/** Events the state allows, including those that only follow from something else. */
const eventsFrom = (from: ContractState): ContractEventType[] => [
  ...new Set(
    CONTRACT_TRANSITIONS.filter((r) => r.from.status === from.status && r.from.accessStatus === from.accessStatus).map(
      (r) => r.event,
    ),
  ),
];

/** Events a client can ask for now on the events route, for clients that show only valid actions. */
export function allowedEvents(from: ContractState): ContractEventType[] {
  return eventsFrom(from).filter((event) => !CONSEQUENT_EVENT_TYPES.includes(event));
}

/**
 * Whether a debt of the contract may be negativated at a bureau now: its state allows it and credit
 * analysis is on (seed 000: "esconde os campos de consulta e negativação" when it is off).
 */
export const negativable = (from: ContractState, offers: { readonly negativation: boolean }) =>
  offers.negativation && RULES.has(key(from, 'negativate'));

/**
 * An event asked for on the events route. Negativation and its removal are a bureau's: they are
 * refused there, naming the route that does them.
 */
export function checkRequestable(type: ContractEventType): Result<void> {
  if (type === 'negativate') {
    return fail(
      'NEGATIVATION_ONLY_THROUGH_BUREAU',
      'A contract is negativated only through a credit bureau: negativate its overdue charge with POST /v1/negativations (credit analysis must be on).',
    );
  }
  if (type === 'remove_negativation') {
    return fail(
      'NEGATIVATION_ONLY_THROUGH_BUREAU',
      "A contract's negativation is removed at its bureau: DELETE /v1/negativations/{id} (its last one brings the contract back to inactive).",
    );
  }
  return ok(undefined);
}

export const isTerminal = (s: ContractState) => eventsFrom(s).length === 0;
