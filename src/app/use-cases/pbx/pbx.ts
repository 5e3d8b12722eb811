import { randomBytes } from 'node:crypto';
import { parsePhone } from '../../../domain/customers/phone';
import type { ExtensionStatus } from '../../../domain/pbx/call';
import {
  pbxAddresses,
  pbxFieldProblems,
  type Pbx,
  type PbxCredentials,
  type PbxFields,
  type PbxType,
} from '../../../domain/pbx/pbx';
import type { Agent, PbxRecord, TrafficSource } from '../../../domain/pbx/records';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories, Store } from '../../../domain/ports/store';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { RECENT_MS, recentSettings } from '../settings/recent-settings';
import { secretDigest } from '../same-secret';
import { checkUrls, partnerFailure } from '../partners';
import { pacedCall } from '../deliveries/paced-calls';
import { PartnerError } from '../../../domain/ports/partner';
import { eventConnectionView, type EventConnectionView } from '../../../domain/pbx/event-connection';

/** Seed 004: "Utilizar serviços de integração com centrais telefônicas"; off, the call routes are refused. */
const PBX_MODULE_DISABLED = () =>
  fail(
    'PBX_MODULE_DISABLED',
    'The PBX integration is off: turn it on in the settings (PATCH /v1/settings/integrations {"pbx": {"enabled": true}}).',
  );

/** A PBX's commands count against its own limits, by its id (docs/operations.md, "Partner limits"). */
export const pbxLimits = (pbx: Pick<PbxRecord, 'id' | 'type'>) => ({ key: pbx.id, platform: pbx.type });

export async function pbxModuleOn(repos: Pick<Repositories, 'settings'>): Promise<Result<void>> {
  const { settings } = await repos.settings.get();
  return settings.pbx.enabled ? ok(undefined) : PBX_MODULE_DISABLED();
}

/** The module switch as read at most a couple of seconds ago (see recentSettings): for the PBXs' event route. */
export const pbxModuleRecentlyOn = async (store: Store): Promise<Result<void>> =>
  (await recentSettings(store)).pbx.enabled ? ok(undefined) : PBX_MODULE_DISABLED();

interface RecentPbx {
  readonly pbx: PbxRecord;
  /** What its event calls must present, as a digest (see sameSecret). */
  readonly eventSecret: Buffer;
}

const recent = new WeakMap<Store, Map<string, RecentPbx & { readonly at: number }>>();

/**
 * A PBX as read at most a couple of seconds ago, for its event route (a call's every event
 * presents its secret); a change or deletion made here shows at once.
 */
export async function recentPbx(
  { store, secrets }: Pick<UseCaseDeps, 'store' | 'secrets'>,
  id: string,
): Promise<RecentPbx | null> {
  const known = recent.get(store) ?? recent.set(store, new Map()).get(store)!;
  const hit = known.get(id);
  if (hit && Date.now() - hit.at < RECENT_MS) return hit;
  const pbx = await store.pbx.findPbx(id);
  if (!pbx) {
    known.delete(id);
    return null;
  }
  const entry = { at: Date.now(), pbx, eventSecret: secretDigest(secrets.open(pbx.sealedEventSecret)) };
  known.set(id, entry);
  return entry;
}

const forgetPbx = (store: Store, id: string) => void recent.get(store)?.delete(id);

export const openPbxCredentials = (deps: Pick<UseCaseDeps, 'secrets'>, pbx: PbxRecord): PbxCredentials =>
  JSON.parse(deps.secrets.open(pbx.sealedCredentials)) as PbxCredentials;
export const withoutPbxSecrets = ({ sealedCredentials: _c, sealedEventSecret: _e, ...pbx }: PbxRecord): Pbx => pbx;
const pbxNotFound = () => fail('PBX_NOT_FOUND', 'PBX not found.');

export interface PbxInput extends PbxFields {
  readonly description?: string | null;
  readonly active?: boolean;
  readonly eventSecret?: string;
}

/** A new PBX, with the event secret Ponte made when none was given (shown once). */
export interface CreatedPbx {
  readonly pbx: Pbx;
  readonly eventSecret: string | null;
}

/** The fields a PBX has once `input` applies to `current` (credentials as their presence). */
const fieldsOf = (current: PbxRecord | null, credentials: PbxCredentials, input: PbxInput): PbxFields => {
  const pick = <K extends keyof PbxFields>(key: K, now: PbxFields[K]) => (input[key] !== undefined ? input[key] : now);
  return {
    address: pick('address', current?.address ?? undefined),
    port: pick('port', current?.port ?? undefined),
    account: pick('account', current?.account ?? undefined),
    route: pick('route', current?.route ?? undefined),
    ariUrl: pick('ariUrl', current?.ariUrl ?? undefined),
    username: pick('username', current?.username ?? undefined),
    ...(input.apiKey !== undefined || credentials.apiKey !== undefined
      ? { apiKey: input.apiKey ?? credentials.apiKey }
      : {}),
    ...(input.password !== undefined || credentials.password !== undefined
      ? { password: input.password ?? credentials.password }
      : {}),
    ...(input.easyCallRecord !== undefined
      ? { easyCallRecord: input.easyCallRecord }
      : current?.easyCallRecord
        ? { easyCallRecord: { ...current.easyCallRecord, password: credentials.recordPassword ?? '' } }
        : {}),
  };
};

/** What a PBX stores of its fields: the columns of its type, and its credentials sealed. */
function storedFields(deps: Pick<UseCaseDeps, 'secrets'>, fields: PbxFields) {
  const credentials: PbxCredentials = {
    ...(fields.apiKey ? { apiKey: fields.apiKey } : {}),
    ...(fields.password ? { password: fields.password } : {}),
    ...(fields.easyCallRecord ? { recordPassword: fields.easyCallRecord.password } : {}),
  };
  return {
    address: fields.address ?? null,
    port: fields.port ?? null,
    account: fields.account ?? null,
    route: fields.route ?? null,
    easyCallRecord: fields.easyCallRecord
      ? {
          address: fields.easyCallRecord.address,
          port: fields.easyCallRecord.port,
          username: fields.easyCallRecord.username,
        }
      : null,
    ariUrl: fields.ariUrl ?? null,
    username: fields.username ?? null,
    sealedCredentials: deps.secrets.seal(JSON.stringify(credentials)),
  };
}

export function makeCreatePbx(deps: UseCaseDeps) {
  return async (input: PbxInput & { type: PbxType }): Promise<Result<CreatedPbx>> => {
    const fields = fieldsOf(null, {}, input);
    const problems = pbxFieldProblems(input.type, fields);
    if (problems.length > 0) return fail('VALIDATION_FAILED', `The fields do not fit a ${input.type} PBX.`, problems);
    const addresses = await checkUrls(deps, pbxAddresses(fields));
    if (!addresses.ok) return addresses;
    const made = input.eventSecret === undefined ? randomBytes(24).toString('base64url') : null;
    const now = deps.clock.now();
    const pbx = await deps.store.pbx.createPbx({
      id: deps.ids.next(),
      type: input.type,
      description: input.description ?? null,
      ...storedFields(deps, fields),
      sealedEventSecret: deps.secrets.seal(input.eventSecret ?? made!),
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    return ok({ pbx: withoutPbxSecrets(pbx), eventSecret: made });
  };
}

export function makeUpdatePbx(deps: UseCaseDeps) {
  return async (id: string, input: PbxInput): Promise<Result<Pbx>> => {
    // Addresses are resolved before the transaction, so that no connection waits on DNS.
    const before = await deps.store.pbx.findPbx(id);
    if (!before) return pbxNotFound();
    const addresses = await checkUrls(deps, pbxAddresses(fieldsOf(before, openPbxCredentials(deps, before), input)));
    if (!addresses.ok) return addresses;
    const changed = await deps.store.transaction(async (repos): Promise<Result<Pbx>> => {
      const current = await repos.pbx.findPbx(id);
      if (!current) return pbxNotFound();
      const credentials = openPbxCredentials(deps, current);
      const fields = fieldsOf(current, credentials, input);
      const problems = pbxFieldProblems(current.type, fields);
      if (problems.length > 0)
        return fail('VALIDATION_FAILED', `The fields do not fit a ${current.type} PBX.`, problems);
      const updated = await repos.pbx.updatePbx(
        id,
        {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...storedFields(deps, fields),
          ...(input.eventSecret !== undefined ? { sealedEventSecret: deps.secrets.seal(input.eventSecret) } : {}),
        },
        deps.clock.now(),
      );
      return updated ? ok(withoutPbxSecrets(updated)) : pbxNotFound();
    });
    forgetPbx(deps.store, id);
    return changed.ok ? ok((await withConnections(deps, [changed.value]))[0]!) : changed;
  };
}

/** A PBX as the API shows it: with how its event connection stands (GET /v1/pbx/{id}). */
export type PbxWithConnection = Pbx & { readonly eventConnection: EventConnectionView | null };

async function withConnections(deps: UseCaseDeps, pbxs: readonly Pbx[]): Promise<PbxWithConnection[]> {
  const statuses = await deps.store.pbxConnections.statuses(pbxs.map((p) => p.id));
  const now = deps.clock.now();
  return pbxs.map((pbx) => ({ ...pbx, eventConnection: eventConnectionView(pbx, statuses.get(pbx.id) ?? null, now) }));
}

export function makeGetPbx(deps: UseCaseDeps) {
  return async (id: string): Promise<Result<PbxWithConnection>> => {
    const found = await deps.store.pbx.findPbx(id);
    return found ? ok((await withConnections(deps, [withoutPbxSecrets(found)]))[0]!) : pbxNotFound();
  };
}

export function makeListPbxs(deps: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<PbxWithConnection>>> => {
    const found = await deps.store.pbx.listPbxs(page);
    return ok({ items: await withConnections(deps, found.items.map(withoutPbxSecrets)), last: found.last });
  };
}

export function makeDeletePbx({ store }: UseCaseDeps) {
  return async (id: string) => {
    const deleted = await store.pbx.deletePbx(id);
    forgetPbx(store, id);
    return deleted;
  };
}

/** A subscription is renewed this long before it would expire. */
const RENEW_AHEAD_MS = 5 * 60_000;

/**
 * Keeps every active PBX that sends events only to a subscription (Dígitro: 900 s) subscribed to
 * Ponte's event route: renewed ahead of its expiry, made again when gone. A PBX that fails is
 * tried again at the next turn; answers what was done.
 */
export function makeRenewPbxSubscriptions(deps: UseCaseDeps, eventsBaseUrl: () => string) {
  return async (): Promise<{ renewed: number; failed: number }> => {
    let [renewed, failed] = [0, 0];
    for (let after: string | undefined; ;) {
      const page = await deps.store.pbx.listPbxs({ limit: 200, ...(after ? { after } : {}) });
      for (const pbx of page.items) {
        const due =
          !pbx.subscriptionExpiresAt ||
          pbx.subscriptionExpiresAt.getTime() - deps.clock.now().getTime() <= RENEW_AHEAD_MS;
        if (!pbx.active || !due) continue;
        try {
          const asked = deps.clock.now();
          const subscription = await deps.pbxFor(pbx).subscribeEvents({
            callbackUrl: `${eventsBaseUrl()}/v1/pbx/${pbx.id}/events`,
            secret: deps.secrets.open(pbx.sealedEventSecret),
            subscriptionId: pbx.subscriptionId ?? null,
          });
          if (!subscription) continue;
          const expiresAt = new Date(asked.getTime() + subscription.expiresInSeconds * 1000);
          await deps.store.pbx.updatePbx(
            pbx.id,
            { subscriptionId: subscription.subscriptionId, subscriptionExpiresAt: expiresAt },
            deps.clock.now(),
          );
          renewed += 1;
        } catch (error) {
          if (!(error instanceof PartnerError)) throw error;
          failed += 1;
        }
      }
      if (!page.last) return { renewed, failed };
      after = page.last;
    }
  };
}

/** `POST /v1/pbx/{id}/test`: a call to the PBX, saying what failed. */
export function makeTestPbx(deps: UseCaseDeps) {
  return async (id: string): Promise<Result<{ ok: true }>> => {
    const pbx = await deps.store.pbx.findPbx(id);
    if (!pbx) return pbxNotFound();
    try {
      await deps.pbxFor(pbx).test();
      return ok({ ok: true });
    } catch (error) {
      return partnerFailure(error);
    }
  };
}

export interface AgentInput {
  readonly name?: string;
  readonly extension?: string;
  readonly password?: string | null;
}

export function makeCreateAgent(deps: UseCaseDeps) {
  return async (input: AgentInput & { name: string; pbxId: string; extension: string }): Promise<Result<Agent>> => {
    if (!(await deps.store.pbx.findPbx(input.pbxId)))
      return fail('UNKNOWN_PBX', 'No PBX has this id.', [{ field: 'pbxId', message: 'No PBX has this id.' }]);
    const now = deps.clock.now();
    return deps.store.pbx.createAgent({
      id: deps.ids.next(),
      name: input.name,
      pbxId: input.pbxId,
      extension: input.extension,
      sealedPassword: input.password ? deps.secrets.seal(input.password) : null,
      createdAt: now,
      updatedAt: now,
    });
  };
}

export function makeUpdateAgent(deps: UseCaseDeps) {
  return (id: string, input: AgentInput): Promise<Result<Agent>> =>
    deps.store.pbx.updateAgent(
      id,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.extension !== undefined ? { extension: input.extension } : {}),
        ...(input.password !== undefined
          ? { sealedPassword: input.password === null ? null : deps.secrets.seal(input.password) }
          : {}),
      },
      deps.clock.now(),
    );
}

export function makeGetAgent({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Agent>> => {
    const agent = await store.pbx.findAgent(id);
    return agent ? ok(agent) : fail('AGENT_NOT_FOUND', 'Agent not found.');
  };
}

export function makeListAgents({ store }: UseCaseDeps) {
  return async (pbxId: string | undefined, page: PageRequest): Promise<Result<Page<Agent>>> =>
    ok(await store.pbx.listAgents(pbxId, page));
}

export function makeDeleteAgent({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<void>> =>
    (await store.pbx.deleteAgent(id)) ? ok(undefined) : fail('AGENT_NOT_FOUND', 'Agent not found.');
}

/** The agent's extension as its PBX reports it now. */
export function makeExtensionStatus(deps: UseCaseDeps) {
  return async (agentId: string): Promise<Result<{ agent: Agent; status: ExtensionStatus }>> => {
    const on = await pbxModuleOn(deps.store);
    if (!on.ok) return on;
    const agent = await deps.store.pbx.findAgent(agentId);
    if (!agent) return fail('AGENT_NOT_FOUND', 'Agent not found.');
    const pbx = (await deps.store.pbx.findPbx(agent.pbxId))!;
    try {
      const status = await pacedCall(deps, pbxLimits(pbx), () => deps.pbxFor(pbx).extensionStatus(agent.extension));
      return ok({ agent, status });
    } catch (error) {
      return partnerFailure(error);
    }
  };
}

export function makeCreateTrafficSource(deps: UseCaseDeps) {
  return async (input: { name: string; ddr?: string | null }): Promise<Result<TrafficSource>> => {
    let ddr: string | null = null;
    if (input.ddr) {
      const parsed = parsePhone(input.ddr);
      if (!parsed.ok)
        return fail('INVALID_PHONE', 'The DDR is not a Brazilian phone number.', [
          { field: 'ddr', message: parsed.error.message },
        ]);
      ddr = parsed.value;
    }
    return deps.store.pbx.createTrafficSource({
      id: deps.ids.next(),
      name: input.name,
      ddr,
      createdAt: deps.clock.now(),
    });
  };
}

export function makeListTrafficSources({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<TrafficSource>>> =>
    ok(await store.pbx.listTrafficSources(page));
}
