import { describeApi } from '../helpers/api-suite';
import { cpf } from '../helpers/generators';
import { EXA_PREFIX, usePartners } from '../helpers/partners';
import { createTestApi, EXA_URL, type TestApi } from '../helpers/test-app';

/*
 * Two Ponte processes on one database: the first takes requests and runs no dispatcher, the
 * second runs one that polls only every minute. Work the first queues must reach the second at
 * once, through the database, not at its next poll.
 */
const partners = usePartners();
const SLOW_POLL = { DISPATCH_POLL_MS: '60000' };

describeApi(
  'work queued by another process',
  (ctx, kind) => {
    let worker: TestApi | null = null;
    afterEach(async () => {
      await worker?.app.http.close();
      worker = null;
    });

    /** A contract with the EXA product, activated: its SVA user's creation is queued. */
    async function activateContract(api: TestApi, productId: string, i: number) {
      const customer = (
        await api.call('POST', '/v1/customers', {
          body: {
            name: `Cliente ${i}`,
            document: cpf(i),
            email: `c${i}@example.com`,
            mobilePhone: `(11) 9${String(10_000_000 + i)}`,
          },
        })
      ).body;
      const contract = (await api.call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
      await api.call('POST', `/v1/contracts/${contract.id}/products`, { body: { productId } });
      expect(
        (await api.call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } })).status,
      ).toBe(201);
    }

    const delivered = async (count: number, withinMs: number) => {
      const deadline = Date.now() + withinMs;
      while (partners().exa.users().length < count && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      return partners().exa.users().length;
    };

    test('when one process queues partner effects, then a dispatcher in another process delivers them at once rather than at its next poll', async () => {
      const { api } = ctx();
      const exa = (
        await api.call('POST', '/v1/sva-integrations', {
          body: { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX, autoCreateUsers: true },
        })
      ).body;
      const product = (
        await api.call('POST', '/v1/products', {
          body: { name: 'EXA', type: 'sva', priceCents: 990, svaIntegrationId: exa.id, svaPackage: 'EXA-SEG-BASICO' },
        })
      ).body;
      worker = await createTestApi(ctx().db, { env: SLOW_POLL });
      await worker.app.dispatcher.start();
      // Its first look found nothing; the next poll is a minute away.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await activateContract(api, product.id, 1);
      expect(await delivered(1, 10_000)).toBe(1);

      if (kind === 'postgresql') {
        // The connection it listens on is cut: it listens again, and work queued after that is seen at once too.
        await ctx().db.sql.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
        );
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await activateContract(api, product.id, 2);
        expect(await delivered(2, 10_000)).toBe(2);
      }
    }, 30_000);
  },
  { realClock: true },
);
