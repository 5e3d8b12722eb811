import type { OutboxEffect, TargetKind } from './delivery';

/**
 * How a target's partner call is made from the target's record, said once as data: the domain
 * builds each effect from it (`effectOf`), and the database writes the calls of a whole bulk
 * event from the same definition (docs/architecture.md, "What follows a contract event").
 */

/** A piece of text read from the record: one of its fields (named by F), or fixed text. */
export type Part<F extends string> = { readonly field: F } | { readonly text: string };

/** Text made of parts, or one of two such texts depending on a field's value. */
export type Text<F extends string> =
  | readonly Part<F>[]
  | {
      readonly when: { readonly field: F; readonly is: string };
      readonly then: readonly Part<F>[];
      readonly otherwise: readonly Part<F>[];
    };

/**
 * A state kept as the record's status plus a flag: the state `flagged` is stored as the status
 * `status` with `flag` set (a line blocked by its contract's block is blocked, and says so).
 */
export interface FlaggedState<F extends string> {
  readonly flagged: string;
  readonly status: string;
  readonly flag: F;
}

/** The call on the targets whose records have the fields F. */
export interface TargetCall<F extends string> {
  readonly kind: TargetKind;
  readonly platform: Part<F>;
  /** The integration the call goes through; null for a platform Ponte has only one of. */
  readonly integrationId: { readonly field: F } | null;
  /** Calls on targets that must not overtake each other share this key. */
  readonly orderingKey: Text<F>;
  /** The payload besides its action: `{ [name]: { field of the payload: field of the record } }`. */
  readonly payload: { readonly name: string; readonly fields: Readonly<Record<string, F>> };
  readonly state?: FlaggedState<F>;
  /** What frontends are told when the target's state moves (docs/webhooks.md). */
  readonly told: Told<F>;
}

/**
 * The event of a target's move: its type and resource kind, and its data `{ [name]: { fields…,
 * status, previousStatus }, cause }`, the fields read from the record (toldOf; the bulk statement
 * builds the same from the same definition).
 */
export interface Told<F extends string> {
  readonly type: string;
  readonly resourceKind: string;
  readonly name: string;
  readonly fields: Readonly<Record<string, Part<F>>>;
}

/** Why a target moved: the contract event (its history line), or an operator's call on the target itself. */
export interface MoveCause {
  readonly historyId: string | null;
  readonly action: string;
}

/** The data of a target's move, as the event tells it. */
export function toldOf<F extends string>(
  call: TargetCall<F>,
  record: Readonly<Partial<Record<F, unknown>>>,
  move: { readonly status: string; readonly previousStatus: string | null; readonly cause: MoveCause },
): Record<string, unknown> {
  const fields = Object.fromEntries(
    Object.entries(call.told.fields).map(([name, part]) => [name, 'text' in part ? part.text : record[part.field]]),
  );
  return {
    [call.told.name]: { ...fields, status: move.status, previousStatus: move.previousStatus },
    cause: move.cause,
  };
}

/** A call of any target kind, as a policy table carries it. */
export type AnyTargetCall = TargetCall<string>;

const partOf = <R>(part: Part<keyof R & string>, record: R): string =>
  'text' in part ? part.text : String(record[part.field]);

const textOf = <R>(text: Text<keyof R & string>, record: R): string => {
  const parts = 'when' in text ? (String(record[text.when.field]) === text.when.is ? text.then : text.otherwise) : text;
  return parts.map((part) => partOf(part, record)).join('');
};

/** The payload's named part, the record's fields under the payload's names. */
export const payloadFieldsOf = <R>(call: TargetCall<keyof R & string>, record: R): Record<string, unknown> =>
  Object.fromEntries(Object.entries(call.payload.fields).map(([name, field]) => [name, record[field]]));

/** The call on a target its record describes; `extra` joins the payload (a sealed password…). */
export function effectOf<R extends { readonly id: string; readonly contractId: string | null }>(
  call: TargetCall<keyof R & string>,
  action: string,
  record: R,
  extra: Readonly<Record<string, unknown>> = {},
): OutboxEffect<Record<string, unknown>> {
  return {
    target: { kind: call.kind, id: record.id },
    platform: partOf(call.platform, record),
    integrationId: call.integrationId ? partOf(call.integrationId, record) : null,
    contractId: record.contractId,
    action,
    orderingKey: textOf(call.orderingKey, record),
    payload: { action, [call.payload.name]: payloadFieldsOf(call, record), ...extra },
  };
}
