import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Environment } from './config/environment';
import { StorageFaults } from './event-sourcing';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { hardenHttp } from './http/http-hardening';
import { openApiDocument } from './http/open-api-document';
import { requestShapeGuard } from './http/request-shape.guard';

/** Everything main.ts and the e2e tests both need, so tests run the app exactly as it ships. */
export function configureApp(app: INestApplication): void {
  const env = app.get(Environment);
  app.useLogger(app.get(Logger));
  hardenHttp(app, env);
  (app as NestExpressApplication).useBodyParser('json', { limit: env.BODY_LIMIT });
  app.use(requestShapeGuard);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter(app.get(StorageFaults)));
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
