/** Seals secrets (partner tokens, passwords) for storage; only the server can open them. */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the sealed value was tampered with or sealed under another key. */
  open(sealed: string): string;
  /** Whether the current key sealed it (a rotation re-seals the others). */
  sealedWithCurrent(sealed: string): boolean;
}
