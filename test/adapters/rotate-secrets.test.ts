import { createAesGcmSecretBox } from '../../src/adapters/crypto/aes-gcm-secret-box';
import { rotateSecrets } from '../../src/adapters/db/rotate-secrets';
import { buildApp } from '../../src/app/build-app';
import { loadConfig } from '../../src/app/config';
import { DATABASE_KINDS, openTestDatabase } from '../helpers/databases';
import { SABER_TOKEN } from '../helpers/partners';
import { TEST_ENV } from '../helpers/test-app';

/* Rotating SECRETS_KEY (docs/operations.md): the old key still opens, npm run rotate-secrets re-seals, the new key alone then opens everything. */

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);

test('a secret box opens what a previous key sealed, and tells which key sealed a value', () => {
  const old = createAesGcmSecretBox(OLD);
  const ring = createAesGcmSecretBox(NEW, [OLD]);
  const sealed = old.seal('token-123');
  expect(ring.open(sealed)).toBe('token-123');
  expect(ring.sealedWithCurrent(sealed)).toBe(false);
  expect(ring.sealedWithCurrent(ring.seal('x'))).toBe(true);
  expect(() => createAesGcmSecretBox(NEW).open(sealed)).toThrow();
});

describe.each(DATABASE_KINDS)('rotateSecrets [%s]', (kind) => {
  test('when the key is rotated, then every stored secret is re-sealed once and opens with the new key alone', async () => {
    const db = await openTestDatabase(kind);
    try {
      const app = await buildApp({
        config: loadConfig({ ...TEST_ENV, SECRETS_KEY: OLD.toString('base64') }),
        db,
        overrides: { logger: false },
      });
      const saber = await app.useCases.sva.createSvaIntegration({ platform: 'saber_plus', token: SABER_TOKEN });
      expect(saber.ok).toBe(true);
      await app.http.close();

      const ring = createAesGcmSecretBox(NEW, [OLD]);
      const first = await rotateSecrets(db.sql, ring);
      expect(first['sva_integrations.sealed_credentials']).toBe(1);
      expect(await rotateSecrets(db.sql, ring)).toMatchObject({ 'sva_integrations.sealed_credentials': 0 });

      const fresh = createAesGcmSecretBox(NEW);
      const rows = await db.sql.query<{ sealed_credentials: string }>(
        'SELECT sealed_credentials FROM sva_integrations',
      );
      for (const row of rows) expect(fresh.open(row.sealed_credentials)).toContain(SABER_TOKEN);
    } finally {
      await db.close();
    }
  });
});
