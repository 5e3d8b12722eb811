import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../helpers/listening';

/*
 * The README's promise, kept by running it: a fresh `npm start` on a port other than 3000, the
 * setup lines and both walkthroughs copied from the README as they are (only the key pasted in),
 * then `npm run demo` against the same Ponte, then a restart that keeps what the sandbox holds.
 */

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

function start(dataDir: string, port: number) {
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return { child, output: () => output };
}

async function ready(base: string) {
  for (let tries = 0; tries < 600; tries += 1) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Ponte did not start');
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** The README's shell blocks: the setup one (KEY=…, API=…) and each marked walkthrough. */
function readmeBlocks() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const setup = /```sh\n(KEY=ponte_…[^\n]*\nAPI=[^\n]*\n)```/.exec(readme)?.[1];
  const walkthroughs = [...readme.matchAll(/<!-- walkthrough -->\n```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return { setup, walkthroughs };
}

describe('the README and npm run demo, on a fresh npm start on another port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ponte-readme-'));
  let ponte: ReturnType<typeof start> | null = null;
  afterAll(async () => {
    if (ponte) await stop(ponte.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('when the walkthroughs are pasted one after the other, then every step answers as the README says; the demo then walks it all again; a restart keeps the platforms', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    ponte = start(dataDir, port);
    await ready(base);
    // The key is minted once Ponte listens, so it follows the first answers by a moment.
    let key: string | undefined;
    for (let tries = 0; tries < 100 && !key; tries += 1) {
      key = /Admin API key \(shown once, store it now\):\s+(ponte_\S+)\n/.exec(ponte.output())?.[1];
      if (!key) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(key).toEqual(expect.stringMatching(/^ponte_/));

    const { setup, walkthroughs } = readmeBlocks();
    expect(setup).toBeDefined();
    expect(walkthroughs).toHaveLength(7);
    const script = ['set -u', setup!.replace('ponte_…', key!), ...walkthroughs].join('\n');
    const { stdout, stderr } = await run('bash', ['-c', script], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port) },
      timeout: 120_000,
    });
    expect(stderr).toBe('');
    expect(stdout).not.toContain('null/');
    expect(stdout).toMatch(/^customer [0-9a-f-]{36}$/m);
    expect(stdout).toMatch(/^contract [0-9a-f-]{36}$/m);
    expect(stdout).toContain('{"status":"inactive","accessStatus":"disabled","allowedEvents":[]}');
    expect(stdout).toContain(
      `{"status":409,"code":"CONTRACT_TRANSITION_NOT_ALLOWED","detail":"Event 'unblock' is not allowed for a contract with status 'inactive' and access status 'disabled'."}`,
    );
    expect(stdout).toContain('["SABER-ESSENCIAL","SABER-FAMILIA","SABER-PREMIUM"]');
    expect(stdout).toContain('{"platform":"EXA","users":[{"username":"joao@example.com","status":"active"}]}');
    expect(stdout).toContain('{"platform":"Saber+","users":[{"username":"11144477735","status":"blocked"}]}');
    expect(stdout).toContain(
      '{"platform":"exa","action":"block_user","lastError":"EXA did not block the user: Pacote inexistente."}',
    );
    expect(stdout).toContain(
      '"attemptHistory":[{"attempt":1,"outcome":"rejected"},{"attempt":2,"outcome":"succeeded"}]',
    );
    expect(stdout).toContain(
      '{"platform":"EXA","users":[{"username":"joao@example.com","status":"blocked"}]}\n{"platform":"Saber+","users":[{"username":"11144477735","status":"deactivated"}]}',
    );
    // Lines follow the contract by the settings; the overdue policy previews, runs, trusts and releases.
    const lines = (sip: string, mobile: string) =>
      `{"platform":"softswitch","lines":[{"extension":"4021","status":"${sip}"}]}\n{"platform":"TeleCall","lines":[{"msisdn":"+5521987654321","status":"${mobile}"}]}`;
    expect(stdout).toContain(lines('blocked', 'blocked_total'));
    expect(stdout).toContain(lines('active', 'blocked_partial'));
    expect(stdout).toContain(
      '{"stage":"report_late_payment","to":"late_payment"}\n{"stage":"block","to":"automatic_block"}\n{"status":"active","accessStatus":"active"}',
    );
    expect(stdout).toMatch(
      /\{"stage":"block","daysOverdue":(19|20|21)\}\n\{"type":"block","mode":"automatic","actor":"system:overdue-policy"\}/,
    );
    expect(stdout).toContain('{"accessStatus":"active","trustReleaseEndsOn":true}');
    expect(stdout).toContain(
      '{"status":"paid","paidCents":9990,"overdue":false}\n{"status":"active","accessStatus":"active","trustReleaseEndsOn":null}\n[]',
    );
    expect(stdout.trim().split('\n').slice(-2).join('\n')).toBe(lines('active', 'active'));
    // Credit analysis: on with the bureau, the interval guard, and a negativation's whole life at the sandbox's Serasa.
    expect(stdout).toContain('{"enabled":true,"reconsultIntervalDays":30}');
    expect(stdout).toContain(
      '{"status":"completed","registrationStatus":"REGULAR","scored":true}\n{"status":409,"code":"CONFIRMATION_REQUIRED"}\n{"status":"completed","confirmed":true}',
    );
    expect(stdout).toContain(
      '{"status":"negativated","accessStatus":"disabled"}\n{"state":"registered","registered":true}\n{"state":"removed"}\n{"status":"inactive","accessStatus":"disabled"}',
    );
    expect(stdout).toContain('[{"name":"Beatriz Lima","status":"REMOVED"}]');
    // PBX: a click-to-call followed on the agent's screen, a screen pop of both customers, the contact's fixed source, the recording.
    expect(stdout).toContain(
      '{"direction":"outbound","state":"answered","matches":[]}\n{"direction":"outbound","state":"ended","matches":[]}',
    );
    expect(stdout).toContain('{"direction":"inbound","state":"ringing","matches":["Paulo Mendes","Lúcia Mendes"]}');
    expect(stdout).toMatch(
      /\{"state":"ended","durationSeconds":[3-6],"isPaulo":true\}\n\{"status":409,"code":"TRAFFIC_SOURCE_FIXED"\}\n200 audio\/wav\n202\n/,
    );
    // Webhooks: verified in order at the sandbox's receiver, a failure in the log, a rotation, a replay.
    const arrived = (events: [string, number][]) =>
      JSON.stringify(events.map(([event, answered]) => ({ event, verified: true, answered })));
    expect(stdout).toContain(
      `{"secretSet":true}\n${arrived([
        ['activate', 204],
        ['block', 204],
      ])}\n{"status":"pending","attempts":[{"attempt":1,"statusCode":500}]}\n${arrived([
        ['activate', 204],
        ['block', 204],
        ['unblock', 500],
        ['unblock', 204],
      ])}\n{"event":"cancel","signatures":2,"verified":true}\n{"queued":4}\n{"delivered":8,"distinct":4}\n`,
    );
    // Reconciliation: a clean plan, three kinds of drift found without a change, repaired (the history says so), clean again.
    const drift = '{"findings":3,"byKind":{"sva_user":{"extra":1,"status":1,"missing":1}}';
    const found =
      '[{"kind":"extra","actual":"active","repair":["delete_user"]},{"kind":"missing","actual":null,"repair":["create_user"]},{"kind":"status","actual":"blocked","repair":["unblock_user"]}]';
    const clean = '{"findings":0,"byKind":{},"repaired":0}\n[]\n';
    expect(stdout).toContain(
      `{"delivered":8,"distinct":4}\n${clean}${drift},"repaired":0}\n${found}\n${drift},"repaired":3}\n${found}\n` +
        '{"type":"reconcile","actor":"system:reconciliation","state":"active"}\n' +
        `[{"username":"otto@example.com","status":"active"},{"username":"rita@example.com","status":"active"}]\n${clean}`,
    );

    const demo = await run('npm', ['run', 'demo'], {
      cwd: ROOT,
      env: { ...process.env, KEY: key!, API: base },
      timeout: 120_000,
    });
    expect(demo.stdout).toContain("1. A contract's life in seven calls");
    expect(demo.stdout).toContain('CONTRACT_TRANSITION_NOT_ALLOWED');
    expect(demo.stdout).toMatch(/Saber\+\s+\d{11}: deactivated/);
    expect(demo.stdout).toMatch(/EXA\s+joao\.[a-z0-9]+@example\.com: blocked/);
    expect(demo.stdout).toContain('#1 rejected, #2 succeeded');
    expect(demo.stdout).toContain(
      'Lines: SIP blocked (synced), TeleCall blocked_total (synced) — expected blocked, blocked_total',
    );
    expect(demo.stdout).toContain(
      'Lines: SIP active (synced), TeleCall blocked_partial (synced) — expected active, blocked_partial',
    );
    expect(demo.stdout).toMatch(/Run the policy now\n.*→ 201 {2}block → automatic_block/);
    expect(demo.stdout).toMatch(/The contract\n.*active \/ active, trust release: none/);
    expect(demo.stdout).toContain('Done.');

    // What the sandbox's platforms hold survives a restart, as a real platform's would.
    await stop(ponte.child);
    ponte = start(dataDir, port);
    await ready(base);
    const exa = await fetch(`${base}/sandbox/exa/_sandbox/users`, { headers: { authorization: `Bearer ${key}` } }).then(
      (r) => r.json() as Promise<{ users: { username: string; status: string }[] }>,
    );
    expect(exa.users).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'joao@example.com', status: 'blocked' })]),
    );
  }, 300_000);
});
