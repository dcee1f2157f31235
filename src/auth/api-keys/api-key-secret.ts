import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'chr_';

/** A new key: 256 random bits, so a plain SHA-256 is enough to store it (no dictionary to guess from). */
export function newApiKeySecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a header value could be one of our keys at all (spares the database a lookup of junk). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(PREFIX) && value.length === PREFIX.length + 43;
}
