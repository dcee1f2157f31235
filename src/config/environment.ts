import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { crossSettingProblems } from './environment-rules';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** An integer setting within [min, max]; the environment gives text, so digits are read as a number first. */
function IntSetting(min: number, max: number): PropertyDecorator {
  // In the order a hand-written stack applies (bottom-up), so error messages keep their order. Composed
  // here rather than with Nest's applyDecorators: main.ts validates before the framework loads.
  const stack = [Max(max), Min(min), IsInt(), Transform(toInt)];
  return (target, property) => stack.forEach((decorate) => decorate(target, property));
}

/** Every setting the service reads from its environment, with its default. Documented in README.md. */
export class Environment {
  @IntSetting(0, 65535)
  PORT = 3000;

  @IsString()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must look like sqlite:<file> or postgres://user@host:port/db',
  })
  DATABASE_URL = 'sqlite:data/chronicle.db';

  // PostgreSQL only (see docs/running-several-instances.md).
  /** Connections each instance keeps in its pool (plus one for projection ownership). */
  @IntSetting(1, 1000)
  DATABASE_POOL_SIZE = 10;

  /** Any statement running longer is cancelled by the server; 0 turns the limit off. */
  @IntSetting(0, 3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30000;

  /** How often start-up retries a database it cannot reach before giving up (and exiting 1). */
  @IntSetting(0, 100000)
  DATABASE_CONNECT_RETRIES = 60;

  @IntSetting(0, 600000)
  DATABASE_CONNECT_RETRY_DELAY_MS = 2000;

  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  @IsString()
  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'BODY_LIMIT must be a size such as 16kb, 1mb or 16384' })
  BODY_LIMIT = '16kb';

  @IntSetting(1, 100)
  COMMAND_MAX_ATTEMPTS = 10;

  /** Open GET /events/live connections beyond which a new one is answered 503 with Retry-After. */
  @IntSetting(1, 100_000)
  LIVE_FEED_MAX_CONNECTIONS = 200;

  /** What a live client may leave unread (kb) before it is disconnected; it resumes with Last-Event-ID. */
  @IntSetting(16, 1_048_576)
  LIVE_FEED_MAX_BACKLOG_KB = 1024;

  @IntSetting(0, 60000)
  READ_WAIT_TIMEOUT_MS = 5000;

  /** `false` makes an instance that writes and serves, but leaves projections to other instances. */
  @IsIn(['true', 'false'])
  RUN_PROJECTIONS: 'true' | 'false' = 'true';

  /** Snapshot an aggregate every this many events (unless its policy says otherwise); 0 turns snapshots off. */
  @IntSetting(0, 1_000_000)
  SNAPSHOT_EVERY = 100;

  /**
   * What each aggregate type's repository may keep in memory of recently saved states (MB), so the
   * next command on one reads no snapshot; 0 turns it off. 16: some 50,000 counters per type.
   */
  @IntSetting(0, 16_384)
  AGGREGATE_CACHE_MB = 16;

  /** How long the answer of a request with an Idempotency-Key is kept, and repeats answered from it. */
  @IntSetting(1, 8760)
  IDEMPOTENCY_TTL_HOURS = 24;

  /** `true` adds the baseline endpoints `npm run bench` compares against (under /bench); never in production. */
  @IsIn(['true', 'false'])
  BENCH_BASELINES: 'true' | 'false' = 'false';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json`: one JSON object a line; `pretty`: coloured text for people. Unset: pretty on a terminal, else json. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty' = undefined;

  /** `false` turns `GET /metrics` (404) and the recording of metrics off. */
  @IsIn(['true', 'false'])
  METRICS_ENABLED: 'true' | 'false' = 'true';

  // OpenTelemetry traces, read by its SDK under their standard names; validated here so a typo stops the app.
  /** Where spans go (OTLP over HTTP); setting it turns tracing on. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://collector:4318' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  /** `otlp` or `console` turn tracing on (`none`: off, the default unless an endpoint is set). */
  @IsOptional()
  @IsIn(['otlp', 'console', 'none'])
  OTEL_TRACES_EXPORTER?: 'otlp' | 'console' | 'none' = undefined;

  @IsString()
  OTEL_SERVICE_NAME = 'chronicle';

  /** `production` refuses to start without authentication unless AUTH_DISABLED=true. */
  @IsString()
  NODE_ENV = '';

  // Authentication (README "Authentication"): any of the JWT settings or AUTH_API_KEYS=true turns it on.
  /** HS256 secret shared with the token issuer. */
  @ValidateIf((env: Environment) => env.AUTH_JWT_SECRET !== '')
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit secret)' })
  AUTH_JWT_SECRET = '';

  /** PEM public key (RS256 or ES256); `\n` escapes are read as line breaks. */
  @ValidateIf((env: Environment) => env.AUTH_JWT_PUBLIC_KEY !== '')
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'AUTH_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)' })
  AUTH_JWT_PUBLIC_KEY = '';

  /** Where the issuer publishes its keys (fetched on demand and cached). */
  @ValidateIf((env: Environment) => env.AUTH_JWKS_URL !== '')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL = '';

  @IsString()
  AUTH_JWT_ISSUER = '';

  @IsString()
  AUTH_JWT_AUDIENCE = '';

  @IsString()
  @MinLength(1)
  AUTH_ROLES_CLAIM = 'roles';

  /** `true` turns authentication on with API keys alone (no JWT issuer). */
  @IsIn(['true', 'false'])
  AUTH_API_KEYS: 'true' | 'false' = 'false';

  /** `true` states that the service runs without authentication on purpose (required in production). */
  @IsIn(['true', 'false'])
  AUTH_DISABLED: 'true' | 'false' = 'false';

  /** Commands per caller per minute on this instance; 0: no limit. */
  @IntSetting(0, 100_000_000)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** Reads per caller per minute on this instance; 0: no limit. */
  @IntSetting(0, 100_000_000)
  RATE_LIMIT_READS_PER_MINUTE = 60000;

  /**
   * Which proxies' X-Forwarded-For to believe for the client IP (rate limits of anonymous callers):
   * `false`, a number of hops, or a comma list of addresses, subnets or `loopback`, `linklocal`, `uniquelocal`.
   */
  @Matches(/^(?!true$)(false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, { message: 'TRUST_PROXY must be false, a number of hops, or a comma list of addresses or subnets' })
  TRUST_PROXY = 'false';

  /** Comma-separated origins browsers may call from (CORS); empty: none. */
  @IsString()
  @Matches(/^(|\*|https?:\/\/[^,\s]+(,\s*https?:\/\/[^,\s]+)*)$/, { message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins' })
  CORS_ORIGINS = '';
}

export class InvalidEnvironmentError extends Error {}

/** Validates the raw environment; throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const relevant = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => known.includes(key) && value !== undefined && value !== ''),
  );
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const lines = errors.map((e) => `  ${e.property}=${describeValue(e.property, raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (lines.length === 0) lines.push(...crossSettingProblems(env).map((problem) => `  ${problem}`));
  if (lines.length > 0) throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  return env;
}

// A secret is never echoed into a log.
function describeValue(property: string, value: unknown): string {
  return property === 'AUTH_JWT_SECRET' ? '<hidden>' : JSON.stringify(value);
}
