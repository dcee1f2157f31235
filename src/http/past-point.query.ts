import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsString, Matches, Min, ValidateIf } from 'class-validator';
import type { PastPoint } from '../event-sourcing';

// A calendar date, or a date-time that names its zone (Z or an offset), so no server time zone leaks in.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** `?version=` or `?at=` on a past-state route: exactly one of them (see `pastPointOf`). */
export class PastPointQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The state right after this stream version.' })
  @ValidateIf((query: PastPointQuery) => query.version !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-26T12:00:00Z',
    description: 'The state at this instant (ISO-8601 with Z or an offset, or a date meaning its midnight UTC).',
  })
  @ValidateIf((query: PastPointQuery) => query.at !== undefined)
  @IsString()
  @Matches(ISO_INSTANT, { message: 'at must be an ISO-8601 time with Z or an offset, such as 2026-11-26T12:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'at must be a valid ISO-8601 time' })
  at?: string;
}

/** @throws BadRequestException unless exactly one of `version` and `at` is given. */
export function pastPointOf({ version, at }: PastPointQuery): PastPoint {
  if ((version === undefined) === (at === undefined)) throw new BadRequestException('Give exactly one of version and at');
  return version !== undefined ? { version } : { at: new Date(at!) };
}
