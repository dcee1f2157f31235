import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalInteger } from './optional-integer.decorator';

/** `?minPosition=<n>`: answer only once the projections read have applied the log up to n. */
export class MinPositionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Read your writes: pass the `position` a command answered. The query waits until the read model has ' +
      'reached it (at most READ_WAIT_TIMEOUT_MS), else answers 503 with Retry-After.',
  })
  @OptionalInteger({ min: 0, fromQuery: true })
  minPosition?: number;
}
