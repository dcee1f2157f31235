import { ServiceUnavailableException } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import { exportJWK } from 'jose';
import { InvalidTokenError, JwtVerifier } from '../../src/auth/jwt-verifier';
import { validateEnvironment } from '../../src/config/environment';
import { ecKeyPair, publicPem, rsaKeyPair, signToken, TEST_JWT_SECRET } from '../support/tokens';

const verifierWith = (settings: Record<string, string>) => new JwtVerifier(validateEnvironment(settings));

describe('JwtVerifier', () => {
  describe('with an HS256 secret (AUTH_JWT_SECRET)', () => {
    const verifier = verifierWith({ AUTH_JWT_SECRET: TEST_JWT_SECRET });

    it('identifies the user by sub and reads the roles claim', async () => {
      const caller = await verifier.verify(await signToken(TEST_JWT_SECRET, { sub: 'alice', roles: ['write', 'billing-admin'] }));
      expect(caller.actor).toEqual({ type: 'user', id: 'alice' });
      expect([...caller.roles]).toEqual(['write']); // roles of other services are ignored
    });

    it.each([
      ['an expired token', { sub: 'a', expiresIn: -120 }, /expired/],
      ['a token not valid before a minute from now', { sub: 'a', notBefore: 60 }, /nbf/],
      ['a token without sub', {}, /subject/],
    ])('refuses %s', async (_name, options, message) => {
      await expect(verifier.verify(await signToken(TEST_JWT_SECRET, options))).rejects.toThrow(message);
    });

    it('tolerates a clock a few seconds apart (expired 5 s ago, valid from 5 s ahead)', async () => {
      await expect(verifier.verify(await signToken(TEST_JWT_SECRET, { sub: 'a', expiresIn: -5 }))).resolves.toBeDefined();
      await expect(verifier.verify(await signToken(TEST_JWT_SECRET, { sub: 'a', notBefore: 5 }))).resolves.toBeDefined();
    });

    it('refuses a token signed with another secret, or with an asymmetric key', async () => {
      await expect(verifier.verify(await signToken('y'.repeat(40), { sub: 'a' }))).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(await signToken(rsaKeyPair().privateKey, { sub: 'a' }))).rejects.toThrow(InvalidTokenError);
    });
  });

  it('reads roles from the claim AUTH_ROLES_CLAIM names', async () => {
    const verifier = verifierWith({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_ROLES_CLAIM: 'permissions' });
    const token = await signToken(TEST_JWT_SECRET, { sub: 'a', roles: ['admin'], extra: { permissions: ['read'] } });
    expect([...(await verifier.verify(token)).roles]).toEqual(['read']);
  });

  it('checks the issuer and the audience when they are set', async () => {
    const verifier = verifierWith({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWT_ISSUER: 'https://id.example', AUTH_JWT_AUDIENCE: 'chronicle' });
    const good = await signToken(TEST_JWT_SECRET, { sub: 'a', issuer: 'https://id.example', audience: 'chronicle' });
    await expect(verifier.verify(good)).resolves.toBeDefined();
    await expect(verifier.verify(await signToken(TEST_JWT_SECRET, { sub: 'a', issuer: 'https://evil.example', audience: 'chronicle' }))).rejects.toThrow(/iss/);
    await expect(verifier.verify(await signToken(TEST_JWT_SECRET, { sub: 'a', issuer: 'https://id.example', audience: 'other' }))).rejects.toThrow(/aud/);
  });

  it.each([
    ['RS256', rsaKeyPair],
    ['ES256', ecKeyPair],
  ])('verifies %s tokens with a PEM public key (AUTH_JWT_PUBLIC_KEY), and refuses other keys', async (_alg, makePair) => {
    const { publicKey, privateKey } = makePair();
    const verifier = verifierWith({ AUTH_JWT_PUBLIC_KEY: publicPem(publicKey) });
    expect((await verifier.verify(await signToken(privateKey, { sub: 'svc', roles: ['read'] }))).actor.id).toBe('svc');
    await expect(verifier.verify(await signToken(makePair().privateKey, { sub: 'svc' }))).rejects.toThrow(InvalidTokenError);
    // Algorithm confusion: the public key used as an HMAC secret must not verify.
    await expect(verifier.verify(await signToken(publicPem(publicKey), { sub: 'svc' }))).rejects.toThrow(InvalidTokenError);
  });

  it('accepts a PEM given on one line with \\n escapes', async () => {
    const { publicKey, privateKey } = rsaKeyPair();
    const verifier = verifierWith({ AUTH_JWT_PUBLIC_KEY: publicPem(publicKey).replace(/\n/g, '\\n') });
    await expect(verifier.verify(await signToken(privateKey, { sub: 'svc' }))).resolves.toBeDefined();
  });

  describe('with a JWKS URL (AUTH_JWKS_URL) served by a local HTTP server', () => {
    const rsa = rsaKeyPair();
    const ec = ecKeyPair();
    let server: Server;
    let fetches = 0;
    let url: string;

    beforeAll(async () => {
      const keys = [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ];
      server = createServer((_request, response) => {
        fetches++;
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ keys }));
      }).listen(0, '127.0.0.1');
      await once(server, 'listening');
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies tokens by kid with the published keys, fetching the set once', async () => {
      const verifier = verifierWith({ AUTH_JWKS_URL: url });
      expect((await verifier.verify(await signToken(rsa.privateKey, { sub: 'r', kid: 'rsa-1' }))).actor.id).toBe('r');
      expect((await verifier.verify(await signToken(ec.privateKey, { sub: 'e', kid: 'ec-1' }))).actor.id).toBe('e');
      expect((await verifier.verify(await signToken(rsa.privateKey, { sub: 'r2', kid: 'rsa-1' }))).actor.id).toBe('r2');
      expect(fetches).toBe(1);
    });

    it('answers 503, not 401, while the key set cannot be fetched', async () => {
      const closed = createServer().listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const unreachable = `http://127.0.0.1:${(closed.address() as { port: number }).port}/jwks.json`;
      await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
      const verifier = verifierWith({ AUTH_JWKS_URL: unreachable });
      await expect(verifier.verify(await signToken(rsa.privateKey, { sub: 'r', kid: 'rsa-1' }))).rejects.toThrow(ServiceUnavailableException);
    });

    it('refuses a token signed by a key the set does not publish', async () => {
      const verifier = verifierWith({ AUTH_JWKS_URL: url });
      await expect(verifier.verify(await signToken(rsaKeyPair().privateKey, { sub: 'x', kid: 'rsa-1' }))).rejects.toThrow(InvalidTokenError);
    });
  });
});
