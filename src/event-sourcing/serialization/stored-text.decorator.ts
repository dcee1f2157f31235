import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `value` cannot be stored as text on both databases, or null when it can. Lengths are counted
 * in Unicode code points, the measure of PostgreSQL's VARCHAR(n) (class-validator's `Length`
 * counts some combining sequences as one character, so it let through names the column refused).
 * NUL and unpaired surrogates are refused because PostgreSQL's text and jsonb cannot hold them.
 */
export function storedTextProblem(value: unknown, minLength: number, maxLength: number): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired surrogates (invalid Unicode)';
  const length = [...value].length;
  if (length < minLength || length > maxLength) return `must be between ${minLength} and ${maxLength} characters (Unicode code points) long`;
  return null;
}

/** Text the event store and every read model can hold: a string of `minLength..maxLength` code points. */
export function StoredText(minLength: number, maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'storedText',
      constraints: [minLength, maxLength],
      validator: {
        validate: (value) => storedTextProblem(value, minLength, maxLength) === null,
        defaultMessage: buildMessage(
          (eachPrefix, args) => `${eachPrefix}$property ${firstProblem(args?.value, minLength, maxLength)}`,
          options,
        ),
      },
    },
    options,
  );
}

// With `each`, the message is built once for the whole array: name the first bad item's problem.
function firstProblem(value: unknown, minLength: number, maxLength: number): string {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => storedTextProblem(item, minLength, maxLength)).find((problem) => problem !== null) ?? 'is invalid';
}
