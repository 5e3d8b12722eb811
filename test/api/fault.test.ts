import { createSqlDeliveryQueue } from '../../src/adapters/db/deliveries/queue';
import { allowedEvents } from '../../src/domain/contracts/contract-transitions';
import type { ContractState } from '../../src/domain/contracts/contract';
import { describeApi } from '../helpers/api-suite';
import { EXA_PREFIX, FRONTEND_URL, SABER_TOKEN, usePartners } from '../helpers/partners';
import { cpf, seeded } from '../helpers/generators';
import { createTestApi, EXA_URL, TEST_ENV } from '../helpers/test-app';

const CONTRACTS = 30;
const EVENTS_PER_CONTRACT = 8;
const FAULT_ENV = {
  DISPATCH_RETRY_BASE_MS: '20',
  DISPATCH_RETRY_MAX_MS: '250',
  DISPATCH_MAX_ATTEMPTS: '100',
  DISPATCH_POLL_MS: '25',
  DISPATCH_CONCURRENCY: '8',
  DISPATCH_LEASE_MS: '1000',
  // Webhook deliveries retry fast here, and often enough never to give up on a receiver failing 30 %.
  WEBHOOK_RETRY_SCHEDULE_MS: ['20', '40', '80', '160', ...Array.from({ length: 16 }, () => '250')].join(','),
};

const partners = usePartners({ random: seeded(42) });

/** A valid ICCID per contract: 18 digits and a Luhn check digit. */
function iccid(i: number): string {
  const body = `895510100${String(i).padStart(9, '0')}`;
  for (let check = 0; check < 10; check += 1) {
    const candidate = `${body}${check}`;
    const sum = [...candidate].reverse().reduce((total, c, k) => {
      const d = Number(c) * (k % 2 === 1 ? 2 : 1);
      return total + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

describeApi(
  'partner effects under faults',
  (ctx) => {
    let stopSecond: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await stopSecond?.();
      stopSecond = null;
    });

    test('when hundreds of contract events meet failing platforms, a failing webhook endpoint and a dispatcher restart, then every SVA user, SIP line and TeleCall line ends as Ponte says, once, and every event arrives, in order per contract', async () => {
      const { api } = ctx();
      const random = seeded(7);
      const call = api.call.bind(api);
      // Lines follow the contract: SIP lines block with it, TeleCall lines block partially when late and totally when blocked.
      await call('PATCH', '/v1/settings/integrations', {
        body: {
          voip: { blockLinesWithContract: true },
          mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
        },
      });

      const saber = (
        await call('POST', '/v1/sva-integrations', { body: { platform: 'saber_plus', token: SABER_TOKEN } })
      ).body;
      const exa = (
        await call('POST', '/v1/sva-integrations', {
          body: { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX, autoCreateUsers: true },
        })
      ).body;
      const product = async (svaIntegrationId: string, svaPackage: string) =>
        (
          await call('POST', '/v1/products', {
            body: { name: svaPackage, type: 'sva', priceCents: 990, svaIntegrationId, svaPackage },
          })
        ).body.id as string;
      const saberProduct = await product(saber.id, 'SABER-FAMILIA');
      const exaProduct = await product(exa.id, 'EXA-SEG-FAMILIA');
      expect([saberProduct, exaProduct]).toEqual([expect.any(String), expect.any(String)]);
      // The platforms fail from here on: every effect goes through the outbox.
      partners().saberPlus.setFaults({
        failureRate: 0.2,
        timeoutRate: 0.1,
        rateLimitRate: 0.03,
        retryAfterSeconds: 1,
        hangMs: 400,
      });
      partners().exa.setFaults({
        failureRate: 0.2,
        timeoutRate: 0.1,
        rateLimitRate: 0.03,
        retryAfterSeconds: 1,
        hangMs: 400,
      });
      partners().voip.setFaults({
        failureRate: 0.2,
        timeoutRate: 0.1,
        rateLimitRate: 0.03,
        retryAfterSeconds: 1,
        hangMs: 400,
      });
      partners().telecall.setFaults({
        failureRate: 0.15,
        timeoutRate: 0.05,
        rateLimitRate: 0.03,
        retryAfterSeconds: 1,
        hangMs: 400,
      });

      // A frontend that fails 30 % of the time: every contract's events still arrive, in order.
      const endpoint = (
        await call('POST', '/v1/webhook-endpoints', {
          body: { url: `${FRONTEND_URL}/erp`, eventTypes: ['contract.status_changed'] },
        })
      ).body;
      partners().webhooks.configure('erp', { secret: endpoint.secret, failWith: 500, failRate: 0.3 });

      const contracts: { id: string; state: ContractState }[] = [];
      for (let i = 0; i < CONTRACTS; i += 1) {
        const customer = (
          await call('POST', '/v1/customers', {
            body: {
              name: `Cliente ${i}`,
              document: cpf(i + 1),
              email: `cliente${i}@example.com`,
              mobilePhone: `(11) 9${String(10_000_000 + i)}`,
            },
          })
        ).body;
        const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
        await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId: exaProduct } });
        await call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId: saberProduct } });
        const activated = (await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } }))
          .body.contract;
        const user = await call('POST', `/v1/contracts/${contract.id}/sva-users`, {
          body: { productId: saberProduct, useCustomerData: true },
        });
        expect([user.status, user.body.code, user.body.detail]).toEqual([201, undefined, undefined]);
        const sip = await call('POST', `/v1/contracts/${contract.id}/voip-lines`, {
          body: { extension: String(4000 + i), number: `(11) 3${String(1_000_000 + i)}` },
        });
        expect(sip.status).toBe(201);
        const mobile = await call('POST', `/v1/contracts/${contract.id}/mvno-lines`, {
          body: { msisdn: `(11) 9${String(20_000_000 + i)}`, iccid: iccid(i), plan: 'TELECALL-10GB' },
        });
        expect(mobile.status).toBe(201);
        contracts.push({ id: contract.id, state: activated });
      }
      // One dispatcher "crashed" holding leases; two others, as in two processes, share the work.
      const crashed = await createSqlDeliveryQueue(ctx().db.sql).claim(5, 1_000, new Date());
      expect(crashed).toHaveLength(5);
      const second = await createTestApi(ctx().db, { env: { ...TEST_ENV, ...FAULT_ENV } });
      stopSecond = () => second.app.http.close();
      void api.app.dispatcher.start();
      void second.app.dispatcher.start();

      let events = 0;
      await Promise.all(
        contracts.map(async (contract, index) => {
          for (let step = 0; step < EVENTS_PER_CONTRACT; step += 1) {
            // Keep most contracts alive: a closing event only once in a while.
            // A trust release needs an overdue charge and its days: the overdue tests cover it.
            const choices = allowedEvents(contract.state).filter(
              (e) =>
                e !== 'trust_release' && (['cancel', 'negativate', 'withdraw'].includes(e) ? random() < 0.08 : true),
            );
            if (choices.length === 0) break;
            const type = choices[Math.floor(random() * choices.length)]!;
            const response = await call('POST', `/v1/contracts/${contract.id}/events`, {
              body: { type, mode: random() < 0.5 ? 'manual' : 'automatic' },
            });
            expect(response.status).toBe(201);
            contract.state = response.body.contract;
            events += 1;
            if (index === 0 && step === 3) {
              await second.app.dispatcher.stop();
              void second.app.dispatcher.start();
            }
          }
        }),
      );
      expect(events).toBeGreaterThanOrEqual(CONTRACTS * 3);
      // Another dispatcher dies (kill -9) in the middle of its calls: what it held waits out its lease.
      await createSqlDeliveryQueue(ctx().db.sql).claim(10, 1_000, new Date());

      const queue = createSqlDeliveryQueue(ctx().db.sql);
      const deadline = Date.now() + 90_000;
      while ((await queue.counts()).pending > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await api.app.dispatcher.stop();
      await second.app.dispatcher.stop();
      expect(await queue.counts()).toMatchObject({ pending: 0, dead: 0 });

      const byUser = (a: { username: string }, b: { username: string }) =>
        a.username < b.username ? -1 : a.username > b.username ? 1 : 0;
      const ponte = (
        await ctx().db.sql.query<{ platform: string; username: string; status: string }>(
          'SELECT platform, username, status FROM sva_users',
        )
      ).sort(byUser);
      const onPlatform = [
        ...partners()
          .saberPlus.users()
          .map((u) => ({ platform: 'saber_plus', username: u.username, status: u.status })),
        ...partners()
          .exa.users()
          .map((u) => ({
            platform: 'exa',
            username: u.username,
            status: u.status === 'cancelled' ? 'deactivated' : u.status,
          })),
      ].sort(byUser);
      expect(ponte.length).toBe(CONTRACTS * 2);
      expect(onPlatform).toEqual(ponte);
      expect(partners().saberPlus.calls + partners().exa.calls).toBeGreaterThan(ponte.length);

      const sipLines = await ctx().db.sql.query<{ id: string; status: string }>(
        'SELECT id, status FROM sip_lines ORDER BY id',
      );
      expect(sipLines).toHaveLength(CONTRACTS);
      expect(
        [...partners().voip.lines.values()]
          .map((l) => ({ id: l.reference, status: l.status }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      ).toEqual(sipLines);
      const mobileLines = await ctx().db.sql.query<{ id: string; status: string }>(
        'SELECT id, status FROM mvno_lines ORDER BY id',
      );
      expect(mobileLines).toHaveLength(CONTRACTS);
      expect(mobileLines.filter((l) => l.status === 'pending')).toEqual([]);
      // An operation TeleCall accepted (202) whose answer a timeout lost finishes on its own.
      partners().telecall.finishAll();
      expect(
        [...partners().telecall.lines.values()]
          .map((l) => ({ id: l.reference, status: l.status }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      ).toEqual(mobileLines);

      // Every event arrived verified, under its own id; the first arrival of each, contract by contract, in the order written.
      const written = await ctx().db.sql.query<{ id: string; contract_id: string }>(
        `SELECT id, contract_id FROM events WHERE type = 'contract.status_changed' ORDER BY seq`,
      );
      const received = partners().webhooks.received('erp');
      expect(received.every((m) => m.verified === true && m.id === (m.body as { id: string }).id)).toBe(true);
      const arrived = received.filter((m) => m.answered === 204).map((m) => m.id!);
      expect(new Set(arrived)).toEqual(new Set(written.map((e) => e.id)));
      const contractOf = new Map(written.map((e) => [e.id, e.contract_id]));
      const firstArrivals = (contractId: string) =>
        [...new Set(arrived)].filter((id) => contractOf.get(id) === contractId);
      for (const { id } of contracts)
        expect(firstArrivals(id)).toEqual(written.filter((e) => e.contract_id === id).map((e) => e.id));
      expect(received.some((m) => m.answered === 500)).toBe(true);
    }, 120_000);
  },
  { env: FAULT_ENV, realClock: true },
);
