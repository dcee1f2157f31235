import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseStatusLog } from './database-status.log';
import { HealthController } from './health.controller';
import { ParkedEventsController } from './parked-events.controller';
import { ProcessManagersController } from './process-managers.controller';
import { ProjectionsController } from './projections.controller';
import { ProjectionsHealthIndicator } from './projections.health';
import { StorageHealthIndicator } from './storage.health';

/** What an operator uses: health checks, projection and process manager status, projection repair. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, ProjectionsController, ParkedEventsController, ProcessManagersController],
  providers: [ProjectionsHealthIndicator, StorageHealthIndicator, DatabaseStatusLog],
})
export class OperationsModule {}
