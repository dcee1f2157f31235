import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionRunner } from '../event-sourcing';

/** Down while any projection is failing: its read model no longer follows the log. */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly projections: ProjectionRunner,
  ) {}

  check(key: string) {
    const indicator = this.health.check(key);
    const projections = this.projections.list();
    const failing = projections.filter((p) => p.status === 'failing');
    const details = Object.fromEntries(projections.map((p) => [p.name, p.status]));
    return failing.length === 0 ? indicator.up(details) : indicator.down({ ...details, errors: failing.map((p) => p.lastError) });
  }
}
