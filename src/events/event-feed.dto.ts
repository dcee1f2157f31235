import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateIf } from 'class-validator';
import { StreamEventResponse } from '../http/recorded-event.response';
import { MAX_POSITION, StoredText } from '../event-sourcing';
import { OptionalInteger } from '../http/optional-integer.decorator';

// `?type=A&type=B` and `?type=A,B` both mean either type.
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));

/** Where to start and what to keep: shared by the paged and the live feed. */
export class FeedFilterQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_POSITION, default: 0, description: 'Exclusive: only events with a greater position.' })
  @OptionalInteger({ min: 0, max: MAX_POSITION, fromQuery: true })
  after?: number;

  @ApiPropertyOptional({ type: [String], description: 'Only these event types (repeat the parameter or separate with commas).', example: 'CounterIncremented' })
  @ValidateIf((query: FeedFilterQueryDto) => query.type !== undefined)
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @StoredText(1, 200, { each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Only the events of this stream (aggregate id).' })
  @ValidateIf((query: FeedFilterQueryDto) => query.streamId !== undefined)
  @StoredText(1, 200)
  streamId?: string;
}

export class EventFeedQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @OptionalInteger({ min: 1, max: 1000, fromQuery: true })
  limit?: number;
}

export class LiveFeedQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3600,
    example: 3,
    description: 'End the stream after this many seconds (for clients that wait for the end, such as Swagger UI). Without it the stream stays open.',
  })
  @OptionalInteger({ min: 1, max: 3600, fromQuery: true })
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
