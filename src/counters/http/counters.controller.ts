import { BadRequestException, Body, Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandContext, PastPoint } from '../../event-sourcing';
import { ProjectionRunner } from '../../event-sourcing';
import { ApiErrors } from '../../http/api-errors.decorator';
import { CommandCtx } from '../../http/command-context.decorator';
import { CommandRoute } from '../../http/command-route.decorator';
import { IfMatchVersions } from '../../http/if-match.decorator';
import { MinPositionQuery } from '../../http/min-position.query';
import { ApiPastState } from '../../http/past-state.decorator';
import { toRecordedEventResponse } from '../../http/recorded-event.response';
import { uuidParam } from '../../http/uuid.pipe';
import { Counter } from '../domain/counter.aggregate';
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

const WRITE_CONFLICT = 'A concurrent write got in the way; nothing was recorded, retry';
const KEY_REUSED = "Idempotency-Key 'checkout-7f3a' was already used for a different request (another route or body)";
const STORAGE_FAULT = 'The database is full: nothing was recorded; retry later';
const IF_MATCH_MALFORMED = 'If-Match must be * or a list of entity-tags such as "3" (quoted; W/"3" never matches)';
const PAST_NOT_FOUND = 'Counter 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 never reached version 9: it is at version 4';
const TOO_HIGH = `Counter 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 is at ${Number.MAX_SAFE_INTEGER - 2}: incrementing by 5 would pass ${Number.MAX_SAFE_INTEGER}`;

@ApiTags('counters')
@Controller('counters')
export class CountersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionRunner,
  ) {}

  @CommandRoute('', {
    operationId: 'createCounter',
    summary: 'Create a counter at zero',
    answer: CreatedCounterResponse,
    creates: '/counters/{id}',
    idempotent: true,
    errors: [[400, 'name must be between 1 and 100 characters (Unicode code points) long'], [409, WRITE_CONFLICT], 413, [422, KEY_REUSED], [503, STORAGE_FAULT]],
  })
  create(@Body() body: CreateCounterDto, @CommandCtx() context: CommandContext): Promise<CreatedCounterResponse> {
    return this.commands.execute(new CreateCounterCommand(body.name, context));
  }

  @CommandRoute(':id/increment', {
    operationId: 'incrementCounter',
    summary: 'Add `by` (default 1)',
    answer: CounterCommandResponse,
    ifMatch: true,
    idempotent: true,
    errors: [[400, 'by must not be greater than 1000000'], 404, 409, 412, 413, [422, TOO_HIGH], [503, STORAGE_FAULT]],
  })
  increment(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ChangeCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new IncrementCounterCommand(id, body.by ?? 1, context, expectedVersions));
  }

  @CommandRoute(':id/decrement', {
    operationId: 'decrementCounter',
    summary: 'Subtract `by` (default 1); refused with 422 below zero',
    answer: CounterCommandResponse,
    ifMatch: true,
    idempotent: true,
    errors: [[400, 'by must not be less than 1'], 404, 409, 412, 413, 422, [503, STORAGE_FAULT]],
  })
  decrement(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ChangeCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new DecrementCounterCommand(id, body.by ?? 1, context, expectedVersions));
  }

  @CommandRoute(':id/reset', {
    operationId: 'resetCounter',
    summary: 'Set back to zero',
    answer: CounterCommandResponse,
    ifMatch: true,
    idempotent: true,
    errors: [[400, IF_MATCH_MALFORMED], 404, 409, 412, 413, [422, KEY_REUSED], [503, STORAGE_FAULT]],
  })
  reset(
    @Param('id', uuidParam('id')) id: string,
    @Body() _body: ResetCounterDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<CounterCommandResponse> {
    return this.commands.execute(new ResetCounterCommand(id, context, expectedVersions));
  }

  @Get()
  @ApiOperation({ operationId: 'listCounters', summary: 'List counters, oldest first (from the counter_views projection)' })
  @ApiOkResponse({ type: CounterListResponse })
  @ApiErrors([400, 'limit must not be greater than 100'], 401, 403, 429, 503)
  async list(@Query() query: ListCountersQueryDto): Promise<CounterListResponse> {
    await this.awaitProjection(query.minPosition);
    const { items, total } = await this.queries.execute(new ListCountersQuery(query.limit ?? 20, query.offset ?? 0));
    return { items: items.map(toCounterResponse), total };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCounter', summary: 'Read a counter (from the counter_views projection); ETag is its version' })
  @ApiOkResponse({ type: CounterResponse, headers: { ETag: { description: 'The version, quoted ("4"): send it as If-Match', schema: { type: 'string', example: '"4"' } } } })
  @ApiErrors([400, 'id must be a UUID'], 401, 403, 429, 404, 503)
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
    operationId: 'getCounterEvents',
    summary: 'The audit trail: the counter\'s events in version order, from the event store, one page at a time',
    description: 'Follow `nextAfter` to read the whole trail. `minPosition` is accepted for symmetry: the event store is always as fresh as a command\'s answer.',
  })
  @ApiOkResponse({ type: CounterEventsResponse })
  @ApiErrors([400, 'id must be a UUID'], 401, 403, 404, 429)
  async events(@Param('id', uuidParam('id')) id: string, @Query() query: CounterEventsQueryDto): Promise<CounterEventsResponse> {
    const after = query.after ?? 0;
    const events = await this.queries.execute(new GetCounterEventsQuery(id, after, query.limit ?? EVENTS_PAGE));
    return { items: events.map(toRecordedEventResponse), nextAfter: events.at(-1)?.version ?? after };
  }

  @Get(':id/state')
  @Header('Cache-Control', 'no-store')
  @ApiPastState(Counter.streamType)
  @ApiOperation({
    operationId: 'getCounterState',
    summary: 'A past state: the counter right after `version`, or at the instant `at` (exactly one of them)',
    description: 'Rehydrated from the event store (from a snapshot at or before that point, then the events up to it), never from the projection.',
  })
  @ApiOkResponse({ type: CounterStateResponse })
  @ApiErrors([400, 'Give exactly one of version and at'], 401, 403, 429, [404, PAST_NOT_FOUND])
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
