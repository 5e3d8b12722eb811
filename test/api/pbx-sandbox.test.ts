import { describeApi } from '../helpers/api-suite';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/*
 * Issue 13, "Done when", over real HTTP in the sandbox: a sandbox Asterisk and an agent; a
 * click-to-call followed on the agent's stream as the PBX plays the call back; an inbound call
 * placed on demand from a number two customers share, popping up both.
 */
describeApi(
  'PBX in the sandbox, over HTTP',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    let base: string;
    beforeEach(async () => {
      await ctx().api.app.http.listen({ port: 0, host: '127.0.0.1' });
      const address = ctx().api.app.http.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    async function watch(agentId: string, until: (events: { event: string; data: any }[]) => boolean) {
      const controller = new AbortController();
      const response = await fetch(`${base}/v1/agents/${agentId}/stream`, { headers: { authorization: `Bearer ${ctx().api.adminKey}` }, signal: controller.signal });
      const reader = response.body!.getReader();
      const events: { event: string; data: any }[] = [];
      let buffer = '';
      const done = (async () => {
        const deadline = Date.now() + 12_000;
        while (!until(events) && Date.now() < deadline) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          buffer += new TextDecoder().decode(value);
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
            if (field('event')) events.push({ event: field('event')!, data: JSON.parse(field('data')!) });
          }
        }
        controller.abort();
        return events;
      })();
      return done;
    }

    test('when an agent clicks to call a customer, then the stream follows the call to its end; an inbound call from a shared number pops up both customers', async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (await call('POST', '/v1/pbx', { body: { type: 'asterisk', ariUrl: `${base}/sandbox/pbx/asterisk/ari`, username: 'ponte', password: 'qualquer-senha' } })).body;
      const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '4021' } })).body;
      const maria = (await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' } })).body;
      await call('POST', '/v1/customers', { body: { name: 'João Lima', document: OTHER_CPF, phones: ['(11) 98765-4321'] } });

      const followed = watch(agent.id, (events) => events.some((e) => e.event === 'call' && e.data.state === 'ended'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const placed = await call('POST', '/v1/calls', { body: { agentId: agent.id, customerId: maria.id, phone: 'mobile' } });
      expect(placed.status).toBe(202);
      const outbound = await followed;
      expect(outbound.filter((e) => e.event === 'call').map((e) => e.data.state)).toEqual(expect.arrayContaining(['answered', 'ended']));
      expect((await call('GET', `/v1/calls/${placed.body.id}`)).body).toMatchObject({ state: 'ended', durationSeconds: expect.any(Number), customerId: maria.id });

      const popped = watch(agent.id, (events) => events.some((e) => e.event === 'call' && e.data.direction === 'inbound'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const inbound = await fetch(`${base}/sandbox/pbx/_sandbox/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx().api.adminKey}` },
        body: JSON.stringify({ from: '11987654321', did: '5121010001', extension: '4021' }),
      });
      expect(inbound.status).toBe(201);
      const [pop] = (await popped).filter((e) => e.event === 'call' && e.data.direction === 'inbound');
      expect(pop!.data).toMatchObject({ state: 'ringing', from: '+5511987654321', did: '+555121010001' });
      expect(pop!.data.matches.map((m: { name: string }) => m.name).sort()).toEqual(['João Lima', 'Maria Souza']);
    }, 30_000);
  },
  { env: { SANDBOX: 'on' }, realClock: true },
);
