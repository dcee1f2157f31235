import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { Environment, InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { DatabaseHeldError } from './database/sqlite-writer-lock';

async function bootstrap(): Promise<void> {
  // Validate before Nest starts, so a bad setting ends the process with one clear message.
  const settings = validateEnvironment(process.env);
  const app = await NestFactory.create(AppModule, { logger: loggerLevels(settings.LOG_LEVEL) });
  configureApp(app);
  const port = app.get(Environment).PORT;
  await app.listen(port);
  Logger.log(`Chronicle listening on http://localhost:${port} (Swagger UI at /docs)`, 'Bootstrap');
}

function loggerLevels(level: Environment['LOG_LEVEL']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1) as ('error' | 'warn' | 'log' | 'debug' | 'verbose')[];
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidEnvironmentError || error instanceof DatabaseHeldError ? error.message : error);
  process.exit(1);
});
