import { Controller, Get, HttpCode, Logger, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import { ProjectionRunner } from '../event-sourcing';
import { ApiErrors } from '../http/api-errors.decorator';
import { callerOf } from '../observability/request-facts';
import { ProjectionStateResponse } from './projection-state.dto';

@ApiTags('operations')
@Controller('projections')
export class ProjectionsController {
  private readonly logger = new Logger('Projections');

  constructor(private readonly projections: ProjectionRunner) {}

  @Get()
  @ApiOperation({ operationId: 'listProjections', summary: 'Every projection: checkpoint, lag behind the log, status and last error' })
  @ApiOkResponse({ type: [ProjectionStateResponse] })
  @ApiErrors(401, 403, 429)
  list(): Promise<ProjectionStateResponse[]> {
    return this.projections.states();
  }

  @Post(':name/rebuild')
  @Access('admin')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'rebuildProjection',
    summary: 'Rebuild one projection from position 0 while the app keeps running',
    description:
      'Empties the read model and replays the whole log into it; follow the progress in GET /projections. ' +
      'While it rebuilds, queries on that read model answer 503 with Retry-After.',
  })
  @ApiAcceptedResponse({ type: ProjectionStateResponse })
  @ApiErrors(401, 403, [404, "No projection is named 'counter_vews'"], 415, 429)
  async rebuild(@Param('name') name: string, @Req() request: Request): Promise<ProjectionStateResponse> {
    if (!this.projections.has(name)) throw new NotFoundException(`No projection is named '${name}'`);
    const caller = callerOf(request);
    this.logger.log({ projection: name, caller }, `rebuild of ${name} requested by ${caller ? `${caller.type}:${caller.id}` : 'an anonymous caller'}`);
    await this.projections.rebuild(name);
    const state = (await this.projections.states()).find((s) => s.name === name);
    return state!;
  }
}
