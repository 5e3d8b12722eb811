import { describeApi } from '../helpers/api-suite';
import { eventually } from '../helpers/eventually';
import { listen } from '../helpers/listening';
import { createTestApi, type TestApi } from '../helpers/test-app';

/*
 * The PBXs' event connections (docs/partners.md, "Event connections"): one Ponte process holds
 * each, by a lease in PostgreSQL; another takes a PBX over once its holder stops renewing; a
 * connection back from a gap ends the calls the PBX no longer has; refused credentials show the
 * PBX down without a tight loop. Two apps on one database stand for two processes.
 */
describeApi(
  'PBX event connections',
  (ctx) => {
    let base: string;
    let other: TestApi | null = null;
    beforeEach(async () => {
      base = await listen(ctx().api.app);
      await ctx().api.call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
    });
    afterEach(async () => {
      await other?.app.http.close();
      other = null;
    });

    const asterisk = async (password = 'senha-do-ari') =>
      (
        await ctx().api.call('POST', '/v1/pbx', {
          body: { type: 'asterisk', ariUrl: `${base}/sandbox/pbx/asterisk/ari`, username: 'ponte', password },
        })
      ).body;
    const connectionOf = async (id: string) => (await ctx().api.call('GET', `/v1/pbx/${id}`)).body.eventConnection;
    const start = (api: TestApi) => {
      for (const service of api.app.background) service.start();
    };

    test('when two processes run, then exactly one holds the connection; once its holder stops renewing, the other takes it over', async () => {
      const pbx = await asterisk();
      expect(await connectionOf(pbx.id)).toMatchObject({ state: 'connecting', holder: null });
      // A holder that died: its lease runs a few more seconds, and nobody renews it.
      await ctx().db.sql.query(
        `INSERT INTO pbx_event_connections (pbx_id, holder, lease_until, state, since, updated_at)
         VALUES ($1::uuid, 'gone-host:1:dead', now() + interval '3 seconds', 'connected', now(), now())`,
        [pbx.id],
      );
      other = await createTestApi(ctx().db, { env: { SANDBOX: 'on' } });
      start(ctx().api);
      start(other);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await connectionOf(pbx.id)).toMatchObject({ state: 'connected', holder: 'gone-host:1:dead' });
      const died = Date.now();
      const taken = await eventually(async () => {
        const connection = await connectionOf(pbx.id);
        return connection.state === 'connected' && connection.holder !== 'gone-host:1:dead' ? connection : undefined;
      }, 'another process to take the PBX over');
      expect(Date.now() - died).toBeLessThan(10_000);
      expect(ctx().api.app.sandbox!.pbx.asterisk.connectedApplications).toBe(1);

      // The holder stops (a deploy): it gives its lease up, and the other process connects at once.
      const [holding, waiting] = [ctx().api, other].sort((a) =>
        a.app.background[0]!.holder === taken.holder ? -1 : 1,
      );
      expect(holding!.app.background[0]!.holder).toBe(taken.holder);
      const stopped = Date.now();
      await holding!.app.background[0]!.stop();
      await eventually(async () => {
        const connection = await connectionOf(pbx.id);
        return connection.state === 'connected' && connection.holder === waiting!.app.background[0]!.holder
          ? connection
          : undefined;
      }, 'the other process to connect');
      expect(Date.now() - stopped).toBeLessThan(4_000);
    }, 30_000);

    test('when a connection comes back from a gap, then a call the PBX no longer has is ended, not left ringing', async () => {
      const pbx = await asterisk();
      const secret = (
        await ctx().api.call('PATCH', `/v1/pbx/${pbx.id}`, { body: { eventSecret: 'segredo-de-eventos-1234' } })
      ).body;
      expect(secret.id).toBe(pbx.id);
      // A call heard before the gap (relayed), which ended on the PBX while nobody listened.
      const relayed = await fetch(`${base}/v1/pbx/${pbx.id}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer segredo-de-eventos-1234' },
        body: JSON.stringify({
          type: 'ChannelCreated',
          timestamp: new Date(Date.now() - 60_000).toISOString(),
          channel: {
            id: '1732370000.7',
            name: 'PJSIP/trunk-00000007',
            caller: { number: '11987654321' },
            dialplan: { context: 'from-trunk', exten: '5121010001' },
          },
        }),
      });
      expect(relayed.status).toBe(200);
      const { items } = (await ctx().api.call('GET', '/v1/calls')).body;
      expect(items[0]).toMatchObject({ externalId: '1732370000.7', state: 'ringing' });
      start(ctx().api);
      const ended = await eventually(async () => {
        const call = (await ctx().api.call('GET', `/v1/calls/${items[0].id}`)).body;
        return call.state === 'ended' ? call : undefined;
      }, 'the call missed in the gap to end');
      expect(ended).toMatchObject({ unanswered: true });
      expect(await connectionOf(pbx.id)).toMatchObject({ state: 'connected' });
    }, 30_000);

    test('when the WebSocket drops mid-call, then Ponte connects again and the call still ends right', async () => {
      const pbx = await asterisk();
      await ctx().api.call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '4021' } });
      start(ctx().api);
      const first = await eventually(async () => {
        const connection = await connectionOf(pbx.id);
        return connection.state === 'connected' ? connection : undefined;
      }, 'the connection');
      const sandbox = ctx().api.app.sandbox!.pbx.asterisk;
      const inbound = sandbox.inbound({ from: '11987654321', did: '5121010001', extension: '4021' })!;
      await eventually(async () => {
        const { items } = (await ctx().api.call('GET', '/v1/calls')).body;
        return items[0]?.state === 'answered' ? true : undefined;
      }, 'the call answered');
      const dropped = await fetch(`${base}/sandbox/pbx/asterisk/_sandbox/drop-connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx().api.adminKey}` },
      });
      expect(dropped.status).toBe(204);
      const again = await eventually(
        async () => {
          const connection = await connectionOf(pbx.id);
          return connection.state === 'connected' && connection.since !== first.since ? connection : undefined;
        },
        'the connection opened again',
        10_000,
      );
      expect(again.lastError).toMatch(/closed by the PBX/);
      const ended = await eventually(
        async () => {
          const { items } = (await ctx().api.call('GET', '/v1/calls')).body;
          return items[0]?.state === 'ended' ? items[0] : undefined;
        },
        'the call to end',
        15_000,
      );
      expect(ended).toMatchObject({ externalId: inbound.id, unanswered: false, extension: '4021' });
      expect(ended.durationSeconds).toBeGreaterThanOrEqual(3);
    }, 30_000);

    test('when the PBX refuses the credentials, then it shows down with the reason, and Ponte does not try again at once', async () => {
      // The sandbox Asterisk's user `ponte` has the password the first Asterisk pointed at it gave.
      await ctx().api.call('PATCH', `/v1/pbx/${(await asterisk()).id}`, { body: { active: false } });
      const wrong = await asterisk('senha-errada');
      start(ctx().api);
      const down = await eventually(async () => {
        const connection = await connectionOf(wrong.id);
        return connection.state === 'down' ? connection : undefined;
      }, 'the PBX to show down');
      expect(down.lastError).toMatch(/credentials|refused|401/i);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await connectionOf(wrong.id)).toMatchObject({ state: 'down', since: down.since });
    }, 30_000);
  },
  { env: { SANDBOX: 'on' }, realClock: true },
);
