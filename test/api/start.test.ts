import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Starting and stopping Ponte as an operator does, with `npm start` on the embedded database:
 * a busy port says so in one line and spends nothing; the first start that listens prints the
 * admin key; SIGTERM to `npm start` stops the server itself; `npm run admin-key` mints a key for
 * an operator who lost theirs, and refuses while Ponte holds the embedded database.
 */

const ROOT = join(__dirname, '..', '..');

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function npm(args: string[], env: Record<string, string>): Run {
  let output = '';
  const child = spawn('npm', args, {
    cwd: ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const listening = (run: Run) =>
  until(() => /"docs":"(http:\/\/[^"]+)\/docs"/.exec(run.output())?.[1], 'Ponte to listen');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The lines Ponte itself wrote, without npm's banner and warnings. */
const ownLines = (output: string) =>
  output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('>') && !line.startsWith('npm '));

describe('npm start and npm run admin-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ponte-start-'));
  let blocker: Server;
  let busyPort: number;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('when the port is busy, then the start fails in one line naming PORT and the next start still prints the admin key', async () => {
    const busy = npm(['start'], { DATA_DIR: dataDir, PORT: String(busyPort) });
    running.push(busy.child);
    expect(await busy.exited).toBe(1);
    const lines = ownLines(busy.output());
    expect(lines).toEqual([expect.stringContaining(`Port ${busyPort} on 127.0.0.1 is already in use`)]);
    expect(lines[0]).toContain('PORT=');

    const first = npm(['start'], { DATA_DIR: dataDir, PORT: '0' });
    running.push(first.child);
    const base = await listening(first);
    const key = /Admin API key \(shown once, store it now\):\s+(ponte_\S+)/.exec(first.output())?.[1];
    expect(key).toEqual(expect.stringMatching(/^ponte_/));
    expect((await fetch(`${base}/v1/customers`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    // While Ponte holds the embedded database, nothing else may open it.
    const refused = npm(['run', 'admin-key', '--', '--name', 'ops'], { DATA_DIR: dataDir });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('is in use by another process');

    // SIGTERM to npm stops the server itself, not only npm.
    const serverPid = Number(readFileSync(join(dataDir, 'ponte.pid'), 'utf8'));
    first.child.kill('SIGTERM');
    await first.exited;
    await until(() => (alive(serverPid) ? undefined : true), 'the server process to exit', 20_000);
    expect(
      await fetch(`${base}/health`).then(
        () => 'answered',
        () => 'closed',
      ),
    ).toBe('closed');
  }, 180_000);

  test('when an operator lost the admin key, then npm run admin-key mints one that the next start accepts, and no second bootstrap key is printed', async () => {
    const usage = npm(['run', 'admin-key'], { DATA_DIR: dataDir });
    expect(await usage.exited).toBe(64);
    expect(usage.output()).toContain('--name');

    const minted = npm(['run', 'admin-key', '--', '--name', 'ops on call'], { DATA_DIR: dataDir });
    expect(await minted.exited).toBe(0);
    const key = /Admin API key 'ops on call' \(shown once, store it now\):\s+(ponte_\S+)/.exec(minted.output())?.[1];
    expect(key).toEqual(expect.stringMatching(/^ponte_/));

    const next = npm(['start'], { DATA_DIR: dataDir, PORT: '0' });
    running.push(next.child);
    const base = await listening(next);
    expect(next.output()).not.toContain('Admin API key');
    const keys = await fetch(`${base}/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(keys.status).toBe(200);
    expect(((await keys.json()) as { items: { name: string; scopes: string[] }[] }).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'ops on call', scopes: ['admin'] }),
        expect.objectContaining({ name: 'bootstrap-admin' }),
      ]),
    );
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
  }, 180_000);
});
