import { BadRequestException, Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-errors.decorator';
import { toStreamEventResponse } from '../http/recorded-event.response';
import { EventFeedReader, FeedFilter } from './event-feed-reader';
import { EventFeedQueryDto, EventFeedResponse, FeedFilterQueryDto, LiveFeedQueryDto } from './event-feed.dto';
import { LiveFeeds } from './live-feeds';

const DEFAULT_LIMIT = 100;

const LIVE_FEED_FULL = 'The live feed has 100 connections, its limit; retry later or page through GET /events';

const SSE_EXAMPLE = [
  'retry: 1000',
  '',
  'id: 42',
  'data: {"position":42,"version":2,"type":"CounterIncremented","schemaVersion":2,"data":{"counterId":"3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55","by":5},' +
    '"metadata":{"eventId":"9b2e6d1c-0a4f-4e8b-b1d2-7c3e5f6a8b90","correlationId":"checkout-7f3a","causationId":"7a1d4c2e-3b5f-4a6d-8e9f-0b1c2d3e4f5a"},' +
    '"occurredAt":"2026-11-30T12:00:00.000Z",' +
    '"streamId":"3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55","streamType":"Counter"}',
  '',
  ': keep-alive',
  '',
].join('\n');

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly reader: EventFeedReader,
    private readonly liveFeeds: LiveFeeds,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'listEvents',
    summary: 'The global log, in position order, one page at a time',
    description: 'Follow `nextAfter` to visit every event exactly once. Payloads are shown upcast to the current schema version of their type.',
  })
  @ApiOkResponse({ type: EventFeedResponse })
  @ApiErrors([400, 'limit must not be greater than 1000'], 401, 403, 429)
  async list(@Query() query: EventFeedQueryDto): Promise<EventFeedResponse> {
    const after = query.after ?? 0;
    const events = await this.reader.page(after, query.limit ?? DEFAULT_LIMIT, filterOf(query));
    return { items: events.map(toStreamEventResponse), nextAfter: events.at(-1)?.position ?? after };
  }

  @Get('live')
  @ApiOperation({
    operationId: 'followEvents',
    summary: 'The global log as Server-Sent Events: the backlog after a position, then each event as it commits',
    description:
      'Each message has `id:` = its position and `data:` = the event as in GET /events. A reconnecting client sends ' +
      'Last-Event-ID, which takes precedence over `after`, and resumes right after the last event it received.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position (sent by browsers on reconnect); takes precedence over `after`.' })
  @ApiOkResponse({
    description:
      'Server-Sent Events: first `retry: 1000`, then one message per event, `id: <position>` and `data: <the event as in ' +
      'GET /events, on one line>`, with `: keep-alive` comments every 15 s. It stays open unless `closeAfter` is given.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: SSE_EXAMPLE } },
  })
  @ApiErrors([400, 'Last-Event-ID must be an event position (a non-negative integer)'], 401, 403, 429, [503, LIVE_FEED_FULL])
  live(@Query() query: LiveFeedQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Res() response: Response): void {
    const closeAfterMs = query.closeAfter === undefined ? undefined : query.closeAfter * 1000;
    this.liveFeeds.open(response, resumePosition(lastEventId) ?? query.after ?? 0, filterOf(query), closeAfterMs);
  }
}

function filterOf({ type, streamId }: FeedFilterQueryDto): FeedFilter {
  return { types: type, streamId };
}

function resumePosition(lastEventId: string | undefined): number | undefined {
  if (lastEventId === undefined) return undefined;
  if (!/^\d{1,15}$/.test(lastEventId.trim())) throw new BadRequestException('Last-Event-ID must be an event position (a non-negative integer)');
  return Number(lastEventId);
}
