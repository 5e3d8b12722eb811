import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createScratchDatabase, DATABASE_KINDS } from '../helpers/databases';
import { eventually } from '../helpers/eventually';
import { TEST_ENV } from '../helpers/test-app';

/*
 * Ponte started as docs/operations.md says for production, on the PostgreSQL server: the first
 * admin key is never written where logs go, and /ready answers 200 only once the key is accepted.
 * PGlite lives in one process's memory, so this runs against the PostgreSQL server.
 */

const ROOT = join(__dirname, '..', '..');
const ADMIN_KEY = 'ponte_production_admin_key_0123456789';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Process {
  readonly child: ChildProcess;
  readonly base: string;
  readonly output: () => string;
}

function startPonte(databaseUrl: string, port: number, env: Record<string, string> = {}): Process {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output };
}

const status = (url: string, init?: RequestInit) =>
  fetch(url, init).then(
    (response) => response.status,
    () => 0,
  );

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('Ponte in production [%s]', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('when it starts with BOOTSTRAP_API_KEY, then /ready answers 200 only once that key is accepted', async () => {
    const scratch = await createScratchDatabase();
    try {
      const ponte = startPonte(scratch.url, await freePort(), { BOOTSTRAP_API_KEY: ADMIN_KEY });
      children.push(ponte.child);
      await eventually(
        async () => ((await status(`${ponte.base}/ready`)) === 200 ? true : undefined),
        '/ready',
        60_000,
      );
      const answer = await status(`${ponte.base}/v1/customers`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(answer).toBe(200);
      expect(ponte.output()).not.toContain(ADMIN_KEY);
      ponte.child.kill('SIGTERM');
    } finally {
      await scratch.drop();
    }
  }, 90_000);

  test('when it starts on an empty database without BOOTSTRAP_API_KEY, then no key is made or logged, and npm run admin-key makes one', async () => {
    const scratch = await createScratchDatabase();
    try {
      const ponte = startPonte(scratch.url, await freePort());
      children.push(ponte.child);
      await eventually(
        async () => ((await status(`${ponte.base}/ready`)) === 200 ? true : undefined),
        '/ready',
        60_000,
      );
      expect(ponte.output()).not.toMatch(/ponte_[A-Za-z0-9_-]{20,}/);
      expect(ponte.output()).toContain('npm run admin-key');

      let minted = '';
      const cli = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'admin-key.ts'), '--name', 'ops'], {
        cwd: ROOT,
        env: { ...process.env, ...TEST_ENV, DATABASE_URL: scratch.url },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      cli.stdout.on('data', (chunk) => (minted += String(chunk)));
      expect(await new Promise((resolve) => cli.once('exit', resolve))).toBe(0);
      const key = /(ponte_[A-Za-z0-9_-]{43})/.exec(minted)?.[1];
      expect(key).toBeDefined();
      const answer = await eventually(
        async () => {
          const code = await status(`${ponte.base}/v1/customers`, { headers: { authorization: `Bearer ${key}` } });
          return code === 200 ? code : undefined;
        },
        'the minted key to work',
        5_000,
      );
      expect(answer).toBe(200);
      ponte.child.kill('SIGTERM');
    } finally {
      await scratch.drop();
    }
  }, 90_000);
});
