import { Injectable } from '@nestjs/common';
import { EventRegistry, EventStore, StoredEvent } from '../event-sourcing';
import { displayedEvent } from '../http/displayed-event';

export interface FeedFilter {
  types?: string[];
  streamId?: string;
}

/**
 * Reads the global log for the feeds: by position, never past the store's safe head (so a
 * reader following positions cannot skip a slower writer's event), each event upcast to the
 * current schema of its type (or as stored when this release cannot read it).
 */
@Injectable()
export class EventFeedReader {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {}

  async page(after: number, limit: number, filter: FeedFilter = {}): Promise<StoredEvent[]> {
    const head = await this.store.headPosition();
    if (head <= after) return [];
    const events = await this.store.readAll({ after, limit, types: filter.types, streamId: filter.streamId });
    return events.filter((event) => event.position <= head).map((event) => displayedEvent(this.registry, event));
  }
}
