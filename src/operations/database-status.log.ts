import { Injectable, Logger } from '@nestjs/common';

/**
 * Logs when a readiness check finds the database no longer taking writes (warn: `down`, `full` or
 * `read-only`, with the reason) and when it finds it back (info). Only changes are logged.
 */
@Injectable()
export class DatabaseStatusLog {
  private readonly logger = new Logger('Database');
  private state = 'up';

  observe(state: string, reason?: string): void {
    if (state === this.state) return;
    const was = this.state;
    this.state = state;
    if (state === 'up') this.logger.log(`database back (was ${was}): it answers and takes writes again`);
    else this.logger.warn(`database ${state}${reason ? `: ${reason}` : ''}`);
  }
}
