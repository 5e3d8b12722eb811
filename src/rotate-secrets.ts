import { openDatabase } from './adapters/db/database';
import { claimEmbeddedDatabase, EmbeddedDatabaseBusy } from './adapters/db/embedded-lock';
import { migrate } from './adapters/db/migrator';
import { rotateSecrets } from './adapters/db/rotate-secrets';
import { createAesGcmSecretBox } from './adapters/crypto/aes-gcm-secret-box';
import { ConfigError, loadConfig } from './app/config';
import { resolveSecretsKey } from './app/secrets-key';
import { databaseLocation } from './main-location';

/**
 * npm run rotate-secrets: with the new key in SECRETS_KEY and the old one(s) in
 * SECRETS_KEY_PREVIOUS, re-seals every stored secret with the new key (docs/operations.md,
 * "Rotating SECRETS_KEY"). Safe to run while Ponte runs, and again.
 */
async function main() {
  const config = loadConfig();
  if (config.previousSecretsKeys.length === 0)
    throw new ConfigError('SECRETS_KEY_PREVIOUS', 'must name the key(s) being rotated away from.');
  const release = config.databaseUrl === null ? claimEmbeddedDatabase(config.dataDir) : () => undefined;
  const db = await openDatabase(databaseLocation(config));
  try {
    await migrate(db.sql);
    const secrets = createAesGcmSecretBox(resolveSecretsKey(config), config.previousSecretsKeys);
    const resealed = await rotateSecrets(db.sql, secrets);
    const total = Object.values(resealed).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Re-sealed ${total} secret(s) with SECRETS_KEY:\n${Object.entries(resealed)
        .map(([column, n]) => `  ${column}: ${n}`)
        .join('\n')}\nEvery process may now drop SECRETS_KEY_PREVIOUS.\n`,
    );
  } finally {
    await db.close();
    release();
  }
}

main().catch((error) => {
  const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseBusy;
  process.stderr.write(
    `${known ? error.message : `Could not rotate the secrets: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(error instanceof ConfigError ? 78 : 1);
});
