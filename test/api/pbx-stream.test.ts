import { describeApi } from '../helpers/api-suite';
import { listen, readStream } from '../helpers/listening';
import { CPF, OTHER_CPF } from '../helpers/test-app';

/* Issue 13, item 6: an agent's screen, live over Server-Sent Events, resuming from Last-Event-ID — over real HTTP. */
describeApi(
  'the agent stream',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    let base: string;
    beforeEach(async () => {
      base = await listen(ctx().api.app);
    });

    const read = async (agentId: string, count: number, lastEventId?: string) => {
      const stream = readStream(`${base}/v1/agents/${agentId}/stream`, { authorization: `Bearer ${ctx().api.adminKey}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }, (events) => events.length >= count, 5_000);
      expect((await stream.opened).headers.get('content-type')).toContain('text/event-stream');
      return stream;
    };

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
      const seen = await screen.events;
      expect(seen.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([['call', 'ringing'], ['extension', 'ringing'], ['call', 'answered'], ['extension', 'in_use']]);
      expect(seen[0]!.data.matches.map((m: { name: string }) => m.name).sort()).toEqual(['João Lima', 'Maria Souza']);

      // The screen missed the hangup while away: it comes on reconnection, after the last id seen.
      await push('hangup', 64);
      const again = await (await read(agent.id, 2, seen.at(-1)!.id)).events;
      expect(again.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([['call', 'ended'], ['extension', 'idle']]);
      expect(Number(again[0]!.id)).toBeGreaterThan(Number(seen.at(-1)!.id));
    });

    test('when the module is off or the agent unknown, then the stream is refused as a problem', async () => {
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({ status: 409, body: { code: 'PBX_MODULE_DISABLED' } });
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({ status: 404, body: { code: 'AGENT_NOT_FOUND' } });
    });
  },
  { realClock: true },
);
