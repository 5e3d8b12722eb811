import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/* Ponte's own processes, as the multi-process benchmarks start, wait for and stop them. */

const ROOT = join(__dirname, '..');

export interface Child {
  readonly process: ChildProcess;
  /** The last 8,000 characters it wrote. */
  output(): string;
}

/** `npm start` or `npm run worker` as they run it, with this environment on top of the bench's own. */
export function start(script: 'main' | 'worker', env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', `${script}.ts`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-8000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { process: child, output: () => text };
}

/** Waits until `ready`, failing with the child's last words if it exits or takes too long. */
export async function until(
  what: string,
  child: Child,
  ready: () => Promise<boolean> | boolean,
  withinMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await ready())) {
    if (child.process.exitCode !== null) throw new Error(`${what} exited: ${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${withinMs} ms: ${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const stopped = (child: Child) =>
  new Promise<void>((resolve) =>
    child.process.exitCode !== null ? resolve() : child.process.once('exit', () => resolve()),
  );

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
