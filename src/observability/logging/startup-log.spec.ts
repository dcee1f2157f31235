import { validateEnvironment } from '../../config/environment';
import { redactedSettings } from './startup-log';

describe('redactedSettings', () => {
  it('hides the password of a PostgreSQL URL and keeps the rest readable', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://chronicle:s3cr3t-pw@db.internal:5432/chronicle' });
    expect(redactedSettings(env).DATABASE_URL).toBe('postgres://chronicle:[redacted]@db.internal:5432/chronicle');
    expect(JSON.stringify(redactedSettings(env))).not.toContain('s3cr3t-pw');
  });

  it('keeps a URL without a password as it is', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://chronicle@db.internal/chronicle' });
    expect(redactedSettings(env).DATABASE_URL).toBe('postgres://chronicle@db.internal/chronicle');
  });

  it('redacts any setting whose name says it is secret', () => {
    const env = Object.assign(validateEnvironment({}), { JWT_SECRET: 'abc', API_KEYS: 'k1,k2' });
    expect(redactedSettings(env)).toMatchObject({ JWT_SECRET: '[redacted]', API_KEYS: '[redacted]', PORT: 3000 });
  });
});
