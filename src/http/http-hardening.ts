import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Environment } from '../config/environment';

/**
 * helmet's headers (CSP, nosniff, frame and referrer policies, …) without `X-Powered-By`, CORS as
 * configured, and which proxies are believed about the client's address. The CSP
 * allows only this origin's scripts; Swagger UI needs inline styles and `data:` images, and its
 * page must not be upgraded to https when served over plain http.
 */
export function hardenHttp(app: INestApplication, env: Environment): void {
  (app as NestExpressApplication).disable('x-powered-by');
  if (env.TRUST_PROXY !== 'false') (app as NestExpressApplication).set('trust proxy', trustProxyValue(env.TRUST_PROXY));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  const origins = env.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean);
  if (origins.length === 0) return; // no CORS headers: browsers keep other sites' pages out
  app.enableCors({
    origin: origins.includes('*') ? '*' : origins,
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Api-Key', 'If-Match', 'X-Correlation-Id', 'Last-Event-ID'],
    exposedHeaders: ['ETag', 'X-Correlation-Id', 'Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
}

/** Express's `trust proxy`: a hop count, or the addresses and subnets of the proxies to believe. */
function trustProxyValue(setting: string): number | string[] {
  return /^\d+$/.test(setting) ? Number(setting) : setting.split(',').map((entry) => entry.trim());
}
