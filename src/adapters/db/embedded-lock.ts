import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded database belongs to one process at a time: a second one would corrupt it. */
export class EmbeddedDatabaseBusy extends Error {}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Claims the embedded database under `dataDir` for this process (`ponte.pid` holds its pid) and
 * returns the release. A pid file left by a process that is gone is taken over.
 */
export function claimEmbeddedDatabase(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'ponte.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseBusy(
          `The embedded database in ${dataDir} is in use by another process (pid ${holder}): stop that process first, or set DATA_DIR to another folder.`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new EmbeddedDatabaseBusy(`Could not claim the embedded database in ${dataDir}.`);
}
