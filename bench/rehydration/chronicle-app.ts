import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { validateEnvironment } from '../../src/config/environment';

/**
 * The real AppModule as an application context (no HTTP server), as the projections CLI builds
 * it. The settings are read from the environment when the context is created, so two contexts
 * opened one after the other in the same process may differ (e.g. in SNAPSHOT_EVERY).
 */
export async function openChronicle(settings: Record<string, string>): Promise<INestApplicationContext> {
  Object.assign(process.env, { LOG_LEVEL: 'warn', ...settings });
  validateEnvironment(process.env);
  // 'warn' would print RUN_PROJECTIONS=false's notice on every start.
  return NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
}
