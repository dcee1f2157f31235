import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export interface OptionalIntegerOptions {
  min: number;
  max?: number;
  /** A query string parameter, which arrives as text: converted to a number first. A JSON body field is not. */
  fromQuery?: boolean;
}

// Plain decimal digits only: Number() would also take "1e300", "0x10" or " 5".
const DECIMAL = /^-?\d{1,16}$/;
const fromText = Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value));

/**
 * An optional integer field: absent is fine; present, it must be an integer within [min, max] (400
 * naming it). Give `max` where a database column bounds the value (see MAX_POSITION,
 * MAX_STREAM_VERSION), so a huge value is a 400 here, never a database error later.
 */
export function OptionalInteger({ min, max, fromQuery = false }: OptionalIntegerOptions): PropertyDecorator {
  return (target, property) => {
    const decorators: PropertyDecorator[] = [
      ValidateIf((object: Record<string | symbol, unknown>) => object[property] !== undefined),
      ...(fromQuery ? [fromText] : []),
      IsInt(),
      Min(min),
      ...(max === undefined ? [] : [Max(max)]),
    ];
    // Property decorators apply bottom-up; keep the order they would have written out by hand.
    for (const decorator of decorators.reverse()) decorator(target, property);
  };
}
