import { describeApi } from '../helpers/api-suite';
import { eventually } from '../helpers/eventually';
import { listen, readStream, type StreamEvent } from '../helpers/listening';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/*
 * Issue 13, "Done when", over real HTTP in the sandbox: a sandbox Asterisk and an agent; a
 * click-to-call followed on the agent's stream as the PBX plays the call back; an inbound call
 * placed on demand from a number two customers share to a registered DDR, popping up both,
 * attached to one, with a contact whose traffic source is fixed; the recording of the first call,
 * streamed and played to the extension.
 */
describeApi(
  'PBX in the sandbox, over HTTP',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    let base: string;
    beforeEach(async () => {
      base = await listen(ctx().api.app);
      for (const service of ctx().api.app.background) service.start();
    });

    const watch = async (agentId: string, until: (events: readonly StreamEvent[]) => boolean) => {
      const stream = readStream(
        `${base}/v1/agents/${agentId}/stream`,
        { authorization: `Bearer ${ctx().api.adminKey}` },
        until,
      );
      await stream.opened;
      return { events: stream.events };
    };

    test('when an agent clicks to call a customer, then the stream follows the call to its end; an inbound call from a shared number pops up both customers', async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (
        await call('POST', '/v1/pbx', {
          body: {
            type: 'asterisk',
            ariUrl: `${base}/sandbox/pbx/asterisk/ari`,
            username: 'ponte',
            password: 'qualquer-senha',
          },
        })
      ).body;
      // Ponte opens ARI's events WebSocket itself: the sandbox Asterisk never posts to it.
      const connection = await eventually(async () => {
        const { eventConnection } = (await call('GET', `/v1/pbx/${pbx.id}`)).body;
        return eventConnection.state === 'connected' ? eventConnection : undefined;
      }, 'the event connection');
      expect(connection.holder).toEqual(expect.any(String));
      const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '4021' } }))
        .body;
      const maria = (
        await call('POST', '/v1/customers', {
          body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' },
        })
      ).body;
      await call('POST', '/v1/customers', {
        body: { name: 'João Lima', document: OTHER_CPF, phones: ['(11) 98765-4321'] },
      });
      const newspaper = (
        await call('POST', '/v1/traffic-sources', { body: { name: 'Anúncio no jornal', ddr: '(51) 2101-0001' } })
      ).body;
      const social = (
        await call('POST', '/v1/traffic-sources', { body: { name: 'Redes sociais', ddr: '(51) 2101-0002' } })
      ).body;

      const followed = await watch(agent.id, (events) =>
        events.some((e) => e.event === 'call' && e.data.state === 'ended'),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const placed = await call('POST', '/v1/calls', {
        body: { agentId: agent.id, customerId: maria.id, phone: 'mobile' },
      });
      expect(placed.status).toBe(202);
      const outbound = await followed.events;
      expect(outbound.filter((e) => e.event === 'call').map((e) => e.data.state)).toEqual(
        expect.arrayContaining(['answered', 'ended']),
      );
      expect((await call('GET', `/v1/calls/${placed.body.id}`)).body).toMatchObject({
        state: 'ended',
        durationSeconds: expect.any(Number),
        customerId: maria.id,
      });

      const popped = await watch(agent.id, (events) =>
        events.some((e) => e.event === 'call' && e.data.direction === 'inbound'),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const inbound = await fetch(`${base}/sandbox/pbx/_sandbox/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx().api.adminKey}` },
        body: JSON.stringify({ from: '11987654321', did: '5121010001', extension: '4021' }),
      });
      expect(inbound.status).toBe(201);
      const [pop] = (await popped.events).filter((e) => e.event === 'call' && e.data.direction === 'inbound');
      expect(pop!.data).toMatchObject({ state: 'ringing', from: '+5511987654321', did: '+555121010001' });
      expect(pop!.data.matches.map((m: { name: string }) => m.name).sort()).toEqual(['João Lima', 'Maria Souza']);

      const attached = await call('POST', `/v1/calls/${pop!.data.id}/customer`, {
        body: { customerId: maria.id, phoneField: 'mobilePhone' },
      });
      expect(attached).toMatchObject({ status: 200, body: { customerId: maria.id } });
      const contact = await call('POST', `/v1/calls/${pop!.data.id}/contact`, {
        body: { subject: 'Quer saber dos planos de fibra' },
      });
      expect(contact).toMatchObject({
        status: 201,
        body: { customerId: maria.id, trafficSourceId: newspaper.id, trafficSourceFixed: true },
      });
      expect(
        await call('PATCH', `/v1/contacts/${contact.body.id}`, { body: { trafficSourceId: social.id } }),
      ).toMatchObject({ status: 409, body: { code: 'TRAFFIC_SOURCE_FIXED' } });

      const recording = await fetch(`${base}/v1/calls/${placed.body.id}/recording`, {
        headers: { authorization: `Bearer ${ctx().api.adminKey}` },
      });
      expect(recording.status).toBe(200);
      expect(recording.headers.get('content-type')).toMatch(/^audio\//);
      expect(
        Buffer.from(await recording.arrayBuffer())
          .subarray(0, 4)
          .toString(),
      ).toBe('RIFF');
      expect(
        await call('POST', `/v1/calls/${placed.body.id}/recording/playback`, { body: { to: '4021' } }),
      ).toMatchObject({ status: 202 });
    }, 30_000);
  },
  { env: { SANDBOX: 'on' }, realClock: true },
);
