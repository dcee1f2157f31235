import { Injectable, Logger } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';

/** Logs when a readiness check finds the database gone (warn) and when it finds it back (info). */
@Injectable()
export class DatabaseStatusLog {
  private readonly logger = new Logger('Database');
  private up = true;

  observe(result: HealthCheckResult): void {
    const database = result.details.database ?? result.error?.database;
    if (!database) return;
    const up = database.status === 'up';
    if (up === this.up) return;
    this.up = up;
    if (up) this.logger.log('database back: it answers again');
    else this.logger.warn(`database down: ${String(database.message ?? 'no answer')}`);
  }
}
