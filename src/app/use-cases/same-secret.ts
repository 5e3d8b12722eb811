import { createHash, timingSafeEqual } from 'node:crypto';

/** A secret's SHA-256 digest: what is compared, and what is kept of a secret read often. */
export const secretDigest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Whether a presented secret is the expected one, in constant time whatever their lengths (or characters). */
export const sameSecret = (presented: string, expected: string | Buffer): boolean =>
  timingSafeEqual(secretDigest(presented), typeof expected === 'string' ? secretDigest(expected) : expected);
