/* The answers kept for requests that carried an `Idempotency-Key`. */

/** The first answer given to a request that carried an `Idempotency-Key`. */
export interface StoredAnswer {
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: unknown;
  readonly createdAt: Date;
}

export interface IdempotencyRepository {
  find(apiKeyId: string, key: string): Promise<StoredAnswer | null>;
  /**
   * Stores the answer to a key, in the transaction of the change it answers. False when the key
   * already has one: a concurrent request with the same key committed first.
   */
  record(
    entry: {
      readonly apiKeyId: string;
      readonly key: string;
      readonly method: string;
      readonly path: string;
    } & StoredAnswer,
  ): Promise<boolean>;
  /** Forgets keys older than `before`. */
  purge(before: Date): Promise<number>;
}
