import { Module } from '@nestjs/common';
import { EventFeedReader } from './event-feed-reader';
import { EventsController } from './events.controller';
import { LiveFeeds } from './live-feeds';
import { LiveTail } from './live-tail';

/** The global event feeds: GET /events (paged) and GET /events/live (Server-Sent Events). */
@Module({
  controllers: [EventsController],
  providers: [EventFeedReader, LiveFeeds, LiveTail],
})
export class EventsModule {}
