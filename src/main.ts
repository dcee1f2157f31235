import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { Environment, InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { DatabaseHeldError } from './database/sqlite-writer-lock';
import { loggingParams } from './observability/logging/logging.module';
import { startTracing } from './observability/tracing/tracing-sdk';

async function bootstrap(): Promise<void> {
  // Validate before Nest starts, so a bad setting ends the process with one clear message.
  const settings = validateEnvironment(process.env);
  // Before Nest: spans need the SDK's context manager from the first request on.
  startTracing(process.env);
  // pino from the first line: start-up (database retries, migrations) is logged as it happens, structured.
  const params = loggingParams(settings);
  const app = await NestFactory.create(AppModule, { logger: new PinoNestLogger(new PinoLogger(params), params) });
  configureApp(app);
  const port = app.get(Environment).PORT;
  await app.listen(port);
  Logger.log(`Chronicle listening on http://localhost:${port} (Swagger UI at /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidEnvironmentError || error instanceof DatabaseHeldError ? error.message : error);
  process.exit(1);
});
