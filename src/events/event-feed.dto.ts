import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { StreamEventResponse } from '../http/recorded-event.response';

// `?type=A&type=B` and `?type=A,B` both mean either type.
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));

/** Where to start and what to keep: shared by the paged and the live feed. */
export class FeedFilterQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'Exclusive: only events with a greater position.' })
  @ValidateIf((query: FeedFilterQueryDto) => query.after !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ type: [String], description: 'Only these event types (repeat the parameter or separate with commas).', example: 'CounterIncremented' })
  @ValidateIf((query: FeedFilterQueryDto) => query.type !== undefined)
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Only the events of this stream (aggregate id).' })
  @ValidateIf((query: FeedFilterQueryDto) => query.streamId !== undefined)
  @IsString()
  @Length(1, 200)
  streamId?: string;
}

export class EventFeedQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @ValidateIf((query: EventFeedQueryDto) => query.limit !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class LiveFeedQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3600,
    example: 3,
    description: 'End the stream after this many seconds (for clients that wait for the end, such as this page). Without it the stream stays open.',
  })
  @ValidateIf((query: LiveFeedQueryDto) => query.closeAfter !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  closeAfter?: number;
}

export class EventFeedResponse {
  @ApiProperty({ type: [StreamEventResponse] })
  items: StreamEventResponse[];

  @ApiProperty({
    example: 142,
    description: 'Pass as `after` for the next page: the position of the last item, or `after` itself when the page is empty.',
  })
  nextAfter: number;
}
