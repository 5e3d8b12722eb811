// Generates the Prisma client offline. The Prisma CLI looks for a schema-engine binary it would
// otherwise download; generation never uses it, so any existing file satisfies the check.
// Skips the work when the client was already generated from the same schema.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(root, 'prisma', 'schema.prisma');
const stamp = join(root, 'src', 'generated', 'prisma', '.schema-hash');
const hash = createHash('sha256').update(readFileSync(schema)).digest('hex');

if (process.argv.includes('--if-stale') && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  process.exit(0);
}

execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schema],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schema,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  },
);
writeFileSync(stamp, hash);
