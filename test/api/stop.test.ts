import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/listening';

/*
 * docs/operations.md, "Stopping": a parent starts `npm start` with piped stdio and exits, so
 * nobody reads Ponte's output any more (npm itself may die of it, leaving Ponte to PID 1);
 * SIGTERM to Ponte (its pid is in DATA_DIR/ponte.pid) then stops it within 20 s.
 */
const ROOT = join(__dirname, '..', '..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('when the parent of npm start is gone with its pipes, then SIGTERM still stops Ponte within 20 s', async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ponte-stop-'));
  // The parent: starts npm start with every stdio a pipe, waits for its first output, prints its pid and exits.
  const parent = `
    const { spawn } = require('node:child_process');
    const child = spawn('npm', ['start'], { cwd: ${JSON.stringify(ROOT)}, detached: true, stdio: 'pipe',
      env: { ...process.env, PORT: '${port}', DATA_DIR: ${JSON.stringify(dataDir)}, LOG_LEVEL: 'info' } });
    child.stdout.once('data', () => { process.stdout.write(String(child.pid)); process.exit(0); });`;
  let ponte = 0;
  const npmPid = Number(execFileSync(process.execPath, ['-e', parent], { encoding: 'utf8', timeout: 120_000 }));
  try {
    await eventually(
      async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok ? true : undefined),
      'Ponte to answer',
      90_000,
    );
    // It keeps answering with nobody reading its log lines (npm itself may have died of it).
    for (let n = 0; n < 20; n++) expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    ponte = Number(readFileSync(join(dataDir, 'ponte.pid'), 'utf8'));
    expect(alive(ponte)).toBe(true);
    const signalled = Date.now();
    process.kill(ponte, 'SIGTERM');
    await eventually(async () => (!alive(ponte) ? true : undefined), 'Ponte to stop', 20_000);
    expect(Date.now() - signalled).toBeLessThan(20_000);
  } finally {
    for (const pid of [npmPid, ponte]) if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 150_000);
