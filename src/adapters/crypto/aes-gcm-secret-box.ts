import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../domain/ports/secrets';

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit IV per value: `v1.<iv>.<tag>.<ciphertext>`, base64url. Seals
 * with `key`; opens with `key` or, while a rotation is under way, any of `previous` (the tag tells
 * which key sealed a value: no other passes it).
 */
export function createAesGcmSecretBox(key: Buffer, previous: readonly Buffer[] = []): SecretBox {
  if ([key, ...previous].some((k) => k.length !== 32)) throw new Error('The secrets key must be 32 bytes.');
  const openWith = (k: Buffer, iv: string, tag: string, ciphertext: string) => {
    const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed secret.');
      try {
        return openWith(key, iv, tag, ciphertext);
      } catch (error) {
        for (const k of previous) {
          try {
            return openWith(k, iv, tag, ciphertext);
          } catch {
            // Not this key's either.
          }
        }
        throw error;
      }
    },
    sealedWithCurrent(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) return false;
      try {
        openWith(key, iv, tag, ciphertext);
        return true;
      } catch {
        return false;
      }
    },
  };
}
