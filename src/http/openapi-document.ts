import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

// Routes anyone may call (see @Access('public')): documented without a security requirement.
const OPEN_PATHS = /^\/(health|metrics)(\/|$)/;

const CORRELATION_DESCRIPTION = 'Ties a request to the events it caused (stored in their metadata) and to the logs; a new one is made when absent';

const CORRELATION_PARAMETER: ParameterObject = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description: `${CORRELATION_DESCRIPTION} (1 to 128 of letters, digits, _ . : -).`,
  schema: { type: 'string', maxLength: 128, example: 'checkout-7f3a' },
};

/**
 * The OpenAPI document of every route. Operation ids come from each route (a route without one
 * gets Nest's `Controller_method`, which the spec test refuses); the correlation header, which
 * the middleware handles on every route, is added here to every operation and answer. Both
 * credential schemes are declared, so Swagger UI's Authorize button offers them.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Chronicle')
    .setDescription(
      'An event-sourced CQRS service. Commands append events; queries read projections, which are ' +
        "eventually consistent: pass a command response's `position` as `minPosition` to read your own writes. " +
        'When authentication is on, send a JWT (`Authorization: Bearer …`) or an API key (`X-Api-Key`): ' +
        'GET routes need the role `read`, commands `write`, rebuilds `admin`. ' +
        'The event explorer is at [/explorer](/explorer).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const operation of [pathItem.get, pathItem.post, pathItem.put, pathItem.patch, pathItem.delete]) {
      if (!operation) continue;
      if (OPEN_PATHS.test(path)) operation.security = [];
      operation.parameters = [...(operation.parameters ?? []), CORRELATION_PARAMETER];
      for (const response of Object.values(operation.responses)) {
        if (!response || !('description' in response)) continue;
        response.headers = { ...response.headers, 'X-Correlation-Id': { description: CORRELATION_DESCRIPTION, schema: { type: 'string' } } };
      }
    }
  }
  return document;
}
