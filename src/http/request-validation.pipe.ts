import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';

/**
 * The app's one ValidationPipe (DTOs whitelisted, unknown fields refused, no implicit
 * conversion), with a shortcut for the most common read: a query DTO and no query string at all.
 * Validating `{}` gives the same answer every time, so once a DTO has accepted it, later empty
 * queries get a fresh instance directly; class-transformer and class-validator cost a GET more
 * CPU than its database read (the `GET /counters/:id` profile, docs/BENCHMARKS.md). A DTO that
 * refuses `{}` (a required parameter) is never remembered and keeps failing through the full path.
 */
export class RequestValidationPipe extends ValidationPipe {
  private readonly acceptsEmptyQuery = new WeakSet<Type>();

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (metadata.type !== 'query' || !dto || !this.toValidate(metadata) || !isEmptyObject(value)) return super.transform(value, metadata);
    if (this.acceptsEmptyQuery.has(dto)) return new dto();
    const validated: unknown = await super.transform(value, metadata);
    this.acceptsEmptyQuery.add(dto);
    return validated;
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}
