import { isContractClosed, standingEvent, type AccessStatus } from '../../../domain/contracts/contract';
import { parsePhone } from '../../../domain/customers/phone';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { SipLineRecord } from '../../../domain/voip/ports';
import type { SyncStatus } from '../../../domain/deliveries/delivery';
import type { TargetPolicy } from '../../../domain/contracts/ports';
import type { VoipSettings } from '../../../domain/settings/integration-settings';
import { fail, ok, type Result } from '../../../domain/shared/result';
import {
  actionFor,
  lineStateAfter,
  sipLineEffect,
  SIP_LINE_CALL,
  sipLineFieldsOf,
  sipLinePolicyRows,
  sipLineStateOf,
  type SipLineAction,
  type SipLineState,
  type SipLineStatus,
} from '../../../domain/voip/sip-line';
import { withSyncStatus } from '../deliveries/sync-status';
import type { ContractEventFollower, UseCaseDeps } from '../deps';
import type { EffectTools } from '../deliveries/effect-tools';

/** A line as the API shows it: where its effects stand on the softswitch. */
export type SipLineView = SipLineRecord & { readonly syncStatus: SyncStatus };

type Tools = EffectTools;

const enqueue = (
  repos: Repositories,
  { ids, now, cause }: Tools,
  effects: readonly { action: SipLineAction; line: SipLineRecord; password?: boolean }[],
) =>
  repos.outbox.enqueue(
    effects.map(({ action, line, password }) => ({
      id: ids.next(),
      cause: typeof cause === 'string' ? cause : cause.get(line.contractId)!,
      effect: sipLineEffect(action, line, password ? line.sealedPassword : undefined),
    })),
    now,
  );

/** Seed 000 under the VoIP settings as they stand: how the live lines of a contract follow its events. */
export const voipTargetPolicy = (settings: VoipSettings): TargetPolicy => ({
  call: SIP_LINE_CALL,
  rows: sipLinePolicyRows(settings),
});

const withSync = async (
  repos: Pick<Repositories, 'sipLines'>,
  lines: readonly SipLineRecord[],
): Promise<SipLineView[]> => withSyncStatus(lines, await repos.sipLines.syncStatuses(lines.map((l) => l.id)));

/** A new line takes what the contract's standing block would have done to an active one. */
function lineStateOnArrival(accessStatus: AccessStatus, settings: VoipSettings): SipLineState {
  const event = standingEvent(accessStatus);
  return (event && lineStateAfter(event, settings, 'active')) || 'active';
}

/**
 * A SIP line on a contract. Seed 000: the password is required when the settings say so, and the
 * first line of a contract brings the default telephony product ("Adicional de Telefonia") when
 * one is configured and the contract does not have it yet. A line added to a contract blocked with
 * `blockLinesWithContract` on starts blocked.
 */
export function makeCreateSipLine({ store, clock, ids, secrets, effectsQueued }: UseCaseDeps) {
  return async (
    contractId: string,
    input: { extension: string; number: string; password?: string },
  ): Promise<Result<SipLineView>> => {
    const number = parsePhone(input.number);
    if (!number.ok)
      return fail('INVALID_PHONE', number.error.message, [{ field: 'number', message: number.error.message }]);
    const result = await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (isContractClosed(contract))
        return fail('CONTRACT_CLOSED', `Lines cannot be added to a contract with status '${contract.status}'.`);
      const { voip } = (await repos.settings.get()).settings;
      if (voip.sipPasswordRequired && !input.password) {
        return fail('SIP_PASSWORD_REQUIRED', 'The settings require a password for every SIP line.', [
          { field: 'password', message: 'Required (voip.sipPasswordRequired).' },
        ]);
      }
      const now = clock.now();
      const first = (await repos.sipLines.countByContract(contractId)) === 0;
      const created = await repos.sipLines.create({
        id: ids.next(),
        contractId,
        extension: input.extension,
        number: number.value,
        ...sipLineFieldsOf(lineStateOnArrival(contract.accessStatus, voip)),
        sealedPassword: input.password ? secrets.seal(input.password) : null,
        passwordSet: Boolean(input.password),
        createdAt: now,
        updatedAt: now,
      });
      if (!created.ok) return created;
      const line = created.value;
      if (first && voip.defaultProductId) {
        const items = await repos.contracts.listItems(contractId);
        const product = items.some((item) => item.product.id === voip.defaultProductId)
          ? null
          : await repos.products.findById(voip.defaultProductId);
        if (product)
          await repos.contracts.addItem({
            id: ids.next(),
            contractId,
            product,
            priceCents: product.priceCents,
            createdAt: now,
          });
      }
      const tools = { ids, now, cause: `sip-line:${line.id}` };
      await enqueue(repos, tools, [
        { action: 'create_line', line, password: true },
        ...(line.status === 'blocked' ? [{ action: 'block_line' as const, line }] : []),
      ]);
      return ok((await withSync(repos, [line]))[0]!);
    });
    if (result.ok) effectsQueued();
    return result;
  };
}

export function makeListSipLines({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<SipLineView>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    const lines = await store.sipLines.listByContract(contractId, page);
    return ok({ items: await withSync(store, lines.items), last: lines.last });
  };
}

export function makeGetSipLine({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<SipLineView>> => {
    const line = await store.sipLines.findById(id);
    return line ? ok((await withSync(store, [line]))[0]!) : fail('SIP_LINE_NOT_FOUND', 'SIP line not found.');
  };
}

/**
 * Changes the password, or blocks or releases the line by hand (a cancelled line stays so). A line
 * blocked by hand is the operator's: the contract's release does not release it.
 */
export function makeUpdateSipLine({ store, clock, ids, secrets, effectsQueued }: UseCaseDeps) {
  return async (
    id: string,
    input: { password?: string; status?: Exclude<SipLineStatus, 'cancelled'> },
  ): Promise<Result<SipLineView>> => {
    const result = await store.transaction(async (repos) => {
      const line = await repos.sipLines.lockById(id);
      if (!line) return fail('SIP_LINE_NOT_FOUND', 'SIP line not found.');
      if (line.status === 'cancelled') return fail('SIP_LINE_CANCELLED', 'A cancelled line cannot change.');
      const now = clock.now();
      const updated = await repos.sipLines.update(
        id,
        {
          ...(input.password !== undefined ? { sealedPassword: secrets.seal(input.password) } : {}),
          ...(input.status !== undefined ? sipLineFieldsOf(input.status) : {}),
        },
        now,
      );
      const effects = [
        ...(input.password !== undefined ? [{ action: 'update_line' as const, line: updated, password: true }] : []),
        ...(input.status !== undefined && input.status !== line.status
          ? [{ action: actionFor(sipLineStateOf(updated)), line: updated }]
          : []),
      ];
      await enqueue(repos, { ids, now, cause: `sip-line-change:${ids.next()}` }, effects);
      return ok({ view: (await withSync(repos, [updated]))[0]!, queued: effects.length });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok(result.value.view);
  };
}

/** Removes the line here and, through the outbox, from the softswitch. */
export function makeDeleteSipLine({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (id: string): Promise<Result<void>> => {
    const result = await store.transaction(async (repos) => {
      const line = await repos.sipLines.lockById(id);
      if (!line) return fail('SIP_LINE_NOT_FOUND', 'SIP line not found.');
      await repos.sipLines.delete(id);
      await enqueue(repos, { ids, now: clock.now(), cause: `sip-line-delete:${id}` }, [
        { action: 'delete_line', line },
      ]);
      return ok(undefined);
    });
    if (result.ok) effectsQueued();
    return result;
  };
}

/** What follows contract events on the area's lines: their statuses, as the VOIP settings say. */
export const voipContractEventFollower: ContractEventFollower = {
  targetPolicy: (settings) => voipTargetPolicy(settings.voip),
};
