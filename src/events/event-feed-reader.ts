import { Injectable } from '@nestjs/common';
import { EventRegistry, EventStore, StoredEvent } from '../event-sourcing';

export interface FeedFilter {
  types?: string[];
  streamId?: string;
}

/**
 * Reads the global log for the feeds: by position, never past the store's safe head (so a
 * reader following positions cannot skip a slower writer's event), each event upcast to the
 * current schema of its type.
 */
@Injectable()
export class EventFeedReader {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {}

  async page(after: number, limit: number, filter: FeedFilter = {}): Promise<StoredEvent[]> {
    return (await this.pageWithReach(after, limit, filter)).events;
  }

  /**
   * A page, and how far the log has been looked at for it (`seenUpTo`): with a filter that keeps
   * few events, the last one returned can be far behind what was read past.
   */
  async pageWithReach(after: number, limit: number, filter: FeedFilter = {}): Promise<{ events: StoredEvent[]; seenUpTo: number }> {
    const head = await this.store.headPosition();
    if (head <= after) return { events: [], seenUpTo: after };
    const events = (await this.store.readAll({ after, limit, types: filter.types, streamId: filter.streamId })).filter((event) => event.position <= head);
    // A short page means every event up to the head that matches was in it.
    const seenUpTo = events.length < limit ? head : events[events.length - 1].position;
    return { events: events.map((event) => this.registry.upcast(event)), seenUpTo };
  }
}
