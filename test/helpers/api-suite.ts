import type { Database } from '../../src/adapters/db/database';
import { DATABASE_KINDS, openTestDatabase, resetTables, type DatabaseKind } from './databases';
import { manualClock } from './manual-clock';
import { createTestApi, type TestApi } from './test-app';

export interface ApiContext {
  api: TestApi;
  db: Database;
  clock: ReturnType<typeof manualClock>;
}

/**
 * Runs `body` once per database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set) with one
 * database and app per file, emptied before each test.
 */
export function describeApi(
  title: string,
  body: (ctx: () => ApiContext, kind: DatabaseKind) => void,
  options: {
    env?: Record<string, string>;
    /** The app reads the system clock (the manual one is still in ctx). */ realClock?: boolean;
  } = {},
) {
  describe.each(DATABASE_KINDS)(`${title} [%s]`, (kind) => {
    let db: Database;
    let context: ApiContext;
    beforeAll(async () => {
      db = await openTestDatabase(kind);
    });
    beforeEach(async () => {
      await resetTables(db);
      const clock = manualClock();
      context = {
        db,
        clock,
        api: await createTestApi(db, {
          ...(options.realClock ? {} : { clock }),
          ...(options.env ? { env: options.env } : {}),
        }),
      };
    });
    afterEach(async () => {
      await context?.api.app.http.close();
    });
    afterAll(async () => {
      await db?.close();
    });
    body(() => context, kind);
  });
}
