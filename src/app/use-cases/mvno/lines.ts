import { isContractClosed, standingEvent, type AccessStatus } from '../../../domain/contracts/contract';
import { parseMobilePhone } from '../../../domain/customers/phone';
import {
  mvnoActionFor,
  mvnoLineEffect,
  MVNO_LINE_CALL,
  mvnoLinePolicyRows,
  mvnoStatusAfter,
  validIccid,
  type MvnoLine,
  type MvnoLineAction,
  type MvnoLineStatus,
} from '../../../domain/mvno/mvno-line';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { SyncStatus } from '../../../domain/deliveries/delivery';
import type { TargetPolicy } from '../../../domain/contracts/ports';
import type { MvnoSettings } from '../../../domain/settings/integration-settings';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { withSyncStatus } from '../deliveries/sync-status';
import type { ContractEventFollower, UseCaseDeps } from '../deps';
import type { EffectTools } from '../deliveries/effect-tools';

export type MvnoLineView = MvnoLine & { readonly syncStatus: SyncStatus };

type Tools = EffectTools;

const enqueue = (
  repos: Repositories,
  { ids, now, cause }: Tools,
  effects: readonly { action: MvnoLineAction; line: MvnoLine }[],
) =>
  repos.outbox.enqueue(
    effects.map(({ action, line }) => ({
      id: ids.next(),
      cause: typeof cause === 'string' ? cause : cause.get(line.contractId)!,
      effect: mvnoLineEffect(action, line),
    })),
    now,
  );

/** The MVNO table of seed 000 under these settings: how the live lines of a contract follow its events. */
export const mvnoTargetPolicy = (settings: MvnoSettings): TargetPolicy => ({
  call: MVNO_LINE_CALL,
  rows: mvnoLinePolicyRows(settings),
});

const withSync = async (repos: Pick<Repositories, 'mvnoLines'>, lines: readonly MvnoLine[]): Promise<MvnoLineView[]> =>
  withSyncStatus(lines, await repos.mvnoLines.syncStatuses(lines.map((l) => l.id)));

/** The status a new line takes on a contract as it stands: blocked or late contracts block it per the settings. */
function initialStatus(accessStatus: AccessStatus, settings: MvnoSettings): MvnoLineStatus {
  const event = standingEvent(accessStatus);
  return (event && mvnoStatusAfter(event, settings, 'pending')) || 'pending';
}

/** A TeleCall line on a contract: created pending, activated on TeleCall through the outbox. */
export function makeCreateMvnoLine({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (
    contractId: string,
    input: { msisdn: string; iccid: string; plan: string },
  ): Promise<Result<MvnoLineView>> => {
    const msisdn = parseMobilePhone(input.msisdn);
    if (!msisdn.ok)
      return fail('INVALID_PHONE', msisdn.error.message, [{ field: 'msisdn', message: msisdn.error.message }]);
    if (!validIccid(input.iccid))
      return fail('INVALID_ICCID', 'The ICCID is not valid.', [
        { field: 'iccid', message: '19 or 20 digits ending in a valid check digit (Luhn).' },
      ]);
    const result = await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (isContractClosed(contract))
        return fail('CONTRACT_CLOSED', `Lines cannot be added to a contract with status '${contract.status}'.`);
      const { mvno } = (await repos.settings.get()).settings;
      const now = clock.now();
      const created = await repos.mvnoLines.create({
        id: ids.next(),
        contractId,
        msisdn: msisdn.value,
        iccid: input.iccid,
        plan: input.plan,
        status: initialStatus(contract.accessStatus, mvno),
        createdAt: now,
        updatedAt: now,
      });
      if (!created.ok) return created;
      const line = created.value;
      const follow = line.status === 'pending' ? [] : [{ action: mvnoActionFor(line.status), line }];
      await enqueue(repos, { ids, now, cause: `mvno-line:${line.id}` }, [{ action: 'activate_line', line }, ...follow]);
      return ok((await withSync(repos, [line]))[0]!);
    });
    if (result.ok) effectsQueued();
    return result;
  };
}

export function makeListMvnoLines({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<MvnoLineView>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    const lines = await store.mvnoLines.listByContract(contractId, page);
    return ok({ items: await withSync(store, lines.items), last: lines.last });
  };
}

export function makeGetMvnoLine({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<MvnoLineView>> => {
    const line = await store.mvnoLines.findById(id);
    return line ? ok((await withSync(store, [line]))[0]!) : fail('MVNO_LINE_NOT_FOUND', 'MVNO line not found.');
  };
}

/** Changes the plan (kept here; TeleCall's plan changes are not part of our contract), or blocks or releases the line by hand. */
export function makeUpdateMvnoLine({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (
    id: string,
    input: { plan?: string; status?: 'active' | 'blocked_partial' | 'blocked_total' },
  ): Promise<Result<MvnoLineView>> => {
    const result = await store.transaction(async (repos) => {
      const line = await repos.mvnoLines.lockById(id);
      if (!line) return fail('MVNO_LINE_NOT_FOUND', 'MVNO line not found.');
      if (line.status === 'cancelled') return fail('MVNO_LINE_CANCELLED', 'A cancelled line cannot change.');
      const now = clock.now();
      const updated = await repos.mvnoLines.update(
        id,
        {
          ...(input.plan !== undefined ? { plan: input.plan } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
        },
        now,
      );
      const effects =
        input.status !== undefined && input.status !== line.status
          ? [{ action: mvnoActionFor(input.status), line: updated }]
          : [];
      await enqueue(repos, { ids, now, cause: `mvno-line-change:${ids.next()}` }, effects);
      return ok({ view: (await withSync(repos, [updated]))[0]!, queued: effects.length });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) effectsQueued();
    return ok(result.value.view);
  };
}

/** Cancels the line on TeleCall (through the outbox) and removes it here. */
export function makeDeleteMvnoLine({ store, clock, ids, effectsQueued }: UseCaseDeps) {
  return async (id: string): Promise<Result<void>> => {
    const result = await store.transaction(async (repos) => {
      const line = await repos.mvnoLines.lockById(id);
      if (!line) return fail('MVNO_LINE_NOT_FOUND', 'MVNO line not found.');
      await repos.mvnoLines.delete(id);
      if (line.status !== 'cancelled')
        await enqueue(repos, { ids, now: clock.now(), cause: `mvno-line-delete:${id}` }, [
          { action: 'cancel_line', line },
        ]);
      return ok(undefined);
    });
    if (result.ok) effectsQueued();
    return result;
  };
}

/** What follows contract events on the area's lines: their statuses, as the MVNO settings say. */
export const mvnoContractEventFollower: ContractEventFollower = {
  targetPolicy: (settings) => mvnoTargetPolicy(settings.mvno),
};
