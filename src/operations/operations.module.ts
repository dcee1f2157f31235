import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ParkedEventsController } from './parked-events.controller';
import { ProjectionsController } from './projections.controller';
import { ProjectionsHealthIndicator } from './projections.health';
import { StorageHealthIndicator } from './storage.health';

/** What an operator uses: health checks and projection status and repair. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, ProjectionsController, ParkedEventsController],
  providers: [ProjectionsHealthIndicator, StorageHealthIndicator],
})
export class OperationsModule {}
