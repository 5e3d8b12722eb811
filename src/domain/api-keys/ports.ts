import type { Page, PageRequest } from '../ports/page';

/* API keys as stored: hashed, never the secret. */

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the key, to tell keys apart without revealing them. */
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
}

export interface ApiKeyRepository {
  create(key: ApiKeyRecord, keyHash: string): Promise<ApiKeyRecord>;
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  list(page: PageRequest): Promise<Page<ApiKeyRecord>>;
  /** Refuses to delete the last key with the admin scope: without one, no key could be made again. */
  delete(id: string): Promise<'deleted' | 'not_found' | 'last_admin'>;
  count(): Promise<number>;
  /** Creates `key` only while no key exists at all (atomically across processes); null when one does. */
  createFirst(key: ApiKeyRecord, keyHash: string): Promise<ApiKeyRecord | null>;
}
