import { PLATFORM_LIMITS } from '../../src/domain/deliveries/limits';
import { describeApi } from '../helpers/api-suite';
import {
  activateWithExaUser,
  ASTERISK_ARI_URL,
  ASTERISK_LOGIN,
  EXA_PREFIX,
  SPC_LOGIN,
  SPC_URL,
  usePartners,
} from '../helpers/partners';
import { CPF, EXA_URL } from '../helpers/test-app';

/*
 * Each integration's limits over the API (docs/operations.md, "Partner limits"): what is in force
 * and why, an operator's overrides and their history, and a pause the partner asked for, seen on
 * the limits and on the deliveries that wait for it.
 */
describeApi('integration limits', (ctx) => {
  const partners = usePartners();
  const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
  const drain = () => ctx().api.app.dispatcher.drain();
  const registerExa = async () =>
    (await call('POST', '/v1/sva-integrations', { body: { platform: 'exa', url: EXA_URL, prefix: EXA_PREFIX } })).body
      .id as string;

  test('when an operator lists the integrations, then each shows its platform defaults and where they come from, and the ones Ponte has only one of are there too', async () => {
    const exa = await registerExa();
    const listed = await call('GET', '/v1/integration-limits');
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([exa, 'telecall', 'voip']));
    const item = listed.body.items.find((i: { id: string }) => i.id === exa);
    expect(item).toEqual({
      id: exa,
      platform: 'exa',
      defaults: { ...PLATFORM_LIMITS.exa, callsPerDelivery: 1 },
      overrides: { concurrency: null, ratePerSecond: null },
      inForce: { concurrency: PLATFORM_LIMITS.exa!.concurrency, ratePerSecond: PLATFORM_LIMITS.exa!.ratePerSecond },
      effectiveRatePerSecond: PLATFORM_LIMITS.exa!.ratePerSecond,
      paused: false,
      pausedUntil: null,
      pauseReason: null,
      throttledRatePerSecond: null,
      throttledAt: null,
      inFlight: 0,
      callsPerDelivery: 1,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    const telecall = await call('GET', '/v1/integration-limits/telecall');
    expect(telecall.body).toMatchObject({
      platform: 'telecall',
      defaults: PLATFORM_LIMITS.telecall,
      callsPerDelivery: 2,
    });
    // Paging goes through every integration, whatever its id.
    const first = await call('GET', '/v1/integration-limits?limit=1');
    const second = await call('GET', `/v1/integration-limits?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  test("when an operator changes an integration's limits, then they are in force, the history keeps who and what, the same values change nothing, and null goes back to the default", async () => {
    const exa = await registerExa();
    const changed = await call('PATCH', `/v1/integration-limits/${exa}`, {
      body: { ratePerSecond: 120, concurrency: 40 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      overrides: { concurrency: 40, ratePerSecond: 120 },
      inForce: { concurrency: 40, ratePerSecond: 120 },
      version: 1,
      updatedBy: expect.any(String),
    });
    expect(changed.headers.etag).toBeDefined();
    const again = await call('PATCH', `/v1/integration-limits/${exa}`, { body: { ratePerSecond: 120 } });
    expect(again.body.version).toBe(1);
    const reset = await call('PATCH', `/v1/integration-limits/${exa}`, { body: { concurrency: null } });
    expect(reset.body).toMatchObject({
      overrides: { concurrency: null, ratePerSecond: 120 },
      inForce: { concurrency: PLATFORM_LIMITS.exa!.concurrency, ratePerSecond: 120 },
      version: 2,
    });
    const history = await call('GET', `/v1/integration-limits/${exa}/history`);
    expect(history.body.items.map((c: { before: unknown; after: unknown }) => [c.before, c.after])).toEqual([
      [
        { concurrency: null, ratePerSecond: null },
        { concurrency: 40, ratePerSecond: 120 },
      ],
      [
        { concurrency: 40, ratePerSecond: 120 },
        { concurrency: null, ratePerSecond: 120 },
      ],
    ]);
    expect(history.body.items[0]).toMatchObject({ integrationId: exa, actor: changed.body.updatedBy });
    // The one Ponte has only one of takes overrides the same way.
    const voip = await call('PATCH', '/v1/integration-limits/voip', { body: { concurrency: 2 } });
    expect(voip.body).toMatchObject({ id: 'voip', inForce: { concurrency: 2 } });
  });

  test('when the limits asked for are out of range or the integration is unknown, then the answer says which field or that there is no such integration', async () => {
    const exa = await registerExa();
    for (const body of [{ concurrency: 0 }, { ratePerSecond: -1 }, { concurrency: 2.5 }, {}, { paused: true }]) {
      const answer = await call('PATCH', `/v1/integration-limits/${exa}`, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await call('PATCH', '/v1/integration-limits/0193a4f0-0000-7000-8000-000000000000', {
      body: { concurrency: 3 },
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INTEGRATION_NOT_FOUND']);
    expect((await call('GET', '/v1/integration-limits/not-a-key!')).status).toBe(400);
    expect((await call('GET', '/v1/integration-limits/nowhere/history')).body.code).toBe('INTEGRATION_NOT_FOUND');
  });

  test('when the partner answers 429 with Retry-After, then the integration is paused: its pending deliveries and its limits say until when and why, nothing goes meanwhile, and once resumed the delivery goes through without having used a try', async () => {
    partners().exa.setFaults({ script: ['429'], retryAfterSeconds: 30 });
    await activateWithExaUser(call);
    expect(await drain()).toBe(1);
    const waiting = await call('GET', '/v1/integration-deliveries?status=pending');
    const [delivery] = waiting.body.items;
    expect(delivery.paused).toEqual({ until: expect.any(String), reason: expect.stringContaining('429') });
    const pausedFor = Date.parse(delivery.paused.until) - Date.now();
    expect(pausedFor).toBeGreaterThan(25_000);
    expect(pausedFor).toBeLessThanOrEqual(30_000);
    const limits = await call('GET', `/v1/integration-limits/${delivery.integrationId}`);
    expect(limits.body).toMatchObject({
      paused: true,
      pauseReason: delivery.paused.reason,
      throttledAt: expect.any(String),
    });

    // Its own next try is the partner's Retry-After away too: even once due, the pause holds it.
    ctx().clock.advance(31_000);
    expect(await drain()).toBe(0);
    const resumed = await call('POST', `/v1/integration-limits/${delivery.integrationId}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, pausedUntil: null });
    expect(await drain()).toBe(1);
    const done = await call('GET', `/v1/integration-deliveries/${delivery.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', attempts: 2, paused: null });
    const row = await ctx().db.sql.query<{ attempts_before_retry: number }>(
      `SELECT attempts_before_retry FROM integration_deliveries WHERE id = $1`,
      [delivery.id],
    );
    expect(row[0]!.attempts_before_retry).toBe(1);
  });

  test('when deliveries take more than one partner call, then the integration learns how many and shows it', async () => {
    const customer = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF } })).body;
    const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
    await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
    // TeleCall answers at once now: one call a delivery, not the operation and a read of the line.
    partners().telecall.lateness = 0;
    const created = await call('POST', `/v1/contracts/${contract.id}/mvno-lines`, {
      body: { msisdn: '(11) 98765-4321', iccid: '8955101000000000005', plan: 'TELECALL-10GB' },
    });
    expect(created.status).toBe(201);
    expect(await drain()).toBe(1);
    const once = (await call('GET', '/v1/integration-limits/telecall')).body.callsPerDelivery as number;
    expect(once).toBeLessThan(2);
    partners().telecall.lateness = 1;
    await call('PATCH', `/v1/mvno-lines/${created.body.id}`, { body: { status: 'blocked_partial' } });
    expect(await drain()).toBe(1);
    expect((await call('GET', '/v1/integration-limits/telecall')).body.callsPerDelivery).toBeGreaterThan(once);
  });

  describe('calls made while a client waits go through the same limits', () => {
    /** An Asterisk with an agent on it, and a customer to call. */
    const agentOnAsterisk = async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (
        await call('POST', '/v1/pbx', { body: { type: 'asterisk', ariUrl: ASTERISK_ARI_URL, ...ASTERISK_LOGIN } })
      ).body;
      const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '4021' } }))
        .body;
      return { pbx: pbx.id as string, agent: agent.id as string };
    };
    const clickToCall = (agentId: string) => call('POST', '/v1/calls', { body: { agentId, to: '(11) 98765-4321' } });

    test('when a PBX answers a click-to-call 429 with Retry-After, then the agent is told to wait as long, the PBX shows the pause, and nothing more is sent to it until an operator resumes it', async () => {
      const { pbx, agent } = await agentOnAsterisk();
      const listed = (await call('GET', '/v1/integration-limits')).body.items.find((i: { id: string }) => i.id === pbx);
      expect(listed).toMatchObject({ platform: 'asterisk', defaults: PLATFORM_LIMITS.asterisk, paused: false });

      partners().asterisk.setFaults({ script: ['429'], retryAfterSeconds: 30 });
      const refused = await clickToCall(agent);
      expect([refused.status, refused.body.code, refused.headers['retry-after']]).toEqual([
        503,
        'PARTNER_THROTTLED',
        '30',
      ]);
      expect((await call('GET', `/v1/integration-limits/${pbx}`)).body).toMatchObject({
        paused: true,
        pauseReason: expect.stringContaining('429'),
      });
      // Refused by Ponte now, without a call: the PBX would have placed this one.
      const before = partners().asterisk.calls.size;
      const held = await clickToCall(agent);
      expect([held.status, held.body.code]).toEqual([503, 'PARTNER_THROTTLED']);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(20);
      expect(partners().asterisk.calls.size).toBe(before);

      await call('POST', `/v1/integration-limits/${pbx}/resume`);
      expect((await clickToCall(agent)).status).toBe(202);
      expect(partners().asterisk.calls.size).toBe(before + 1);
      expect((await call('GET', `/v1/integration-limits/${pbx}`)).body.inFlight).toBe(0);
    });

    test("when a PBX's rate is set, then click-to-calls made at once start one interval apart", async () => {
      const { pbx, agent } = await agentOnAsterisk();
      await call('PATCH', `/v1/integration-limits/${pbx}`, { body: { ratePerSecond: 4 } });
      const started = performance.now();
      const placed = await Promise.all([1, 2, 3].map(() => clickToCall(agent)));
      expect(placed.map((p) => p.status)).toEqual([202, 202, 202]);
      // Three starts at 4 a second: the third a half second after the first, at the earliest.
      expect(performance.now() - started).toBeGreaterThanOrEqual(480);
    });

    test("when every place of a bureau's integration is taken, then a consult waits, is refused without reaching the bureau nor being kept, and goes through once a place is free", async () => {
      const spc = (
        await call('POST', '/v1/credit-integrations', { body: { bureau: 'spc', url: SPC_URL, ...SPC_LOGIN } })
      ).body.id as string;
      await call('PATCH', `/v1/integration-limits/${spc}`, { body: { concurrency: 1 } });
      // Another process's call in flight on it holds its only place.
      await ctx().db.sql.query(
        `INSERT INTO integration_leases (token, key, held, leased_until) VALUES (gen_random_uuid(), $1, 1, $2)`,
        [spc, new Date(ctx().clock.now().getTime() + 60_000)],
      );
      const consult = () =>
        call('POST', '/v1/credit-consultations', {
          body: { document: CPF, integrationId: spc, purpose: 'Novo contrato de fibra' },
        });
      const started = performance.now();
      const refused = await consult();
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
      expect([refused.status, refused.body.code, refused.headers['retry-after']]).toEqual([
        503,
        'PARTNER_THROTTLED',
        '1',
      ]);
      expect((await call('GET', '/v1/credit-consultations')).body.items).toEqual([]);
      // That call's lease ends: its place is free again.
      ctx().clock.advance(61_000);
      expect((await consult()).status).toBe(201);
    });
  });
});
