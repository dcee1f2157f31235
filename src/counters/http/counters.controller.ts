import { BadRequestException, Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandContext, PastPoint } from '../../event-sourcing';
import { ProjectionRunner } from '../../event-sourcing';
import { ApiErrors } from '../../http/api-errors.decorator';
import { CommandCtx } from '../../http/command-context.decorator';
import { Idempotent } from '../../http/idempotency/idempotent.decorator';
import { IfMatchVersions } from '../../http/if-match.decorator';
import { MinPositionQuery } from '../../http/min-position.query';
import { toRecordedEventResponse } from '../../http/recorded-event.response';
import { uuidParam } from '../../http/uuid.pipe';
import { CreateCounterCommand } from '../commands/create-counter.command';
import { DecrementCounterCommand } from '../commands/decrement-counter.command';
import { IncrementCounterCommand } from '../commands/increment-counter.command';
import { ResetCounterCommand } from '../commands/reset-counter.command';
import type { CounterView } from '../projections/counter-view.entity';
import { COUNTER_VIEWS } from '../projections/counter-view.projection';
import { GetCounterEventsQuery } from '../queries/get-counter-events.query';
import { GetCounterStateQuery } from '../queries/get-counter-state.query';
import { GetCounterQuery } from '../queries/get-counter.query';
import { ListCountersQuery } from '../queries/list-counters.query';
import { ChangeCounterDto, CounterEventsQueryDto, CounterStateQueryDto, CreateCounterDto, ListCountersQueryDto, ResetCounterDto } from './counter-requests.dto';
import {
  CounterCommandResponse,
  CounterEventsResponse,
  CounterListResponse,
  CounterResponse,
  CounterStateResponse,
  CreatedCounterResponse,
} from './counter-responses.dto';

const EVENTS_PAGE = 100;

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last saw, in quotes ("4"). If the counter has moved on, 412 and nothing is recorded.',
};

@ApiTags('counters')
@Controller('counters')
export class CountersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a counter at zero' })
  @ApiCreatedResponse({ type: CreatedCounterResponse })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422, 429, 503)
  create(@Body() body: CreateCounterDto, @CommandCtx() context: CommandContext): Promise<CreatedCounterResponse> {
    return this.commands.execute(new CreateCounterCommand(body.name, context));
  }

  @Post(':id/increment')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Add `by` (default 1)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CounterCommandResponse })
  @ApiErrors(400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 503)
  increment(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ChangeCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new IncrementCounterCommand(id, body.by ?? 1, context, expectedVersions));
  }

  @Post(':id/decrement')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Subtract `by` (default 1); refused with 422 below zero' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CounterCommandResponse })
  @ApiErrors(400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 503)
  decrement(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ChangeCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new DecrementCounterCommand(id, body.by ?? 1, context, expectedVersions));
  }

  @Post(':id/reset')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Set back to zero' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CounterCommandResponse })
  @ApiErrors(400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 503)
  reset(
    @Param('id', uuidParam('id')) id: string,
    @Body() _body: ResetCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new ResetCounterCommand(id, context, expectedVersions));
  }

  @Get()
  @ApiOperation({ summary: 'List counters, oldest first (from the counter_views projection)' })
  @ApiOkResponse({ type: CounterListResponse })
  @ApiErrors(400, 401, 403, 429, 503)
  async list(@Query() query: ListCountersQueryDto): Promise<CounterListResponse> {
    await this.awaitProjection(query.minPosition);
    const { items, total } = await this.queries.execute(new ListCountersQuery(query.limit ?? 20, query.offset ?? 0));
    return { items: items.map(toCounterResponse), total };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a counter (from the counter_views projection); ETag is its version' })
  @ApiOkResponse({ type: CounterResponse, headers: { ETag: { description: 'The version, quoted: "4"' } } })
  @ApiErrors(400, 401, 403, 404, 429, 503)
  async get(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: MinPositionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CounterResponse> {
    await this.awaitProjection(query.minPosition);
    const view = await this.queries.execute(new GetCounterQuery(id));
    response.setHeader('ETag', `"${view.version}"`);
    return toCounterResponse(view);
  }

  @Get(':id/events')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The audit trail: the counter\'s events in version order, from the event store, one page at a time',
    description: 'Follow `nextAfter` to read the whole trail. `minPosition` is accepted for symmetry: the event store is always as fresh as a command\'s answer.',
  })
  @ApiOkResponse({ type: CounterEventsResponse })
  @ApiErrors(400, 401, 403, 404, 429)
  async events(@Param('id', uuidParam('id')) id: string, @Query() query: CounterEventsQueryDto): Promise<CounterEventsResponse> {
    const after = query.after ?? 0;
    const events = await this.queries.execute(new GetCounterEventsQuery(id, after, query.limit ?? EVENTS_PAGE));
    return { items: events.map(toRecordedEventResponse), nextAfter: events.at(-1)?.version ?? after };
  }

  @Get(':id/state')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A past state: the counter right after `version`, or at the instant `at` (exactly one of them)',
    description: 'Rehydrated from the event store (from a snapshot at or before that point, then the events up to it), never from the projection.',
  })
  @ApiOkResponse({ type: CounterStateResponse })
  @ApiErrors(400, 401, 403, 404, 429)
  async state(@Param('id', uuidParam('id')) id: string, @Query() query: CounterStateQueryDto): Promise<CounterStateResponse> {
    const state = await this.queries.execute(new GetCounterStateQuery(id, pastPoint(query)));
    return { ...state, asOf: state.asOf.toISOString() };
  }

  private awaitProjection(minPosition: number | undefined): Promise<void> {
    return this.projections.ensureReadable([COUNTER_VIEWS], minPosition);
  }
}

function toCounterResponse({ id, name, value, version, updatedAt }: CounterView): CounterResponse {
  return { id, name, value, version, updatedAt };
}

function pastPoint({ version, at }: CounterStateQueryDto): PastPoint {
  if ((version === undefined) === (at === undefined)) throw new BadRequestException('Give exactly one of version and at');
  return version !== undefined ? { version } : { at: new Date(at!) };
}
