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

  @ApiProperty({ type: 'object', additionalProperties: true, example: { counterId: '…', by: 1 } })
  data: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { eventId: '…', correlationId: '…', causationId: '…' } })
  metadata: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
}

/** An event of the global feed: a recorded event plus the stream it belongs to. */
export class StreamEventResponse extends RecordedEventResponse {
  @ApiProperty({ example: '3f0c2a9e-…' })
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
