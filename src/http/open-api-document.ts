import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

// Routes anyone may call (see @Access('public')): documented without a security requirement.
const OPEN_PATHS = /^\/(health|metrics)(\/|$)/;

/** The OpenAPI document behind /docs: both credential schemes, so Swagger UI's Authorize button offers them. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Chronicle')
    .setDescription(
      'An event-sourced CQRS service. Commands append events; queries read projections, which are ' +
        'eventually consistent: pass a command response\'s `position` as `minPosition` to read your own writes. ' +
        'When authentication is on, send a JWT (`Authorization: Bearer …`) or an API key (`X-Api-Key`): ' +
        'GET routes need the role `read`, commands `write`, rebuilds `admin`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!OPEN_PATHS.test(path)) continue;
    for (const operation of Object.values(operations)) if (typeof operation === 'object' && 'responses' in operation) operation.security = [];
  }
  return document;
}
