import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { EventStore } from '../event-sourcing';
import { EventFeedReader, FeedFilter } from './event-feed-reader';
import { LiveFeed } from './live-feed';

// Picks up events other processes appended; this process's own appends poke at once.
const POLL_INTERVAL_MS = 1000;
const HEARTBEAT_EVERY_POLLS = 15;

/** Every open live feed: woken by appends in this process and by a poll, ended on shutdown. */
@Injectable()
export class LiveFeeds implements BeforeApplicationShutdown {
  private readonly feeds = new Set<LiveFeed>();
  private unsubscribe: (() => void) | null = null;
  private poller: NodeJS.Timeout | null = null;
  private polls = 0;

  constructor(
    private readonly store: EventStore,
    private readonly reader: EventFeedReader,
  ) {}

  /** Opens a feed after position `after`; with `closeAfterMs`, ends it after that long. */
  open(response: Response, after: number, filter: FeedFilter, closeAfterMs?: number): void {
    const feed = new LiveFeed(response, this.reader, filter, after);
    this.feeds.add(feed);
    const timer = closeAfterMs === undefined ? null : setTimeout(() => this.remove(feed), closeAfterMs).unref();
    response.on('close', () => {
      if (timer) clearTimeout(timer);
      this.remove(feed);
    });
    this.follow();
    feed.start();
  }

  // Before the HTTP server closes: it waits for open connections, and these never end by themselves.
  beforeApplicationShutdown(): void {
    for (const feed of this.feeds) this.remove(feed);
  }

  private follow(): void {
    this.unsubscribe ??= this.store.onAppended(() => this.pokeAll());
    this.poller ??= setInterval(() => {
      this.polls += 1;
      this.pokeAll();
      if (this.polls % HEARTBEAT_EVERY_POLLS === 0) for (const feed of this.feeds) feed.heartbeat();
    }, POLL_INTERVAL_MS).unref();
  }

  private pokeAll(): void {
    for (const feed of this.feeds) feed.poke();
  }

  private remove(feed: LiveFeed): void {
    feed.close();
    this.feeds.delete(feed);
    if (this.feeds.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }
}
