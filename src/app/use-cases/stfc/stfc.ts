import { isContractClosed, type Contract } from '../../../domain/contracts/contract';
import { parsePhone } from '../../../domain/customers/phone';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { StfcContractFilter, StfcContractRow, StfcIntegrationRecord } from '../../../domain/stfc/ports';
import type { Product } from '../../../domain/products/product';
import { fail, ok, type Result } from '../../../domain/shared/result';
import {
  stfcServiceEffect,
  type OneOffValue,
  type StfcCredentials,
  type StfcIntegration,
  type StfcService,
  type ZeroBillingEvent,
} from '../../../domain/stfc/stfc';
import type { UseCaseDeps } from '../deps';
import { checkUrl } from '../partners';

export interface StfcIntegrationInput {
  readonly description?: string | null;
  readonly url?: string;
  readonly token?: string;
}

/** Seed 001: the STFC routine exists only while the Summit module is enabled (an integration exists). */
export async function stfcModuleEnabled(repos: Pick<Repositories, 'stfc'>): Promise<Result<void>> {
  return (await repos.stfc.moduleEnabled())
    ? ok(undefined)
    : fail(
        'STFC_MODULE_DISABLED',
        'The STFC module is disabled: register a Summit integration (POST /v1/stfc-integrations) first.',
      );
}

export const openStfcCredentials = (
  deps: Pick<UseCaseDeps, 'secrets'>,
  record: StfcIntegrationRecord,
): StfcCredentials => JSON.parse(deps.secrets.open(record.sealedCredentials)) as StfcCredentials;

const withoutCredentials = ({ sealedCredentials: _sealed, ...integration }: StfcIntegrationRecord): StfcIntegration =>
  integration;

export function makeCreateStfcIntegration(deps: UseCaseDeps) {
  return async (input: StfcIntegrationInput & { url: string; token: string }): Promise<Result<StfcIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const now = deps.clock.now();
    const credentials: StfcCredentials = { token: input.token };
    return ok(
      await deps.store.stfc.createIntegration({
        id: deps.ids.next(),
        description: input.description ?? null,
        url: input.url,
        sealedCredentials: deps.secrets.seal(JSON.stringify(credentials)),
        authError: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  };
}

export function makeUpdateStfcIntegration(deps: UseCaseDeps) {
  return async (id: string, input: StfcIntegrationInput): Promise<Result<StfcIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const updated = await deps.store.stfc.updateIntegration(
      id,
      {
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        // New credentials clear the flag a refused call left.
        ...(input.token !== undefined
          ? {
              sealedCredentials: deps.secrets.seal(JSON.stringify({ token: input.token } satisfies StfcCredentials)),
              authError: null,
            }
          : {}),
      },
      deps.clock.now(),
    );
    return updated ? ok(updated) : fail('STFC_INTEGRATION_NOT_FOUND', 'Summit integration not found.');
  };
}

export function makeGetStfcIntegration({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<StfcIntegration>> => {
    const found = await store.stfc.findIntegration(id);
    return found ? ok(withoutCredentials(found)) : fail('STFC_INTEGRATION_NOT_FOUND', 'Summit integration not found.');
  };
}

export function makeListStfcIntegrations({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<StfcIntegration>>> =>
    ok(await store.stfc.listIntegrations(page));
}

export function makeDeleteStfcIntegration({ store }: UseCaseDeps) {
  return (id: string): Promise<Result<void>> => store.stfc.deleteIntegration(id);
}

/** What a contract item of type stfc brings: the line's number and plan, and which integration. */
export interface StfcServiceInput {
  readonly number?: string;
  readonly plan?: string;
  readonly stfcIntegrationId?: string;
}

/**
 * Seed 001 / docs/partners.md: a product of type stfc on a contract is its Summit service. It is
 * provisioned on Summit through the outbox, with the contract's closing day. Runs under the
 * contract's lock, in the item's transaction.
 */
export async function addStfcService(
  repos: Repositories,
  deps: Pick<UseCaseDeps, 'ids'>,
  contract: Contract,
  product: Product,
  itemId: string,
  input: StfcServiceInput,
  now: Date,
): Promise<Result<StfcService | null>> {
  if (product.type !== 'stfc') {
    const stray = (['number', 'plan', 'stfcIntegrationId'] as const).filter((field) => input[field] !== undefined);
    return stray.length === 0
      ? ok(null)
      : fail(
          'VALIDATION_FAILED',
          'Only products of type stfc take a number, a plan and a Summit integration.',
          stray.map((field) => ({ field, message: 'Only for stfc products.' })),
        );
  }
  if (input.number === undefined)
    return fail('VALIDATION_FAILED', 'A Summit telephony service needs its number.', [
      { field: 'number', message: 'Required for stfc products.' },
    ]);
  const number = parsePhone(input.number);
  if (!number.ok)
    return fail('VALIDATION_FAILED', 'The number is not a Brazilian phone number.', [
      { field: 'number', message: number.error.message },
    ]);
  if (contract.billingDay === null) {
    return fail('STFC_CLOSING_DAY_MISSING', "Summit needs the contract's closing day: set its billingDay first.", [
      { field: 'billingDay', message: 'Required on the contract for Summit.' },
    ]);
  }
  const integration = await integrationFor(repos, input.stfcIntegrationId);
  if (!integration.ok) return integration;
  const service: StfcService = {
    id: deps.ids.next(),
    contractId: contract.id,
    contractItemId: itemId,
    integrationId: integration.value,
    number: number.value,
    plan: input.plan?.trim() || product.name,
    status: 'pending',
    provisionedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const created = await repos.stfc.createService(service);
  if (!created.ok) return created;
  await repos.outbox.enqueue(
    [
      {
        id: deps.ids.next(),
        cause: itemId,
        effect: stfcServiceEffect('provision_line', created.value, contract.billingDay),
      },
    ],
    now,
  );
  return created;
}

/** The integration named, or the only one; several without a name must be told apart. */
async function integrationFor(repos: Repositories, id: string | undefined): Promise<Result<string>> {
  if (id !== undefined) {
    return (await repos.stfc.findIntegration(id))
      ? ok(id)
      : fail('UNKNOWN_STFC_INTEGRATION', 'Summit integration not found.', [
          { field: 'stfcIntegrationId', message: 'No Summit integration has this id.' },
        ]);
  }
  const { items } = await repos.stfc.listIntegrations({ limit: 2 });
  if (items.length === 1) return ok(items[0]!.id);
  return items.length === 0
    ? fail(
        'STFC_MODULE_DISABLED',
        'The STFC module is disabled: register a Summit integration (POST /v1/stfc-integrations) first.',
      )
    : fail('VALIDATION_FAILED', 'Several Summit integrations exist: say which one.', [
        { field: 'stfcIntegrationId', message: 'Required when several Summit integrations exist.' },
      ]);
}

export interface OneOffValueInput {
  readonly competence: string;
  readonly amountCents: number;
  readonly description: string;
  /** The Summit service it is linked to; absent: the contract's live one (if any); null: none. */
  readonly stfcServiceId?: string | null;
}

export function makeAddOneOffValue({ store, clock, ids }: UseCaseDeps) {
  return async (contractId: string, input: OneOffValueInput & { actor: string }): Promise<Result<OneOffValue>> =>
    store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      let stfcServiceId: string | null;
      if (input.stfcServiceId === undefined) stfcServiceId = (await repos.stfc.liveServiceOf(contractId))?.id ?? null;
      else if (input.stfcServiceId === null) stfcServiceId = null;
      else {
        const service = await repos.stfc.findService(input.stfcServiceId);
        if (service?.contractId !== contractId) {
          return fail('VALIDATION_FAILED', 'The Summit service is not one of this contract.', [
            { field: 'stfcServiceId', message: 'No Summit service of this contract has this id.' },
          ]);
        }
        stfcServiceId = service.id;
      }
      return ok(
        await repos.stfc.addOneOffValue({
          id: ids.next(),
          contractId,
          stfcServiceId,
          competence: input.competence,
          amountCents: input.amountCents,
          description: input.description.trim(),
          actor: input.actor,
          createdAt: clock.now(),
        }),
      );
    });
}

export function makeListOneOffValues({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<OneOffValue>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.stfc.listOneOffValues(contractId, page));
  };
}

export function makeAddZeroBillingEvent({ store, clock, ids }: UseCaseDeps) {
  return async (
    contractId: string,
    input: { competence?: string | null; reason?: string | null; actor: string },
  ): Promise<Result<ZeroBillingEvent>> =>
    store.transaction(async (repos) => {
      const contract = await repos.contracts.lockById(contractId);
      if (!contract) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
      if (isContractClosed(contract))
        return fail('CONTRACT_CLOSED', `A contract with status '${contract.status}' is not billed anyway.`);
      return ok(
        await repos.stfc.addZeroBillingEvent({
          id: ids.next(),
          contractId,
          competence: input.competence ?? null,
          reason: input.reason ?? null,
          actor: input.actor,
          createdAt: clock.now(),
        }),
      );
    });
}

export function makeListZeroBillingEvents({ store }: UseCaseDeps) {
  return async (contractId: string, page: PageRequest): Promise<Result<Page<ZeroBillingEvent>>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.stfc.listZeroBillingEvents(contractId, page));
  };
}

/** What the STFC lists filter on, as the API takes it: a month for the new subscribers. */
export type StfcListFilter = Omit<StfcContractFilter, 'provisionedIn'> & { readonly provisionedIn?: string };

const withTimeZone = ({ provisionedIn, ...filter }: StfcListFilter, timeZone: string): StfcContractFilter => ({
  ...filter,
  ...(provisionedIn ? { provisionedIn: { competence: provisionedIn, timeZone } } : {}),
});

export function makeListStfcContracts({ store, timeZone }: UseCaseDeps) {
  return async (filter: StfcListFilter, page: PageRequest): Promise<Result<Page<StfcContractRow>>> => {
    const enabled = await stfcModuleEnabled(store);
    if (!enabled.ok) return enabled;
    return ok(await store.stfc.listContracts(withTimeZone(filter, timeZone), page));
  };
}

export function makeListBillableContracts({ store, timeZone }: UseCaseDeps) {
  return async (
    competence: string,
    filter: Omit<StfcListFilter, 'competence'>,
    page: PageRequest,
  ): Promise<Result<Page<StfcContractRow>>> => {
    const enabled = await stfcModuleEnabled(store);
    if (!enabled.ok) return enabled;
    return ok(await store.stfc.listBillable(competence, withTimeZone({ ...filter, competence }, timeZone), page));
  };
}

/** One indicator: how many contracts, and the list that shows them. */
export interface Indicator {
  readonly count: number;
  readonly list: string;
}

/**
 * Seed 001's indicators for a competence, each with the list behind it: new subscribers (services
 * provisioned in the month), integration errors (provisioning that gave up, billing of the month
 * that failed), not billed (contracts still billable for the month).
 */
export function makeStfcIndicators({ store, timeZone }: UseCaseDeps) {
  return async (
    competence: string,
  ): Promise<
    Result<{ competence: string; newSubscribers: Indicator; integrationErrors: Indicator; notBilled: Indicator }>
  > => {
    const enabled = await stfcModuleEnabled(store);
    if (!enabled.ok) return enabled;
    const counts = await store.stfc.indicators(competence, timeZone);
    return ok({
      competence,
      newSubscribers: { count: counts.newSubscribers, list: `/v1/stfc/contracts?provisionedIn=${competence}` },
      integrationErrors: {
        count: counts.integrationErrors,
        list: `/v1/stfc/contracts?integrationState=error&competence=${competence}`,
      },
      notBilled: { count: counts.notBilled, list: `/v1/stfc/billable-contracts?competence=${competence}` },
    });
  };
}

export function makeListContractStfcServices({ store }: UseCaseDeps) {
  return async (contractId: string): Promise<Result<readonly StfcService[]>> => {
    if (!(await store.contracts.findById(contractId))) return fail('CONTRACT_NOT_FOUND', 'Contract not found.');
    return ok(await store.stfc.servicesOfContract(contractId));
  };
}
