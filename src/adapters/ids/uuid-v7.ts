import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../domain/ports/ids';

/**
 * RFC 9562 UUIDv7: 48 bits of Unix milliseconds, then randomness, so ids sort by creation time
 * (keyset pagination) and stay unguessable. Ids made in the same millisecond by one process
 * increase monotonically through the counter in `rand_a`.
 */
export function createUuidV7Generator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  return {
    next() {
      let ms = now();
      if (ms <= lastMs) {
        ms = lastMs;
        counter += 1;
        if (counter > 0xfff) {
          ms = lastMs + 1;
          counter = 0;
        }
      } else counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
      lastMs = ms;
      const bytes = randomBytes(16);
      bytes.writeUIntBE(ms, 0, 6);
      bytes[6] = 0x70 | (counter >> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | (bytes[8]! & 0x3f);
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
