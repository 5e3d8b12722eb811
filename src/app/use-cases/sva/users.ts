import type { Contract } from '../../../domain/contracts/contract';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { SvaSyncStatus, SvaUserRecord } from '../../../domain/sva/ports';
import type { TargetPolicy } from '../../../domain/contracts/ports';
import type { OutboxEffect } from '../../../domain/deliveries/delivery';
import { parseMobilePhone } from '../../../domain/customers/phone';
import type { Product } from '../../../domain/products/product';
import { fail, ok, type Result } from '../../../domain/shared/result';
import {
  type SvaAction,
  type SvaEffect,
  type SvaIntegration,
  svaUserEffect,
  SVA_USER_CALL,
} from '../../../domain/sva/sva';
import type { Notice } from '../../../domain/shared/notice';
import {
  autoCreateSkipped,
  contractSlotTaken,
  resolveSvaUserData,
  type SvaUserDataInput,
} from '../../../domain/sva/sva-user-data';
import {
  activateSvaUser,
  deactivateSvaUser,
  initialSvaUserStatus,
  SVA_POLICY_ROWS,
  type SvaUserChange,
} from '../../../domain/sva/sva-user-transitions';
import { withSyncStatus } from '../deliveries/sync-status';
import type { ContractEventFollower, UseCaseDeps } from '../deps';
import type { EffectTools } from '../deliveries/effect-tools';
import { toldOf } from '../../../domain/deliveries/target-call';
import { svaUserCreatedData } from '../../../domain/webhooks/payloads';
import { recordEvents } from '../webhooks/emit';

export type SvaUserView = SvaUserRecord & { readonly syncStatus: SvaSyncStatus };

/** `cause` names what produced the effects (an event, a request): with the action it makes the idempotency key. */
type Tools = EffectTools;

const effect = (action: SvaAction, user: SvaUserRecord) =>
  svaUserEffect(action, user, action === 'create_user' || action === 'update_user' ? user.sealedPassword : undefined);

const enqueue = (repos: Repositories, { ids, now, cause }: Tools, effects: readonly OutboxEffect<SvaEffect>[]) =>
  repos.outbox.enqueue(
    effects.map((e) => ({
      id: ids.next(),
      cause: typeof cause === 'string' ? cause : cause.get(e.payload.user.contractId)!,
      effect: e,
    })),
    now,
  );

/** The policy table: how every user of a contract follows its events, per platform. */
export const svaTargetPolicy: TargetPolicy = { call: SVA_USER_CALL, rows: SVA_POLICY_ROWS };

/** An SVA product with its integration (products of type sva always have both, by a CHECK). */
interface SvaProductOf {
  readonly product: Product;
  readonly integration: SvaIntegration;
}

const integrationOf = async (repos: Repositories, product: Product): Promise<SvaProductOf | null> => {
  const integration = product.svaIntegrationId ? await repos.svaIntegrations.findById(product.svaIntegrationId) : null;
  return integration && product.svaPackage ? { product, integration } : null;
};

/**
 * Creates a user and queues its creation on the platform (then a block, when the contract's state
 * calls for a blocked user). Runs under the contract's lock, so the check of seed 002's rule sees
 * every user of the contract (seed 002's rule for Saber+, one user per product for EXA).
 */
async function createUser(
  repos: Repositories,
  contract: Contract,
  { product, integration }: SvaProductOf,
  input: SvaUserDataInput & { readonly password?: string | null },
  deps: Pick<UseCaseDeps, 'secrets'>,
  tools: Tools,
): Promise<Result<SvaUserRecord>> {
  const status = initialSvaUserStatus(integration.platform, contract);
  if (!status.ok) return status;
  const customer = await repos.customers.findById(contract.customerId);
  if (!customer) throw new Error(`Contract ${contract.id} has no customer.`);
  const data = resolveSvaUserData(integration.platform, customer, input);
  if (!data.ok) return data;
  const taken = contractSlotTaken(await repos.svaUsers.listAllByContracts([contract.id]), {
    platform: integration.platform,
    document: data.value.document,
    productId: product.id,
  });
  if (taken) return taken;
  const created = await repos.svaUsers.create({
    id: tools.ids.next(),
    contractId: contract.id,
    integrationId: integration.id,
    platform: integration.platform,
    productId: product.id,
    packageCode: product.svaPackage!,
    ...data.value,
    status: status.value,
    sealedPassword: input.password ? deps.secrets.seal(input.password) : null,
    hasPassword: Boolean(input.password),
    createdAt: tools.now,
    updatedAt: tools.now,
  });
  if (!created.ok) return created;
  const user = created.value;
  await enqueue(repos, tools, [
    effect('create_user', user),
    ...(user.status === 'blocked' ? [effect('block_user', user)] : []),
  ]);
  await recordEvents(
    repos,
    tools,
    [{ type: 'sva_user.created', resourceId: user.id, contractId: user.contractId, data: svaUserCreatedData(user) }],
    tools.now,
  );
  return ok(user);
}

export interface AutoCreation {
  readonly created: number;
  /** The products whose user was not made, and why. */
  readonly notices: readonly Notice[];
}

/**
 * Seed 003: with "Permite criar usuários automaticamente", activating a contract that has an EXA
 * product, or adding one to an active contract, creates the user from the customer's data ("o
 * usuário é criado automaticamente"): one user per EXA product, each its own subscription. A
 * customer without e-mail, mobile phone or document gets no user ("não será possível realizar a
 * criação do usuário"), nor one whose e-mail is another person's there: each skip is returned as
 * a notice. A product whose user already exists on the contract is served and skipped silently.
 */
export async function autoCreateSvaUsers(
  repos: Repositories,
  contract: Contract,
  products: readonly Product[],
  deps: Pick<UseCaseDeps, 'secrets'>,
  tools: Tools,
): Promise<AutoCreation> {
  let created = 0;
  const notices: Notice[] = [];
  for (const product of products) {
    const sva = await integrationOf(repos, product);
    if (sva?.integration.platform !== 'exa' || !sva.integration.autoCreateUsers) continue;
    if ((await repos.svaUsers.listAllByContracts([contract.id])).some((user) => user.productId === product.id))
      continue;
    const result = await createUser(repos, contract, sva, { useCustomerData: true }, deps, tools);
    if (result.ok) created += 1;
    else notices.push(autoCreateSkipped(product.id, result.error));
  }
  return { created, notices };
}

/** Removes users here and, through the outbox, on their platform. */
async function deleteUsers(repos: Repositories, users: readonly SvaUserRecord[], tools: Tools) {
  for (const user of users) await repos.svaUsers.delete(user.id);
  await enqueue(
    repos,
    tools,
    users.map((user) => effect('delete_user', user)),
  );
}

/** A product left the contract: its users go, here and on the platform, as deleting each would. */
export async function removeSvaUsersOfProduct(
  repos: Repositories,
  contractId: string,
  productId: string,
  tools: Tools,
): Promise<number> {
  const users = (await repos.svaUsers.listAllByContracts([contractId])).filter((user) => user.productId === productId);
  await deleteUsers(repos, users, tools);
  return users.length;
}

export interface CreateSvaUserInput extends SvaUserDataInput {
  readonly productId: string;
  readonly password?: string;
}

export function makeCreateSvaUser({ store, clock, ids, secrets, effectsQueued }: UseCaseDeps) {
  return async (contractId: string, input: CreateSvaUserInput): Promise<Result<SvaUserView>> => {
    const result = await store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      const product = (await repos.products.listSvaOnContract(contractId)).find((p) => p.id === input.productId);
      if (!product) {
        return fail(
          'SVA_PRODUCT_NOT_ON_CONTRACT',
          'The SVA product must be on the contract before its user is created.',
          [{ field: 'productId', message: 'Not an SVA product of this contract.' }],
        );
      }
      const sva = await integrationOf(repos, product);
      if (!sva)
        return fail('PRODUCT_NOT_SVA', 'The product is not an SVA product.', [
          { field: 'productId', message: 'Pick an SVA product.' },
        ]);
      return createUser(repos, contract, sva, input, { secrets }, { ids, now: clock.now(), cause: ids.next() });
    });
    if (result.ok) effectsQueued();
    return result.ok ? ok({ ...result.value, syncStatus: 'pending' }) : result;
  };
}

export function makeGetSvaUser({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<SvaUserView>> => {
    const user = await store.svaUsers.findById(id);
    if (!user) return fail('SVA_USER_NOT_FOUND', 'SVA user not found.');
    return ok(withSyncStatus([user], await store.svaUsers.syncStatuses([id]))[0]!);
  };
}

export function makeListSvaUsers({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<SvaUserView>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    const users = await store.svaUsers.listByContract(contractId, page);
    return ok({
      ...users,
      items: withSyncStatus(users.items, await store.svaUsers.syncStatuses(users.items.map((u) => u.id))),
    });
  };
}

/** Runs a change of one user under its contract's lock, queueing the effect the change calls for. */
function userChange(
  { store, clock, ids, effectsQueued }: UseCaseDeps,
  decide: (
    user: SvaUserRecord,
    contract: Contract,
  ) => Result<
    | { fields: Partial<Pick<SvaUserRecord, 'mobilePhone' | 'sealedPassword' | 'status'>>; action: SvaAction | null }
    | 'delete'
  >,
) {
  return async (id: string): Promise<Result<SvaUserView | null>> => {
    const result = await store.transaction(async (repos): Promise<Result<SvaUserRecord | null>> => {
      const found = await repos.svaUsers.findById(id);
      if (!found) return fail('SVA_USER_NOT_FOUND', 'SVA user not found.');
      const contract = await repos.contracts.lockById(found.contractId);
      const user = await repos.svaUsers.findById(id);
      if (!contract || !user) return fail('SVA_USER_NOT_FOUND', 'SVA user not found.');
      const decision = decide(user, contract);
      if (!decision.ok) return decision;
      const tools = { ids, now: clock.now(), cause: ids.next() };
      if (decision.value === 'delete') {
        await deleteUsers(repos, [user], tools);
        return ok(null);
      }
      const { fields, action } = decision.value;
      const updated = Object.keys(fields).length > 0 ? await repos.svaUsers.update(id, fields, tools.now) : user;
      if (action) await enqueue(repos, tools, [effect(action, updated)]);
      if (action && updated.status !== user.status)
        await recordEvents(
          repos,
          tools,
          [
            {
              type: 'sva_user.status_changed',
              resourceId: updated.id,
              contractId: updated.contractId,
              data: toldOf(SVA_USER_CALL, updated, {
                status: updated.status,
                previousStatus: user.status,
                cause: { historyId: null, action },
              }),
            },
          ],
          tools.now,
        );
      return ok(updated);
    });
    if (!result.ok) return result;
    effectsQueued();
    if (result.value === null) return ok(null);
    return ok(withSyncStatus([result.value], await store.svaUsers.syncStatuses([id]))[0]!);
  };
}

const statusChange = (change: SvaUserChange | null) => ({
  fields: change ? { status: change.to } : {},
  action: change?.action ?? null,
});

export function makeActivateSvaUser(deps: UseCaseDeps) {
  return userChange(deps, (user, contract) => {
    const change = activateSvaUser(contract, user.status);
    return change.ok ? ok(statusChange(change.value)) : change;
  });
}

export function makeDeactivateSvaUser(deps: UseCaseDeps) {
  return userChange(deps, (user) => ok(statusChange(deactivateSvaUser(user.status))));
}

export function makeDeleteSvaUser(deps: UseCaseDeps) {
  return userChange(deps, () => ok('delete' as const));
}

/** Seed 002: phone and password are the editable fields of a user. */
export function makeUpdateSvaUser(deps: UseCaseDeps) {
  return (id: string, input: { mobilePhone?: string; password?: string }) =>
    userChange(deps, () => {
      const fields: { mobilePhone?: string; sealedPassword?: string } = {};
      if (input.mobilePhone !== undefined) {
        const phone = parseMobilePhone(input.mobilePhone);
        if (!phone.ok)
          return fail('VALIDATION_FAILED', 'Some fields are not valid.', [
            { field: 'mobilePhone', message: phone.error.message },
          ]);
        fields.mobilePhone = phone.value;
      }
      if (input.password !== undefined) fields.sealedPassword = deps.secrets.seal(input.password);
      return ok({ fields, action: 'update_user' as const });
    })(id);
}

/**
 * What follows contract events on SVA users: their statuses by the policy table (seeds 002, 003),
 * and on activation the EXA users created from the customer's data, with what could not be made.
 */
export const svaContractEventFollower: ContractEventFollower = {
  targetPolicy: () => svaTargetPolicy,
  async afterEvents(repos, deps, changed, now) {
    let queued = 0;
    const notices = new Map<string, readonly Notice[]>();
    for (const { contract, event } of changed) {
      if (event.type !== 'activate') continue;
      const tools = { ids: deps.ids, now, cause: event.id };
      const auto = await autoCreateSvaUsers(
        repos,
        contract,
        await repos.products.listSvaOnContract(contract.id),
        deps,
        tools,
      );
      queued += auto.created;
      notices.set(event.id, auto.notices);
    }
    return { queued, notices };
  },
};
