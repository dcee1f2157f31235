import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Environment } from './config/environment';
import { StorageFaults } from './event-sourcing';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { requestShapeGuard } from './http/request-shape.guard';

/** Everything main.ts and the e2e tests both need, so tests run the app exactly as it ships. */
export function configureApp(app: INestApplication): void {
  const env = app.get(Environment);
  app.useLogger(app.get(Logger));
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

  const config = new DocumentBuilder()
    .setTitle('Chronicle')
    .setDescription(
      'An event-sourced CQRS service. Commands append events; queries read projections, which are ' +
        'eventually consistent: pass a command response\'s `position` as `minPosition` to read your own writes.',
    )
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
}
