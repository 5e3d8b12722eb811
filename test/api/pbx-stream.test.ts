import { describeApi } from '../helpers/api-suite';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/* Issue 13, item 6: an agent's screen, live over Server-Sent Events, resuming from Last-Event-ID — over real HTTP. */
describeApi(
  'the agent stream',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    let base: string;
    beforeEach(async () => {
      await ctx().api.app.http.listen({ port: 0, host: '127.0.0.1' });
      const address = ctx().api.app.http.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    /** Opens the stream and reads events until `count` arrived (or the time runs out). */
    async function read(agentId: string, count: number, lastEventId?: string) {
      const controller = new AbortController();
      const response = await fetch(`${base}/v1/agents/${agentId}/stream`, {
        headers: { authorization: `Bearer ${ctx().api.adminKey}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      const events: { id: string; event: string; data: any }[] = [];
      let buffer = '';
      const deadline = Date.now() + 5_000;
      const opened = { reader, controller, events };
      const pump = async () => {
        while (events.length < count && Date.now() < deadline) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += new TextDecoder().decode(value);
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
            if (field('id')) events.push({ id: field('id')!, event: field('event')!, data: JSON.parse(field('data')!) });
          }
        }
      };
      return { ...opened, pump };
    }

    test('when a call rings for the agent, then the screen gets the call with every matching customer and the extension ringing; reconnecting resumes after the last event seen', async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (await call('POST', '/v1/pbx', { body: { type: 'forip', address: 'forip.test', port: 9100, eventSecret: 'forip-events-secret-1' } })).body;
      const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '30' } })).body;
      await call('POST', '/v1/customers', { body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' } });
      await call('POST', '/v1/customers', { body: { name: 'João Lima', document: OTHER_CPF, phones: ['(11) 98765-4321'] } });
      const event = (type: string, second: number) => ({ event: type, callId: 'f-1', direction: 'inbound', phone: '(11) 98765-4321', extension: '30', at: new Date(Date.UTC(2026, 10, 2, 12, 0, second)).toISOString() });
      const push = (type: string, second: number) =>
        fetch(`${base}/v1/pbx/${pbx.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forip-events-secret-1' }, body: JSON.stringify(event(type, second)) });

      const screen = await read(agent.id, 4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await push('ringing', 0)).status).toBe(200);
      expect((await push('answered', 4)).status).toBe(200);
      await screen.pump();
      screen.controller.abort();
      expect(screen.events.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([['call', 'ringing'], ['extension', 'ringing'], ['call', 'answered'], ['extension', 'in_use']]);
      expect(screen.events[0]!.data.matches.map((m: { name: string }) => m.name).sort()).toEqual(['João Lima', 'Maria Souza']);

      // The screen missed the hangup while away: it comes on reconnection, after the last id seen.
      await push('hangup', 64);
      const again = await read(agent.id, 2, screen.events.at(-1)!.id);
      await again.pump();
      again.controller.abort();
      expect(again.events.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([['call', 'ended'], ['extension', 'idle']]);
      expect(Number(again.events[0]!.id)).toBeGreaterThan(Number(screen.events.at(-1)!.id));
    });

    test('when the module is off or the agent unknown, then the stream is refused as a problem', async () => {
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({ status: 409, body: { code: 'PBX_MODULE_DISABLED' } });
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({ status: 404, body: { code: 'AGENT_NOT_FOUND' } });
    });
  },
  { realClock: true },
);
