import { BadRequestException, Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-errors.decorator';
import { toStreamEventResponse } from '../http/recorded-event.response';
import { EventFeedReader, FeedFilter } from './event-feed-reader';
import { EventFeedQueryDto, EventFeedResponse, FeedFilterQueryDto } from './event-feed.dto';
import { LiveFeeds } from './live-feeds';

const DEFAULT_LIMIT = 100;

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
    summary: 'The global log, in position order, one page at a time',
    description: 'Follow `nextAfter` to visit every event exactly once. Payloads are shown upcast to the current schema version of their type.',
  })
  @ApiOkResponse({ type: EventFeedResponse })
  @ApiErrors(400, 401, 403, 429)
  async list(@Query() query: EventFeedQueryDto): Promise<EventFeedResponse> {
    const after = query.after ?? 0;
    const events = await this.reader.page(after, query.limit ?? DEFAULT_LIMIT, filterOf(query));
    return { items: events.map(toStreamEventResponse), nextAfter: events.at(-1)?.position ?? after };
  }

  @Get('live')
  @ApiOperation({
    summary: 'The global log as Server-Sent Events: the backlog after a position, then each event as it commits',
    description:
      'Each message has `id:` = its position and `data:` = the event as in GET /events. A reconnecting client sends ' +
      'Last-Event-ID, which takes precedence over `after`, and resumes right after the last event it received.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position (sent by browsers on reconnect); takes precedence over `after`.' })
  @ApiOkResponse({
    description: 'An endless stream of `id: <position>` / `data: <event JSON>` messages, with keep-alive comments.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 401, 403, 429, 503)
  live(@Query() query: FeedFilterQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Res() response: Response): void {
    this.liveFeeds.open(response, resumePosition(lastEventId) ?? query.after ?? 0, filterOf(query));
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
