import fc from 'fast-check';
import {
  isContractClosed,
  type ContractEventType,
  type ContractState,
  type EventMode,
} from '../../src/domain/contracts/contract';
import { transition } from '../../src/domain/contracts/contract-transitions';
import type { SvaPlatformName, SvaUserStatus } from '../../src/domain/sva/sva';
import {
  activateSvaUser,
  deactivateSvaUser,
  initialSvaUserStatus,
  svaUserChangeFor,
} from '../../src/domain/sva/sva-user-transitions';
import { ERROR_STATUS, type ErrorCode } from '../../src/app/http/errors';
import { describeApi } from '../helpers/api-suite';
import { resetTables } from '../helpers/databases';
import { cpf } from '../helpers/generators';
import { EXA_PREFIX, SABER_TOKEN, usePartners, type Partners } from '../helpers/partners';
import { createTestApi, EXA_URL, type TestApi } from '../helpers/test-app';

/*
 * A model-based test (docs/architecture.md, "What stored means"): random sequences of API calls — customers, contracts,
 * products on contracts, SVA users, single and bulk events, removals — run against Ponte and
 * against a model of what the seeds say must happen. After every step, what GET returns must equal
 * the model; after every drain of the outbox, the simulated platforms must hold exactly Ponte's
 * users, each under its own reference and in its status. The contract and SVA state machines are
 * the domain's own (tested on their own); what is tested here is that every answer was stored,
 * nothing else was, and partner effects reach the right subscription.
 */

const RUNS = Number(process.env.MODEL_RUNS ?? 5);
// A few hundred calls per database in the suite (every run draws its full length, so that
// the minimum below is met with room to spare); MODEL_RUNS=N runs longer.
const MIN_STEPS = 40 * RUNS;
const COMMANDS_PER_RUN = 120;

type ProductKey = 'internet' | 'saber' | 'exaA' | 'exaB';
const PRODUCT_KEYS: readonly ProductKey[] = ['internet', 'saber', 'exaA', 'exaB'];
const PLATFORM: Readonly<Record<ProductKey, SvaPlatformName | null>> = {
  internet: null,
  saber: 'saber_plus',
  exaA: 'exa',
  exaB: 'exa',
};

interface ModelCustomer {
  readonly id: string;
  readonly email: string | null;
  readonly mobile: boolean;
}
interface ModelContract {
  readonly id: string;
  readonly customer: ModelCustomer;
  state: ContractState;
  items: { id: string; product: ProductKey }[];
  history: number;
}
interface ModelUser {
  id: string | null;
  readonly contractId: string;
  readonly product: ProductKey;
  readonly platform: SvaPlatformName;
  readonly email: string | null;
  status: SvaUserStatus;
}
interface Model {
  customers: ModelCustomer[];
  contracts: ModelContract[];
  users: ModelUser[];
  steps: number;
}
interface Real {
  readonly api: TestApi;
  readonly products: Readonly<Record<ProductKey, string>>;
  readonly partners: Partners;
}

const statusOf = (code: string) => ERROR_STATUS[code as ErrorCode];
const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
const usersOf = (m: Model, contractId: string) => m.users.filter((u) => u.contractId === contractId);

/** What creating a user for this product would do (SvaUser rules of seeds 002 and 003). */
function userOutcome(
  m: Model,
  contract: ModelContract,
  product: ProductKey,
): { ok: true; status: SvaUserStatus } | { ok: false; code: string } {
  const platform = PLATFORM[product]!;
  const initial = initialSvaUserStatus(platform, contract.state);
  if (!initial.ok) return { ok: false, code: initial.error.code };
  const { customer } = contract;
  if (!customer.mobile || (platform === 'exa' && !customer.email)) return { ok: false, code: 'SVA_USER_MISSING_DATA' };
  // Saber+: one user per CPF per contract; EXA: one user per product, and an e-mail is one person's.
  if (platform === 'saber_plus' && usersOf(m, contract.id).some((u) => u.platform === platform))
    return { ok: false, code: 'SVA_USER_CPF_TAKEN' };
  if (platform === 'exa' && usersOf(m, contract.id).some((u) => u.product === product))
    return { ok: false, code: 'SVA_USER_PRODUCT_TAKEN' };
  const holderOf = (u: ModelUser) => m.contracts.find((c) => c.id === u.contractId)!.customer.id;
  if (
    platform === 'exa' &&
    m.users.some((u) => u.platform === 'exa' && u.email === customer.email && holderOf(u) !== customer.id)
  )
    return { ok: false, code: 'SVA_USER_EMAIL_TAKEN' };
  return { ok: true, status: initial.value };
}

/** Seed 003: EXA products of the contract, in product order, each getting a user unless it has one. */
function autoCreate(m: Model, contract: ModelContract, products: readonly ProductKey[]) {
  const notices: { productKey: ProductKey; reason: string }[] = [];
  for (const product of (['exaA', 'exaB'] as const).filter((p) => products.includes(p))) {
    if (usersOf(m, contract.id).some((u) => u.product === product)) continue;
    const outcome = userOutcome(m, contract, product);
    if (outcome.ok)
      m.users.push({
        id: null,
        contractId: contract.id,
        product,
        platform: 'exa',
        email: contract.customer.email,
        status: outcome.status,
      });
    else notices.push({ productKey: product, reason: outcome.code });
  }
  return notices;
}

function applyEvent(m: Model, contract: ModelContract, type: ContractEventType, mode: EventMode) {
  const next = transition(contract.state, { type, mode });
  if (!next.ok) return null;
  contract.state = next.value;
  contract.history += 1;
  for (const user of usersOf(m, contract.id))
    user.status = svaUserChangeFor(user.platform, user.status, type)?.to ?? user.status;
  return type === 'activate'
    ? autoCreate(
        m,
        contract,
        contract.items.map((i) => i.product),
      )
    : [];
}

/** GET must show the model: the contract's state, products and users. */
async function expectContract(m: Model, r: Real, contract: ModelContract) {
  const { api } = r;
  const got = (await api.call('GET', `/v1/contracts/${contract.id}`)).body;
  expect({ status: got.status, accessStatus: got.accessStatus }).toEqual(contract.state);
  const items = (await api.call('GET', `/v1/contracts/${contract.id}/products`)).body.items as { id: string }[];
  expect(items.map((i) => i.id).sort()).toEqual(contract.items.map((i) => i.id).sort());
  const users = (await api.call('GET', `/v1/contracts/${contract.id}/sva-users?limit=200`)).body.items as {
    id: string;
    productId: string;
    status: string;
  }[];
  for (const user of usersOf(m, contract.id))
    user.id ??= users.find((u) => u.productId === r.products[user.product])?.id ?? null;
  const expected = usersOf(m, contract.id).map((u) => ({
    id: u.id,
    productId: r.products[u.product],
    status: u.status,
  }));
  const byId = (a: { id: string | null }, b: { id: string | null }) => String(a.id).localeCompare(String(b.id));
  expect(users.map(({ id, productId, status }) => ({ id, productId, status })).sort(byId)).toEqual(expected.sort(byId));
  const history = (await api.call('GET', `/v1/contracts/${contract.id}/events?limit=200`)).body.items as {
    at: string;
  }[];
  expect(history).toHaveLength(contract.history);
  expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort());
}

type Command = fc.AsyncCommand<Model, Real>;

const command = (
  name: string,
  check: (m: Model) => boolean,
  run: (m: Model, r: Real) => Promise<ModelContract[]>,
): Command => ({
  check,
  async run(m, r) {
    m.steps += 1;
    for (const contract of await run(m, r)) await expectContract(m, r, contract);
  },
  toString: () => name,
});

const hasContracts = (m: Model) => m.contracts.length > 0;

const commands = [
  fc.record({ email: fc.boolean(), mobile: fc.boolean() }).map(({ email, mobile }) =>
    command(
      `customer(email ${email}, mobile ${mobile})`,
      () => true,
      async (m, r) => {
        const n = m.customers.length + 1;
        const body = {
          name: `Cliente ${n}`,
          document: cpf(n),
          email: email ? `cliente${n}@example.com` : null,
          mobilePhone: mobile ? `(11) 9${String(10_000_000 + n)}` : null,
        };
        const created = await r.api.call('POST', '/v1/customers', { body });
        expect(created.status).toBe(201);
        m.customers.push({ id: created.body.id, email: body.email, mobile });
        return [];
      },
    ),
  ),
  fc.nat().map((c) =>
    command(
      `contract(customer ${c})`,
      (m) => m.customers.length > 0,
      async (m, r) => {
        const customer = pick(m.customers, c);
        const created = await r.api.call('POST', '/v1/contracts', { body: { customerId: customer.id } });
        expect(created.status).toBe(201);
        const contract: ModelContract = {
          id: created.body.id,
          customer,
          state: { status: 'pre_contract', accessStatus: 'awaiting_signature' },
          items: [],
          history: 0,
        };
        m.contracts.push(contract);
        return [contract];
      },
    ),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...PRODUCT_KEYS)).map(([c, product]) =>
    command(`addProduct(contract ${c}, ${product})`, hasContracts, async (m, r) => {
      const contract = pick(m.contracts, c);
      const added = await r.api.call('POST', `/v1/contracts/${contract.id}/products`, {
        body: { productId: r.products[product] },
      });
      if (isContractClosed(contract.state)) {
        expect(added.body.code).toBe('CONTRACT_CLOSED');
        return [contract];
      }
      expect(added.status).toBe(201);
      contract.items.push({ id: added.body.id, product });
      const notices = contract.state.status === 'active' ? autoCreate(m, contract, [product]) : [];
      expect(added.body.notices.map((n: { productId: string; reason: string }) => [n.productId, n.reason])).toEqual(
        notices.map((n) => [r.products[n.productKey], n.reason]),
      );
      return [contract];
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(([c, i]) =>
    command(
      `removeProduct(contract ${c}, item ${i})`,
      (m) => m.contracts.some((c) => c.items.length > 0),
      async (m, r) => {
        const contract = pick(
          m.contracts.filter((x) => x.items.length > 0),
          c,
        );
        const item = pick(contract.items, i);
        const removed = await r.api.call('DELETE', `/v1/contracts/${contract.id}/products/${item.id}`);
        if (isContractClosed(contract.state)) {
          expect(removed.body.code).toBe('CONTRACT_CLOSED');
          return [contract];
        }
        expect(removed.status).toBe(204);
        contract.items = contract.items.filter((x) => x.id !== item.id);
        if (!contract.items.some((x) => x.product === item.product))
          m.users = m.users.filter((u) => !(u.contractId === contract.id && u.product === item.product));
        return [contract];
      },
    ),
  ),
  fc.tuple(fc.nat(), fc.constantFrom<ProductKey>('saber', 'exaA', 'exaB')).map(([c, product]) =>
    command(`svaUser(contract ${c}, ${product})`, hasContracts, async (m, r) => {
      const contract = pick(m.contracts, c);
      const created = await r.api.call('POST', `/v1/contracts/${contract.id}/sva-users`, {
        body: { productId: r.products[product], useCustomerData: true },
      });
      const outcome = contract.items.some((i) => i.product === product)
        ? userOutcome(m, contract, product)
        : { ok: false as const, code: 'SVA_PRODUCT_NOT_ON_CONTRACT' };
      if (!outcome.ok) {
        expect({ status: created.status, code: created.body.code }).toEqual({
          status: statusOf(outcome.code),
          code: outcome.code,
        });
        return [contract];
      }
      expect(created.status).toBe(201);
      m.users.push({
        id: created.body.id,
        contractId: contract.id,
        product,
        platform: PLATFORM[product]!,
        email: contract.customer.email,
        status: outcome.status,
      });
      return [contract];
    }),
  ),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom<ContractEventType>(
        'activate',
        'activate',
        'report_late_payment',
        'block',
        'unblock',
        'cancel',
        'negativate',
        'withdraw',
      ),
      fc.constantFrom<EventMode>('manual', 'automatic'),
    )
    .map(([c, type, mode]) =>
      command(`event(contract ${c}, ${type} ${mode})`, hasContracts, async (m, r) => {
        const contract = pick(m.contracts, c);
        const answer = await r.api.call('POST', `/v1/contracts/${contract.id}/events`, { body: { type, mode } });
        // A contract is negativated only through a bureau: the events route refuses it, changing nothing.
        if (type === 'negativate') {
          expect({ status: answer.status, code: answer.body.code }).toEqual({
            status: 409,
            code: 'NEGATIVATION_ONLY_THROUGH_BUREAU',
          });
          return [contract];
        }
        const notices = applyEvent(m, contract, type, mode);
        if (notices === null) expect(answer.body.code).toBe('CONTRACT_TRANSITION_NOT_ALLOWED');
        else {
          expect(answer.status).toBe(201);
          expect(
            answer.body.notices.map((n: { productId: string; reason: string }) => [n.productId, n.reason]),
          ).toEqual(notices.map((n) => [r.products[n.productKey], n.reason]));
        }
        return [contract];
      }),
    ),
  fc
    .tuple(
      fc.uniqueArray(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom<ContractEventType>('activate', 'report_late_payment', 'block', 'unblock', 'cancel'),
    )
    .map(([cs, type]) =>
      command(`bulk(${type}, contracts ${cs.join(',')})`, hasContracts, async (m, r) => {
        const contracts = [...new Set(cs.map((c) => pick(m.contracts, c)))].sort((a, b) => a.id.localeCompare(b.id));
        const answer = await r.api.call('POST', '/v1/contracts/bulk-events', {
          body: { type, mode: 'automatic', contractIds: contracts.map((c) => c.id) },
        });
        expect(answer.status).toBe(200);
        const applied = contracts.filter((contract) => applyEvent(m, contract, type, 'automatic') !== null);
        expect([...answer.body.applied].sort()).toEqual(applied.map((c) => c.id).sort());
        return contracts;
      }),
    ),
  fc.tuple(fc.nat(), fc.constantFrom('activate', 'deactivate', 'delete')).map(([u, action]) =>
    command(
      `user(${u}, ${action})`,
      (m) => m.users.some((x) => x.id !== null),
      async (m, r) => {
        const user = pick(
          m.users.filter((x) => x.id !== null),
          u,
        );
        const contract = m.contracts.find((c) => c.id === user.contractId)!;
        if (action === 'delete') {
          expect((await r.api.call('DELETE', `/v1/sva-users/${user.id}`)).status).toBe(204);
          m.users = m.users.filter((x) => x !== user);
          return [contract];
        }
        const answer = await r.api.call('POST', `/v1/sva-users/${user.id}/${action}`);
        const change =
          action === 'activate'
            ? activateSvaUser(contract.state, user.status)
            : { ok: true as const, value: deactivateSvaUser(user.status) };
        if (!change.ok) expect(answer.body.code).toBe(change.error.code);
        else {
          expect(answer.status).toBe(200);
          user.status = change.value?.to ?? user.status;
        }
        return [contract];
      },
    ),
  ),
  fc.constant(
    command(
      'drain',
      () => true,
      async (m, r) => {
        await r.api.app.dispatcher.drain();
        expect((await r.api.call('GET', '/v1/integration-deliveries?status=dead')).body.items).toEqual([]);
        const platformStatus = (u: ModelUser) =>
          u.status === 'deactivated' && u.platform === 'exa' ? 'cancelled' : u.status;
        for (const platform of ['saber_plus', 'exa'] as const) {
          const simulator = platform === 'exa' ? r.partners.exa : r.partners.saberPlus;
          const onPlatform = new Map(simulator.users().map((u) => [u.reference, u.status]));
          const expected = new Map(
            m.users.filter((u) => u.platform === platform).map((u) => [u.id!, platformStatus(u)]),
          );
          expect(onPlatform).toEqual(expected);
        }
        return m.contracts;
      },
    ),
  ),
];

const partners = usePartners();

describeApi('random sequences of calls against a model', (ctx) => {
  test(`when ${RUNS} random sequences of up to ${COMMANDS_PER_RUN} calls run, then after each step Ponte, its model and the platforms agree`, async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(...commands), { minLength: COMMANDS_PER_RUN, maxLength: COMMANDS_PER_RUN }),
        async (cmds) => {
          await resetTables(ctx().db);
          for (const simulator of [partners().saberPlus, partners().exa])
            for (const tenant of simulator.tenants.keys()) simulator.tenants.set(tenant, new Map());
          const api = await createTestApi(ctx().db, { clock: ctx().clock });
          try {
            const post = async (url: string, body: unknown) =>
              (await api.call('POST', url, { body })).body.id as string;
            const saber = await post('/v1/sva-integrations', { platform: 'saber_plus', token: SABER_TOKEN });
            const exa = await post('/v1/sva-integrations', {
              platform: 'exa',
              url: EXA_URL,
              prefix: EXA_PREFIX,
              autoCreateUsers: true,
            });
            const product = (name: string, extra: Record<string, unknown>) =>
              post('/v1/products', { name, type: extra.svaPackage ? 'sva' : 'internet', priceCents: 990, ...extra });
            const products = {
              internet: await product('Fibra 500', {}),
              saber: await product('Saber+ Família', { svaIntegrationId: saber, svaPackage: 'SABER-FAMILIA' }),
              exaA: await product('EXA Segurança', { svaIntegrationId: exa, svaPackage: 'EXA-SEG-BASICO' }),
              exaB: await product('EXA Backup', { svaIntegrationId: exa, svaPackage: 'EXA-BACKUP-100' }),
            };
            const model: Model = { customers: [], contracts: [], users: [], steps: 0 };
            await fc.asyncModelRun(() => ({ model, real: { api, products, partners: partners() } }), [...cmds]);
            steps += model.steps;
          } finally {
            await api.app.http.close();
          }
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The runs were long enough to mean something (a command whose precondition fails is not run).
    expect(steps).toBeGreaterThanOrEqual(MIN_STEPS);
  }, 240_000);
});
