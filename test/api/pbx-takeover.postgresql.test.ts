import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';
import { serveAri } from '../helpers/ari-server';
import { createScratchDatabase, DATABASE_KINDS } from '../helpers/databases';
import { eventually } from '../helpers/eventually';
import { freePort, readStream } from '../helpers/listening';
import { TEST_ENV } from '../helpers/test-app';

/*
 * Issue 26, "Done when", black box: an Asterisk-like server of the test's own that speaks only
 * ARI as documented (the events WebSocket, POST /channels, DELETE /channels/{id}, device states,
 * GET /channels) and never posts to Ponte; two real Ponte processes on one PostgreSQL. A
 * click-to-call and an inbound call appear with the right states, numbers, DDR and duration, the
 * agent's stream pops the customer; the process holding the connection is killed with SIGKILL and
 * the other takes it over (docs/partners.md, "Event connections"). PGlite lives in one process's
 * memory, so this runs against the PostgreSQL server.
 */

const ROOT = join(__dirname, '..', '..');
const ADMIN_KEY = 'ponte_pbx_takeover_admin_key_0123456789';

function startPonte(databaseUrl: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BOOTSTRAP_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'silent',
      PARTNER_ALLOWED_HOSTS: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

const api = (base: string) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
};

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))(
  'an Asterisk followed by two Ponte processes [%s]',
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    const children: ChildProcess[] = [];
    let ari: Awaited<ReturnType<typeof serveAri>>;
    let asterisk: PbxSimulator;
    beforeAll(async () => {
      scratch = await createScratchDatabase();
      asterisk = new PbxSimulator('asterisk', (login) => login === 'ponte:senha-do-ari');
      ari = await serveAri(asterisk);
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ari?.http.close();
      await scratch?.drop();
    });

    test('when the holder is killed, then the other process takes the connection over, and calls still come in right', async () => {
      const ports = [await freePort(), await freePort()];
      const bases = ports.map((port) => `http://127.0.0.1:${port}`);
      // The first process migrates; the second starts once the first answers.
      children.push(startPonte(scratch.url, ports[0]!));
      await eventually(
        async () =>
          (await api(bases[0]!)('GET', '/v1/api-keys?limit=1').catch(() => null))?.status === 200 ? true : undefined,
        'the first Ponte',
        60_000,
      );
      children.push(startPonte(scratch.url, ports[1]!));
      await eventually(
        async () =>
          (await api(bases[1]!)('GET', '/v1/api-keys?limit=1').catch(() => null))?.status === 200 ? true : undefined,
        'the second Ponte',
        60_000,
      );
      const [first, second] = bases.map(api);

      await first!('PATCH', '/v1/settings/integrations', { pbx: { enabled: true } });
      const pbx = (
        await first!('POST', '/v1/pbx', {
          type: 'asterisk',
          ariUrl: ari.ariUrl,
          username: 'ponte',
          password: 'senha-do-ari',
        })
      ).body;
      expect(pbx.id).toEqual(expect.any(String));
      const agent = (await first!('POST', '/v1/agents', { name: 'Ana', pbxId: pbx.id, extension: '4021' })).body;
      const maria = (
        await first!('POST', '/v1/customers', {
          name: 'Maria Souza',
          document: '529.982.247-25',
          mobilePhone: '(11) 98765-4321',
        })
      ).body;
      await first!('POST', '/v1/traffic-sources', { name: 'Anúncio no jornal', ddr: '(51) 2101-0001' });

      const connected = async (call: typeof first) => {
        const { eventConnection } = (await call!('GET', `/v1/pbx/${pbx.id}`)).body;
        return eventConnection.state === 'connected' ? (eventConnection as { holder: string }) : undefined;
      };
      const { holder } = await eventually(() => connected(first), 'the connection', 20_000);
      expect(asterisk.connectedApplications).toBe(1);

      // A click-to-call: the extension rings, then Maria; the PBX answers it and hangs up.
      const placed = await first!('POST', '/v1/calls', { agentId: agent.id, customerId: maria.id, phone: 'mobile' });
      expect(placed.status).toBe(202);
      const outbound = await eventually(
        async () => {
          const call = (await second!('GET', `/v1/calls/${placed.body.id}`)).body;
          return call.state === 'ended' ? call : undefined;
        },
        'the click-to-call to end',
        20_000,
      );
      expect(outbound).toMatchObject({
        direction: 'outbound',
        to: '+5511987654321',
        extension: '4021',
        unanswered: false,
      });
      expect(outbound.durationSeconds).toBeGreaterThanOrEqual(2);

      // The holder dies without a word.
      const pid = Number(holder.split(':').at(-2));
      const victim = children.find((child) => child.pid === pid)!;
      expect(victim).toBeDefined();
      const survivor = victim === children[0] ? second! : first!;
      const killed = Date.now();
      victim.kill('SIGKILL');
      const taken = await eventually(
        async () => {
          const connection = await connected(survivor).catch(() => undefined);
          return connection && connection.holder !== holder ? connection : undefined;
        },
        'the other process to take over',
        20_000,
      );
      const takeoverMs = Date.now() - killed;
      expect(takeoverMs).toBeLessThan(10_000);
      expect(taken.holder).not.toBe(holder);

      // An inbound call from Maria's number to the newspaper's DDR: the agent's screen pops her.
      const screen = readStream(
        `${victim === children[0] ? bases[1] : bases[0]}/v1/agents/${agent.id}/stream`,
        { authorization: `Bearer ${ADMIN_KEY}` },
        (events) => events.some((e) => e.event === 'call' && e.data.direction === 'inbound'),
      );
      await screen.opened;
      const inbound = asterisk.inbound({ from: '11987654321', did: '5121010001', extension: '4021' })!;
      const [pop] = (await screen.events).filter((e) => e.event === 'call' && e.data.direction === 'inbound');
      expect(pop!.data).toMatchObject({ state: 'ringing', from: '+5511987654321', did: '+555121010001' });
      expect(pop!.data.matches.map((m: { name: string }) => m.name)).toEqual(['Maria Souza']);
      const ended = await eventually(
        async () => {
          const { items } = (await survivor('GET', `/v1/calls?direction=inbound`)).body;
          return items[0]?.state === 'ended' ? items[0] : undefined;
        },
        'the inbound call to end',
        20_000,
      );
      expect(ended).toMatchObject({
        externalId: inbound.id,
        extension: '4021',
        did: '+555121010001',
        unanswered: false,
      });
      expect(ended.durationSeconds).toBeGreaterThanOrEqual(3);
      process.stdout.write(`PBX connection taken over ${takeoverMs} ms after its holder was killed\n`);
    }, 120_000);
  },
);
