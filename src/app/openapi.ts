import { openDatabase } from '../adapters/db/database';
import { buildApp } from './build-app';
import { loadConfig } from './config';

/** The OpenAPI document the routes describe, as committed in openapi/openapi.json. */
export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const app = await buildApp({ config: loadConfig({}), db, overrides: { logger: false } });
    await app.http.ready();
    const document = app.http.swagger() as unknown as Record<string, unknown>;
    await app.http.close();
    return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  } finally {
    await db.close();
  }
}

export const serialiseOpenApi = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;
