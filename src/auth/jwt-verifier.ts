import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { Environment } from '../config/environment';
import type { Caller } from './caller';
import { rolesFrom } from './roles';

/** Leeway for `exp` and `nbf` between our clock and the issuer's. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** A token that is missing, malformed, expired, not yet valid, wrongly signed or for someone else. */
export class InvalidTokenError extends Error {}

type Key = KeyObject | JWTVerifyGetKey;

/** Verifies bearer tokens with the one key source configured (AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL). */
@Injectable()
export class JwtVerifier {
  private readonly key: Key | null;
  private readonly options: JWTVerifyOptions;
  private readonly logger = new Logger('Auth');

  constructor(private readonly env: Environment) {
    const { key, algorithms } = keyFrom(env);
    this.key = key;
    this.options = {
      algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(env.AUTH_JWT_ISSUER && { issuer: env.AUTH_JWT_ISSUER }),
      ...(env.AUTH_JWT_AUDIENCE && { audience: env.AUTH_JWT_AUDIENCE }),
    };
  }

  get enabled(): boolean {
    return this.key !== null;
  }

  /** @throws InvalidTokenError */
  async verify(token: string): Promise<Caller> {
    if (!this.key) throw new InvalidTokenError('Bearer tokens are not accepted here (no AUTH_JWT_* setting)');
    const payload = await this.payloadOf(token, this.key);
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('The token has no subject (sub)');
    return { actor: { type: 'user', id: payload.sub }, roles: rolesFrom(payload[this.env.AUTH_ROLES_CLAIM]) };
  }

  private async payloadOf(token: string, key: Key): Promise<JWTPayload> {
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, this.options) : await jwtVerify(token, key, this.options);
      return payload;
    } catch (error) {
      // The issuer's key set could not be fetched: the token may be fine, so not a 401.
      if (typeof key === 'function' && (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))) {
        this.logger.error(`Could not fetch the token keys from AUTH_JWKS_URL: ${(error as Error).message}`);
        throw new ServiceUnavailableException("The token issuer's keys could not be fetched; retry later");
      }
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(reasonOf(error));
      throw error;
    }
  }
}

function keyFrom(env: Environment): { key: Key | null; algorithms?: string[] } {
  // A KeyObject rather than bytes: jose then skips importing the key on every call (about half its cost).
  if (env.AUTH_JWT_SECRET) return { key: createSecretKey(Buffer.from(env.AUTH_JWT_SECRET, 'utf8')), algorithms: ['HS256'] };
  if (env.AUTH_JWT_PUBLIC_KEY) {
    const key = createPublicKey(env.AUTH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n'));
    return { key, algorithms: key.asymmetricKeyType === 'ec' ? ['ES256'] : ['RS256'] };
  }
  // jose fetches the set on first use, caches it, and refetches when a token names an unknown kid.
  if (env.AUTH_JWKS_URL) return { key: createRemoteJWKSet(new URL(env.AUTH_JWKS_URL)), algorithms: ['RS256', 'ES256'] };
  return { key: null };
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not acceptable`;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify';
  return 'The token is not valid';
}
