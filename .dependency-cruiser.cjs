/**
 * The layer rules (docs/architecture.md), checked on every import: `npm run lint` runs them.
 * Type-only imports count: a type is a dependency too.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the domain and node built-ins: no adapters, HTTP, Prisma or fetch.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain', dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-do-not-reach-the-app',
      comment: "Adapters implement the domain's ports; the app composes them, never the other way round.",
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/app' },
    },
    {
      name: 'use-cases-through-ports',
      comment: "Use cases reach the database and the partners only through the domain's ports.",
      severity: 'error',
      from: { path: '^src/app/use-cases' },
      to: { path: ['^src/adapters', '^src/generated', 'node_modules/(fastify|undici|@prisma|pg)/'] },
    },
    {
      name: 'http-areas-apart',
      comment: "One area's routes reach another area only through its schemas module (its views and their schemas).",
      severity: 'error',
      from: { path: '^src/app/http/([^/]+)/' },
      to: { path: '^src/app/http/([^/]+)/', pathNot: ['^src/app/http/$1/', '^src/app/http/[^/]+/schemas[.]ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'No module depends on itself through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated' },
  },
};
