import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Environment } from './config/environment';
import { StorageFaults } from './event-sourcing';
import { serveExplorer } from './explorer/explorer-static';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { hardenHttp } from './http/http-hardening';
import { createOpenApiDocument } from './http/openapi-document';
import { RequestValidationPipe } from './http/request-validation.pipe';
import { requestShapeGuard } from './http/request-shape.guard';

/** Everything main.ts and the e2e tests both need, so tests run the app exactly as it ships. */
export function configureApp(app: INestApplication): void {
  const env = app.get(Environment);
  app.useLogger(app.get(Logger));
  hardenHttp(app, env);
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: env.BODY_LIMIT });
  // Express would add a weak body-hash ETag to every answer; ours are the aggregate's version, set by the routes.
  express.set('etag', false);
  app.use(requestShapeGuard);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(app.get(StorageFaults)));
  app.enableShutdownHooks();

  serveExplorer(express);
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
