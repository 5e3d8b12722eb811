import type { ApiKeyRecord, ApiKeyRepository } from '../../src/domain/api-keys/ports';
import { hashApiKey } from '../../src/app/use-cases/api-keys/api-keys';
import { createApiKeyVerifier } from '../../src/app/http/auth';

/** Keys in memory, counting how often the store is asked. */
function memoryKeys() {
  const byHash = new Map<string, ApiKeyRecord>();
  let lookups = 0;
  const repository: ApiKeyRepository = {
    async create(key, keyHash) {
      byHash.set(keyHash, key);
      return key;
    },
    async findByHash(keyHash) {
      lookups += 1;
      return byHash.get(keyHash) ?? null;
    },
    async list() {
      return { items: [...byHash.values()], last: null };
    },
    async delete(id) {
      for (const [hash, key] of byHash) if (key.id === id) byHash.delete(hash);
      return 'deleted';
    },
    async count() {
      return byHash.size;
    },
    async createFirst(key, keyHash) {
      if (byHash.size > 0) return null;
      byHash.set(keyHash, key);
      return key;
    },
  };
  return { repository, lookups: () => lookups };
}

const KEY: ApiKeyRecord = {
  id: 'k1',
  name: 'ops',
  prefix: 'ponte_ab',
  scopes: ['admin'],
  createdAt: new Date('2026-11-01T00:00:00Z'),
};
const SECRET = 'ponte_abcdefghijklmnopqrstuvwxyz012345';

describe('the API key verifier', () => {
  test('when a key is presented before another process creates it, then it works a second later', async () => {
    const keys = memoryKeys();
    let clock = 0;
    const verifier = createApiKeyVerifier(keys.repository, 60_000, () => clock);
    expect(await verifier.verify(SECRET)).toBeNull();
    await keys.repository.create(KEY, hashApiKey(SECRET));
    expect(await verifier.verify(SECRET)).toBeNull();
    clock += 1_001;
    expect(await verifier.verify(SECRET)).toEqual(KEY);
  });

  test('when a key is presented before this process creates it, then it works at once', async () => {
    const keys = memoryKeys();
    const verifier = createApiKeyVerifier(keys.repository, 60_000);
    expect(await verifier.verify(SECRET)).toBeNull();
    await keys.repository.create(KEY, hashApiKey(SECRET));
    verifier.forgetMisses();
    expect(await verifier.verify(SECRET)).toEqual(KEY);
  });

  test('when the same bad key is tried a thousand times, then the store is asked once', async () => {
    const keys = memoryKeys();
    const verifier = createApiKeyVerifier(keys.repository, 60_000);
    for (let n = 0; n < 1_000; n++) expect(await verifier.verify(SECRET)).toBeNull();
    expect(keys.lookups()).toBe(1);
  });

  test('when a secret cannot be a key (too short, a space, too long), then the store is not asked', async () => {
    const keys = memoryKeys();
    const verifier = createApiKeyVerifier(keys.repository, 60_000);
    for (const secret of ['short', 'ponte_abc def ghijklmnopqrstuvwxyz', 'x'.repeat(129)])
      expect(await verifier.verify(secret)).toBeNull();
    expect(keys.lookups()).toBe(0);
  });

  test('when a known key is presented again within the cache time, then the store is not asked again', async () => {
    const keys = memoryKeys();
    await keys.repository.create(KEY, hashApiKey(SECRET));
    const verifier = createApiKeyVerifier(keys.repository, 60_000);
    await verifier.verify(SECRET);
    await verifier.verify(SECRET);
    expect(keys.lookups()).toBe(1);
  });

  test('when a key is forgotten after it is deleted, then it stops working at once', async () => {
    const keys = memoryKeys();
    await keys.repository.create(KEY, hashApiKey(SECRET));
    const verifier = createApiKeyVerifier(keys.repository, 60_000);
    expect(await verifier.verify(SECRET)).toEqual(KEY);
    await keys.repository.delete(KEY.id);
    verifier.forget(KEY.id);
    expect(await verifier.verify(SECRET)).toBeNull();
  });
});
