import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { Environment } from './config/environment';
import { loggingParams } from './observability/logging/logging.module';
import type { EarlyServer } from './operations/start-up/early-server';
import { startupTimeline } from './operations/start-up/startup-timeline';

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
  // Module init: providers built, the database connected and its migrations checked.
  startupTimeline.mark('modulesBuilt');
  // Nest's own server was never listened on; it closes this one at shutdown instead.
  adapter.setHttpServer(early.server);
  configureApp(app);
  await app.init(); // lifecycle hooks: the SQLite writer lock, projections started
  early.handOver(adapter.getInstance());
  startupTimeline.mark('serving');
  const logger = new Logger('Bootstrap');
  logger.log({ startupMs: startupTimeline.toJSON() }, `started in ${Math.round(performance.now())} ms`);
  const { port } = early.server.address() as AddressInfo;
  logger.log(`Chronicle listening on http://localhost:${port} (Swagger UI at /docs)`);
}
