import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ProcessManagersController } from './process-managers.controller';
import { ProjectionsController } from './projections.controller';
import { ProjectionsHealthIndicator } from './projections.health';

/** What an operator uses: health checks, projection and process manager status, projection repair. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, ProjectionsController, ProcessManagersController],
  providers: [ProjectionsHealthIndicator],
})
export class OperationsModule {}
