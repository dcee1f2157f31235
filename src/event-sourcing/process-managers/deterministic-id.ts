import { createHash } from 'node:crypto';

// The namespace of Chronicle's name-based ids (any fixed UUID works; changing it changes every id).
const NAMESPACE = Buffer.from('5b6f0c1e9d3a4f27b8e04c2a7d91f3e6', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and a name): the same parts always
 * give the same id, different parts practically never do. Parts are joined with a NUL, so
 * ('a/b', 'c') and ('a', 'b/c') differ.
 */
export function deterministicId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
