import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

// Plain decimal digits only: Number() would also take "1e300", "0x10" or " 5".
const DECIMAL = /^-?\d{1,16}$/;

/**
 * An optional integer query parameter within `min..max`. The bounds are what the database can
 * take (see MAX_POSITION, MAX_STREAM_VERSION), so a huge value is a 400 here, never a database
 * error (500) later.
 */
export function OptionalIntQuery(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value: unknown) => value !== undefined),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value)),
    IsInt(),
    Min(min),
    Max(max),
  );
}
