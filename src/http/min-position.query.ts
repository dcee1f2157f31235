import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_POSITION } from '../event-sourcing';
import { OptionalInteger } from './optional-integer.decorator';

/** `?minPosition=<n>`: answer only once the projections read have applied the log up to n. */
export class MinPositionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_POSITION,
    description:
      'Read your writes: pass the `position` a command answered. The query waits until the read model has ' +
      'reached it (at most READ_WAIT_TIMEOUT_MS), else answers 503 with Retry-After.',
  })
  @OptionalInteger({ min: 0, max: MAX_POSITION, fromQuery: true })
  minPosition?: number;
}
