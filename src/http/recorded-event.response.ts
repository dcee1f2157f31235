import { ApiProperty } from '@nestjs/swagger';
import type { StoredEvent } from '../event-sourcing';

/** One event as the audit trail shows it: payload and schemaVersion as its current class reads it (upcast). */
export class RecordedEventResponse {
  @ApiProperty({ example: 42 })
  position: number;

  @ApiProperty({ example: 2 })
  version: number;

  @ApiProperty({ example: 'CounterIncremented' })
  type: string;

  @ApiProperty({ example: 2, description: 'The current schema version of the type: older stored versions are upcast.' })
  schemaVersion: number;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { counterId: '3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55', by: 5 } })
  data: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      eventId: '9b2e6d1c-0a4f-4e8b-b1d2-7c3e5f6a8b90',
      correlationId: 'checkout-7f3a',
      causationId: '7a1d4c2e-3b5f-4a6d-8e9f-0b1c2d3e4f5a',
    },
  })
  metadata: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T12:00:00.000Z' })
  occurredAt: string;
}

/** An event of the global feed: a recorded event plus the stream it belongs to. */
export class StreamEventResponse extends RecordedEventResponse {
  @ApiProperty({ example: '3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55' })
  streamId: string;

  @ApiProperty({ example: 'Counter' })
  streamType: string;
}

export function toRecordedEventResponse(event: StoredEvent): RecordedEventResponse {
  const { position, version, type, schemaVersion, data, metadata, occurredAt } = event;
  return { position, version, type, schemaVersion, data, metadata, occurredAt: occurredAt.toISOString() };
}

export function toStreamEventResponse(event: StoredEvent): StreamEventResponse {
  return { ...toRecordedEventResponse(event), streamId: event.streamId, streamType: event.streamType };
}
