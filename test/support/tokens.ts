import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/** A secret long enough for AUTH_JWT_SECRET (HS256). */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TokenOptions {
  sub?: string;
  roles?: unknown;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  notBefore?: number;
  issuer?: string;
  audience?: string;
  extra?: Record<string, unknown>;
  kid?: string;
}

/** A real JWT signed now, with `alg` HS256 (key: a secret string) or RS256/ES256 (key: a private KeyObject). */
export async function signToken(key: string | KeyObject, options: TokenOptions = {}): Promise<string> {
  const alg = typeof key === 'string' ? 'HS256' : key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...(options.roles !== undefined && { roles: options.roles }), ...options.extra };
  const jwt = new SignJWT(payload).setProtectedHeader({ alg, ...(options.kid && { kid: options.kid }) }).setIssuedAt(now);
  if (options.sub !== undefined) jwt.setSubject(options.sub);
  jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(typeof key === 'string' ? new TextEncoder().encode(key) : key);
}

export function rsaKeyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function ecKeyPair() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

export function publicPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
