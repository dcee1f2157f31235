import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { MinPositionQuery } from '../../http/min-position.query';

export class CreateCounterDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'visitors' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class ChangeCounterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, default: 1, type: 'integer' })
  @ValidateIf((body: ChangeCounterDto) => body.by !== undefined)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  by?: number;
}

/** Reset takes no fields; declaring the empty body makes any field a 400. */
export class ResetCounterDto {}

export class ListCountersQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, type: 'integer' })
  @ValidateIf((query: ListCountersQueryDto) => query.limit !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, type: 'integer' })
  @ValidateIf((query: ListCountersQueryDto) => query.offset !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
