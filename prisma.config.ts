import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection URL from here, not from schema.prisma. Only the CLI uses it
// (e.g. `prisma migrate status` where its schema engine exists); Ponte itself connects through
// driver adapters built in src/adapters/db/database.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/ponte' },
});
