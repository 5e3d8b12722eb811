import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('layers', () => {
  test('when the domain is read, then it imports only the domain and node built-ins (no adapters, HTTP, Prisma or fetch)', () => {
    const offenders = files(join(root, 'domain')).flatMap((file) =>
      imports(file)
        .filter((spec) =>
          spec.startsWith('.') ? !join(file, '..', spec).startsWith(join(root, 'domain')) : !spec.startsWith('node:'),
        )
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  test('when use cases are read, then they reach the database and partners only through ports', () => {
    const offenders = files(join(root, 'app', 'use-cases')).flatMap((file) =>
      imports(file)
        .filter((spec) => /adapters|generated|fastify|undici|@prisma/.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
