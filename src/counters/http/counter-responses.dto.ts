import { ApiProperty, OmitType } from '@nestjs/swagger';
import { RecordedEventResponse } from '../../http/recorded-event.response';

export class CounterCommandResponse {
  @ApiProperty({ format: 'uuid', example: '3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55' })
  id: string;

  @ApiProperty({ example: 5 })
  value: number;

  @ApiProperty({ description: 'Version of the counter stream after the command.', example: 2 })
  version: number;

  @ApiProperty({ description: 'Global log position of the last event recorded: pass it as minPosition to read your write.', example: 42 })
  position: number;
}

/** A brand-new counter: value 0 at version 1. */
export class CreatedCounterResponse extends OmitType(CounterCommandResponse, ['value', 'version', 'position'] as const) {
  @ApiProperty({ example: 'visitors' })
  name: string;

  @ApiProperty({ example: 0 })
  value: number;

  @ApiProperty({ description: 'Version of the counter stream after the command: 1 for a new counter.', example: 1 })
  version: number;

  @ApiProperty({ description: 'Global log position of its CounterCreated event: pass it as minPosition to read your write.', example: 41 })
  position: number;
}

export class CounterResponse {
  @ApiProperty({ format: 'uuid', example: '3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55' })
  id: string;

  @ApiProperty({ example: 'visitors' })
  name: string;

  @ApiProperty({ example: 3 })
  value: number;

  @ApiProperty({ example: 4 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CounterListResponse {
  @ApiProperty({ type: [CounterResponse] })
  items: CounterResponse[];

  @ApiProperty({ example: 1 })
  total: number;
}

export class CounterEventsResponse {
  @ApiProperty({ type: [RecordedEventResponse] })
  items: RecordedEventResponse[];

  @ApiProperty({
    example: 100,
    description: 'Pass as `after` for the next page: the version of the last item, or `after` itself when the page is empty.',
  })
  nextAfter: number;
}

/** A counter as it was at a past version or time: the read model's fields, with `asOf` instead of `updatedAt`. */
export class CounterStateResponse extends OmitType(CounterResponse, ['updatedAt'] as const) {
  @ApiProperty({ format: 'date-time', description: 'When the last event folded into this state occurred.' })
  asOf: string;
}
