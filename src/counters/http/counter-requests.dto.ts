import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, ValidateIf } from 'class-validator';
import { MinPositionQuery } from '../../http/min-position.query';
import { MAX_POSITION, MAX_STREAM_VERSION, StoredText } from '../../event-sourcing';
import { OptionalInteger } from '../../http/optional-integer.decorator';

export class CreateCounterDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'visitors', description: 'Counted in Unicode code points; no NUL, no unpaired surrogates.' })
  @StoredText(1, 100)
  name: string;
}

export class ChangeCounterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, default: 1, type: 'integer' })
  @OptionalInteger({ min: 1, max: 1_000_000 })
  by?: number;
}

/** Reset takes no fields; declaring the empty body makes any field a 400. */
export class ResetCounterDto {}

export class ListCountersQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, type: 'integer' })
  @OptionalInteger({ min: 1, max: 100, fromQuery: true })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, default: 0, type: 'integer' })
  @OptionalInteger({ min: 0, max: MAX_POSITION, fromQuery: true })
  offset?: number;
}

// A calendar date, or a date-time that names its zone (Z or an offset), so no server time zone leaks in.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** Exactly one of `version` and `at`; the controller refuses both or neither. */
export class CounterStateQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_STREAM_VERSION, description: 'The state right after this stream version.' })
  @OptionalInteger({ min: 1, max: MAX_STREAM_VERSION, fromQuery: true })
  version?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-26T12:00:00Z',
    description: 'The state at this instant (ISO-8601 with Z or an offset, or a date meaning its midnight UTC).',
  })
  @ValidateIf((query: CounterStateQueryDto) => query.at !== undefined)
  @IsString()
  @Matches(ISO_INSTANT, { message: 'at must be an ISO-8601 time with Z or an offset, such as 2026-11-26T12:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'at must be a valid ISO-8601 time' })
  at?: string;
}
