import type { Environment } from './environment';

/** Whether any setting turns authentication on (README "Authentication"). */
export function authConfigured(env: Environment): boolean {
  return jwtKeySources(env).length > 0 || env.AUTH_API_KEYS === 'true';
}

export function jwtKeySources(env: Environment): string[] {
  return (['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'] as const).filter((name) => env[name] !== '');
}

/** Rules that span several settings; each problem names the variables. */
export function crossSettingProblems(env: Environment): string[] {
  const problems: string[] = [];
  const sources = jwtKeySources(env);
  if (sources.length > 1) problems.push(`${sources.join(', ')}: set only one way to verify tokens`);
  if (env.AUTH_DISABLED === 'true' && authConfigured(env)) {
    problems.push('AUTH_DISABLED=true contradicts the authentication settings also given: remove one or the other');
  }
  if (sources.length === 0 && (env.AUTH_JWT_ISSUER !== '' || env.AUTH_JWT_AUDIENCE !== '')) {
    problems.push('AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE need one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL');
  }
  if (env.NODE_ENV === 'production' && !authConfigured(env) && env.AUTH_DISABLED !== 'true') {
    problems.push(
      'NODE_ENV=production without authentication: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL or ' +
        'AUTH_API_KEYS=true, or AUTH_DISABLED=true to run an open service on purpose',
    );
  }
  return problems;
}
