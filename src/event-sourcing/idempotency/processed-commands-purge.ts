import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { ProcessedCommands } from './processed-commands';

const HOUR_MS = 3_600_000;
// Often enough that a record outlives its TTL by a small fraction of it at most.
const PURGE_EVERY_MS = 10 * 60_000;

/** Deletes the records of idempotent commands older than `idempotencyTtlHours`, at start and then periodically. */
@Injectable()
export class ProcessedCommandsPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly processed: ProcessedCommands,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => void this.purgeExpired().catch((error: Error) => this.logger.warn(`purging expired idempotency records failed: ${error.message}`));
    tick();
    this.timer = setInterval(tick, PURGE_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes what expired by `now`; resolves to how many records. */
  purgeExpired(now = new Date()): Promise<number> {
    return this.processed.purgeBefore(new Date(now.getTime() - this.options.idempotencyTtlHours * HOUR_MS));
  }
}
