import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner } from '../event-sourcing';
import { ProjectionStateResponse } from './projection-state.dto';

@ApiTags('operations')
@Controller('process-managers')
export class ProcessManagersController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get()
  @ApiOperation({
    operationId: 'listProcessManagers',
    summary: 'Every process manager: checkpoint, lag behind the log, status and last error',
    description: 'Driven like projections (status running, catching-up or failing), but they send commands instead of keeping a read model, so they are never rebuilt.',
  })
  @ApiOkResponse({ type: [ProjectionStateResponse] })
  list(): Promise<ProjectionStateResponse[]> {
    return this.runner.states('process-manager');
  }
}
