import { ApiProperty } from '@nestjs/swagger';
import type { ProjectionState } from '../event-sourcing';

export class ProjectionStateResponse implements ProjectionState {
  @ApiProperty({ example: 'counter_views' })
  name: string;

  @ApiProperty({ description: 'Last global position applied', example: 1200 })
  position: number;

  @ApiProperty({ description: 'Last global position in the event store', example: 1250 })
  headPosition: number;

  @ApiProperty({ description: 'headPosition - position', example: 50 })
  lag: number;

  @ApiProperty({ enum: ['running', 'catching-up', 'rebuilding', 'failing'] })
  status: ProjectionState['status'];

  @ApiProperty({ type: 'string', nullable: true, description: 'Why it is failing: the event and the error' })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
