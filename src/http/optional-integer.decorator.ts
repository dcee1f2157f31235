import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export interface OptionalIntegerOptions {
  min: number;
  max?: number;
  /** A query string parameter, which arrives as text: converted to a number first. A JSON body field is not. */
  fromQuery?: boolean;
}

/** An optional integer field: absent is fine; present, it must be an integer within [min, max] (400 naming it). */
export function OptionalInteger({ min, max, fromQuery = false }: OptionalIntegerOptions): PropertyDecorator {
  return (target, property) => {
    const decorators: PropertyDecorator[] = [
      ValidateIf((object: Record<string | symbol, unknown>) => object[property] !== undefined),
      ...(fromQuery ? [Type(() => Number)] : []),
      IsInt(),
      Min(min),
      ...(max === undefined ? [] : [Max(max)]),
    ];
    // Property decorators apply bottom-up; keep the order they would have written out by hand.
    for (const decorator of decorators.reverse()) decorator(target, property);
  };
}
