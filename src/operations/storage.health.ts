import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { StorageFaults } from '../event-sourcing';

/**
 * Down while writes run into a full or read-only database: a ping still answers then, but every
 * command would fail, so the instance is not ready (see StorageFaults for how long it is believed).
 */
@Injectable()
export class StorageHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly faults: StorageFaults,
  ) {}

  check(key: string) {
    const indicator = this.health.check(key);
    const fault = this.faults.current();
    return fault ? indicator.down({ state: fault, message: `The database is ${fault}: writes fail` }) : indicator.up({ state: 'writable' });
  }
}
