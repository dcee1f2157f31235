import { Body, Controller, Get, HttpCode, Logger, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import { callerOf, describeActor } from '../auth/caller';
import { ProjectionRunner } from '../event-sourcing';
import { ApiErrors } from '../http/api-errors.decorator';
import { positionParam } from '../http/position.pipe';
import { ParkedEventResponse, ParkedEventsResponse, ParkEventDto, toParkedEventResponse } from './parked-events.dto';

const NO_SUCH_PROJECTION = "No projection is named 'counter_vews'";

/** An operator's way out of a poison event without a code change: park it, list it, retry it later. */
@ApiTags('operations')
@Controller('projections/:name')
export class ParkedEventsController {
  private readonly logger = new Logger('Parking');

  constructor(private readonly projections: ProjectionRunner) {}

  @Post('park')
  @Access('admin')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'parkProjectionEvent',
    summary: 'Park the event a failing projection holds at, and move past it',
    description:
      'A deliberate act (a failing projection holds by default): the event is recorded with its error, the projection ' +
      'continues after it, and the act is logged. 409 when the projection is not failing, or holds at another position.',
  })
  @ApiOkResponse({ type: ParkedEventResponse })
  @ApiErrors([400, 'position must not be less than 1'], 401, 403, [404, NO_SUCH_PROJECTION], [409, 'Projection counter_views is not failing: there is no event to park'], 415, 429)
  async park(@Param('name') name: string, @Body() body: ParkEventDto, @Req() request: Request): Promise<ParkedEventResponse> {
    this.known(name);
    this.logger.log(`Parking in '${name}' requested by ${describeActor(callerOf(request).actor)}`);
    return toParkedEventResponse(await this.projections.park(name, body.position));
  }

  @Get('parked')
  @ApiOperation({ operationId: 'listParkedEvents', summary: 'The events parked out of this projection, with the error each failed with' })
  @ApiOkResponse({ type: ParkedEventsResponse })
  @ApiErrors(401, 403, [404, NO_SUCH_PROJECTION], 429)
  async parked(@Param('name') name: string): Promise<ParkedEventsResponse> {
    this.known(name);
    return { items: (await this.projections.parkedEvents(name)).map(toParkedEventResponse) };
  }

  @Post('parked/:position/retry')
  @Access('admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retryParkedEvent', summary: 'Apply a parked event now (after a fix); it leaves the list, or stays parked with 422 if it fails again' })
  @ApiOkResponse({ type: ParkedEventResponse })
  @ApiErrors(
    [400, 'position must be a log position (an integer from 1 to 9007199254740991)'],
    401,
    403,
    [404, 'Projection counter_views has no parked event at position 42'],
    [422, 'The parked event at position 42 still fails in counter_views: unlucky thirteen; it stays parked'],
    415,
    429,
  )
  async retry(
    @Param('name') name: string,
    @Param('position', positionParam('position')) position: number,
    @Req() request: Request,
  ): Promise<ParkedEventResponse> {
    this.known(name);
    this.logger.log(`Retry of the parked event at ${position} in '${name}' requested by ${describeActor(callerOf(request).actor)}`);
    return toParkedEventResponse(await this.projections.retryParked(name, position));
  }

  private known(name: string): void {
    if (!this.projections.has(name)) throw new NotFoundException(`No projection is named '${name}'`);
  }
}
