import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from './config';

/**
 * The key that seals partner credentials: SECRETS_KEY, or in embedded mode a key generated on
 * the first start and kept in `<dataDir>/secrets.key` (readable by its owner only).
 */
export function resolveSecretsKey(config: Config): Buffer {
  if (config.secretsKey) return config.secretsKey;
  if (config.databaseUrl !== null)
    throw new ConfigError('SECRETS_KEY', 'is required with DATABASE_URL (openssl rand -base64 32).');
  const file = join(config.dataDir, 'secrets.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError('SECRETS_KEY', `file ${file} does not hold a 32-byte base64 key.`);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
