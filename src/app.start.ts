import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { Environment } from './config/environment';
import { loggingParams } from './observability/logging/logging.module';
import type { EarlyServer } from './operations/start-up/early-server';

/**
 * Builds the app (modules, database, migrations check, projections) behind the server main.ts
 * already opened, then hands that server's requests to Express: no second listen, and
 * connections opened while starting carry on.
 */
export async function startApp(settings: Environment, early: EarlyServer): Promise<void> {
  // pino from the first line: start-up (database retries, migrations) is logged as it happens, structured.
  const params = loggingParams(settings);
  const adapter = new ExpressAdapter();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(new PinoLogger(params), params),
  });
  // Nest's own server was never listened on; it closes this one at shutdown instead.
  adapter.setHttpServer(early.server);
  configureApp(app);
  await app.init();
  early.handOver(adapter.getInstance());
  Logger.log(`Chronicle listening on http://localhost:${settings.PORT} (Swagger UI at /docs)`, 'Bootstrap');
}
