import { InvalidEnvironmentError, validateEnvironment } from '../../src/config/environment';
import { authConfigured } from '../../src/config/environment-rules';
import { eventSourcingOptionsFrom } from '../../src/config/event-sourcing-options';
import { publicPem, rsaKeyPair, TEST_JWT_SECRET } from '../support/tokens';

describe('Authentication settings', () => {
  it('leaves authentication off when no auth setting is given', () => {
    expect(authConfigured(validateEnvironment({}))).toBe(false);
  });

  it.each([
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: TEST_JWT_SECRET }],
    ['AUTH_JWT_PUBLIC_KEY', { AUTH_JWT_PUBLIC_KEY: publicPem(rsaKeyPair().publicKey) }],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json' }],
    ['AUTH_API_KEYS=true', { AUTH_API_KEYS: 'true' }],
  ])('turns authentication on with %s', (_name, settings) => {
    expect(authConfigured(validateEnvironment(settings))).toBe(true);
  });

  describe('with NODE_ENV=production', () => {
    it('refuses to start without authentication, naming the way out', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/NODE_ENV=production without authentication.*AUTH_DISABLED=true/);
    });

    it('starts open when AUTH_DISABLED=true says so, or with authentication', () => {
      expect(authConfigured(validateEnvironment({ NODE_ENV: 'production', AUTH_DISABLED: 'true' }))).toBe(false);
      expect(authConfigured(validateEnvironment({ NODE_ENV: 'production', AUTH_API_KEYS: 'true' }))).toBe(true);
    });
  });

  it.each([
    ['two ways to verify tokens', { AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWKS_URL: 'https://id.example/jwks' }, /set only one way/],
    ['AUTH_DISABLED=true beside an auth setting', { AUTH_DISABLED: 'true', AUTH_API_KEYS: 'true' }, /contradicts/],
    ['an issuer without a key source', { AUTH_JWT_ISSUER: 'https://id.example' }, /AUTH_JWT_ISSUER/],
    ['a short HS256 secret', { AUTH_JWT_SECRET: 'short' }, /at least 32/],
    ['a public key that is not PEM', { AUTH_JWT_PUBLIC_KEY: 'abc' }, /PEM/],
    ['a JWKS URL that is not http(s)', { AUTH_JWKS_URL: 'ftp://x/jwks' }, /http\(s\)/],
    ['a negative rate limit', { RATE_LIMIT_PER_MINUTE: '-1' }, /RATE_LIMIT_PER_MINUTE/],
    ['CORS origins that are not origins', { CORS_ORIGINS: 'example.com' }, /CORS_ORIGINS/],
    ['TRUST_PROXY=true (any client could then claim any address)', { TRUST_PROXY: 'true' }, /TRUST_PROXY/],
  ])('refuses %s', (_name, settings, message) => {
    expect(() => validateEnvironment(settings)).toThrow(InvalidEnvironmentError);
    expect(() => validateEnvironment(settings)).toThrow(message);
  });

  it('never echoes the secret in its message', () => {
    expect(() => validateEnvironment({ AUTH_JWT_SECRET: 'hunter2' })).toThrow(/AUTH_JWT_SECRET=<hidden>/);
  });
});

describe('AGGREGATE_CACHE_MB', () => {
  it('defaults to 16 MB, accepts 0 (off), and maps onto the core option in bytes', () => {
    expect(validateEnvironment({}).AGGREGATE_CACHE_MB).toBe(16);
    expect(eventSourcingOptionsFrom(validateEnvironment({ AGGREGATE_CACHE_MB: '0' })).aggregateCacheBytes).toBe(0);
    expect(eventSourcingOptionsFrom(validateEnvironment({ AGGREGATE_CACHE_MB: '64' })).aggregateCacheBytes).toBe(64 * 1024 * 1024);
  });

  it.each([
    ['a negative size', '-1', /AGGREGATE_CACHE_MB must not be less than 0/],
    ['a fraction', '1.5', /AGGREGATE_CACHE_MB must be an integer number/],
    ['a size past 16 GB', '16385', /AGGREGATE_CACHE_MB must not be greater than 16384/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => validateEnvironment({ AGGREGATE_CACHE_MB: value })).toThrow(message);
  });
});
