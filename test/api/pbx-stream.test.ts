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
      const stream = readStream(
        `${base}/v1/agents/${agentId}/stream`,
        { authorization: `Bearer ${ctx().api.adminKey}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        (events) => events.length >= count,
        5_000,
      );
      expect((await stream.opened).headers.get('content-type')).toContain('text/event-stream');
      return stream;
    };

    test('when a call rings for the agent, then the screen gets the call with every matching customer and the extension ringing; reconnecting resumes after the last event seen', async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (
        await call('POST', '/v1/pbx', {
          body: { type: 'forip', address: 'forip.test', port: 9100, eventSecret: 'forip-events-secret-1' },
        })
      ).body;
      const agent = (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '30' } })).body;
      await call('POST', '/v1/customers', {
        body: { name: 'Maria Souza', document: CPF, mobilePhone: '(11) 98765-4321' },
      });
      await call('POST', '/v1/customers', {
        body: { name: 'João Lima', document: OTHER_CPF, phones: ['(11) 98765-4321'] },
      });
      const event = (type: string, second: number) => ({
        event: type,
        callId: 'f-1',
        direction: 'inbound',
        phone: '(11) 98765-4321',
        extension: '30',
        at: new Date(Date.UTC(2026, 10, 2, 12, 0, second)).toISOString(),
      });
      const push = (type: string, second: number) =>
        fetch(`${base}/v1/pbx/${pbx.id}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer forip-events-secret-1' },
          body: JSON.stringify(event(type, second)),
        });

      const screen = await read(agent.id, 4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await push('ringing', 0)).status).toBe(200);
      expect((await push('answered', 4)).status).toBe(200);
      const seen = await screen.events;
      expect(seen.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([
        ['call', 'ringing'],
        ['extension', 'ringing'],
        ['call', 'answered'],
        ['extension', 'in_use'],
      ]);
      expect(seen[0]!.data.matches.map((m: { name: string }) => m.name).sort()).toEqual(['João Lima', 'Maria Souza']);

      // The screen missed the hangup while away: it comes on reconnection, after the last id seen.
      await push('hangup', 64);
      const again = await (await read(agent.id, 2, seen.at(-1)!.id)).events;
      expect(again.map((e) => [e.event, e.event === 'call' ? e.data.state : e.data.status])).toEqual([
        ['call', 'ended'],
        ['extension', 'idle'],
      ]);
      expect(Number(again[0]!.id)).toBeGreaterThan(Number(seen.at(-1)!.id));
    });

    const agentOnForip = async () => {
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      const pbx = (
        await call('POST', '/v1/pbx', {
          body: { type: 'forip', address: 'forip.test', port: 9100, eventSecret: 'forip-events-secret-1' },
        })
      ).body;
      return (await call('POST', '/v1/agents', { body: { name: 'Ana', pbxId: pbx.id, extension: '30' } })).body as {
        id: string;
      };
    };
    const keyWith = async (scopes: string[]) =>
      (await call('POST', '/v1/api-keys', { body: { name: 'tela do atendente', scopes } })).body as {
        id: string;
        key: string;
      };

    test('when the API key of an open stream is deleted, then the stream ends within seconds and the key opens no other', async () => {
      const agent = await agentOnForip();
      const key = await keyWith(['customers:read']);
      const response = await fetch(`${base}/v1/agents/${agent.id}/stream`, {
        headers: { authorization: `Bearer ${key.key}` },
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
      const deletedAt = Date.now();
      expect((await call('DELETE', `/v1/api-keys/${key.id}`)).status).toBe(204);
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      expect(Date.now() - deletedAt).toBeLessThan(10_000);
      expect(text).toContain('closed: the API key no longer allows this stream');
      expect(
        (await fetch(`${base}/v1/agents/${agent.id}/stream`, { headers: { authorization: `Bearer ${key.key}` } }))
          .status,
      ).toBe(401);
    });

    test('when one key opens more streams than STREAMS_PER_KEY, then the next answers 429 TOO_MANY_STREAMS; closing one makes room', async () => {
      const agent = await agentOnForip();
      const key = await keyWith(['customers:read']);
      const open = () => {
        const controller = new AbortController();
        return {
          controller,
          response: fetch(`${base}/v1/agents/${agent.id}/stream`, {
            headers: { authorization: `Bearer ${key.key}` },
            signal: controller.signal,
          }),
        };
      };
      const held = [open(), open()];
      for (const stream of held) expect((await stream.response).status).toBe(200);
      const refused = await (
        await fetch(`${base}/v1/agents/${agent.id}/stream`, { headers: { authorization: `Bearer ${key.key}` } })
      ).json();
      expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_STREAMS' });
      expect(
        await fetch(`${base}/v1/agents/${agent.id}/stream`, {
          headers: { authorization: `Bearer ${ctx().api.adminKey}` },
        }).then((r) => {
          void r.body?.cancel();
          return r.status;
        }),
      ).toBe(200);
      held[0]!.controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = open();
      expect((await again.response).status).toBe(200);
      for (const stream of [held[1]!, again]) stream.controller.abort();
    });

    test('when the module is off or the agent unknown, then the stream is refused as a problem', async () => {
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({
        status: 409,
        body: { code: 'PBX_MODULE_DISABLED' },
      });
      await call('PATCH', '/v1/settings/integrations', { body: { pbx: { enabled: true } } });
      expect(await call('GET', '/v1/agents/0193a4fe-5f06-7182-8d94-0e1f2a3b4c5d/stream')).toMatchObject({
        status: 404,
        body: { code: 'AGENT_NOT_FOUND' },
      });
    });
  },
  { realClock: true, env: { STREAMS_PER_KEY: '2' } },
);
