import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { MinPositionQuery } from './min-position.query';

/** `?limit=&offset=` on a list read from a projection, with `minPosition`. */
export class PageQuery extends MinPositionQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, type: 'integer' })
  @ValidateIf((query: PageQuery) => query.limit !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, type: 'integer' })
  @ValidateIf((query: PageQuery) => query.offset !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
