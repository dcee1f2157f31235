import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_POSITION, ParkedEvent } from '../event-sourcing';
import { OptionalInteger } from '../http/optional-integer.decorator';

export class ParkEventDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The position of the event you mean to park (as lastError shows it): if the projection holds at another one, 409 and nothing is parked.',
  })
  @OptionalInteger({ min: 1, max: MAX_POSITION })
  position?: number;
}

export class ParkedEventResponse {
  @ApiProperty({ example: 'counter_views' })
  projection: string;

  @ApiProperty({ example: 42 })
  position: number;

  @ApiProperty({ example: 'CounterCreated' })
  type: string;

  @ApiProperty({ description: 'Why it failed, classified (the full error is in the log)', example: 'CounterCreated at position 42: a value is too long for a read-model column' })
  error: string;

  @ApiProperty({ format: 'date-time' })
  parkedAt: string;
}

export class ParkedEventsResponse {
  @ApiProperty({ type: [ParkedEventResponse] })
  items: ParkedEventResponse[];
}

export function toParkedEventResponse({ projection, position, type, error, parkedAt }: ParkedEvent): ParkedEventResponse {
  return { projection, position, type, error, parkedAt: new Date(parkedAt).toISOString() };
}
