import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Semaphore } from 'async-mutex';
import type { Response } from 'express';
import { Environment } from '../config/environment';
import { EventStore } from '../event-sourcing';
import { ServiceBusyError } from '../http/service-busy.error';
import { ChronicleMetrics } from '../observability/metrics/chronicle-metrics';
import { EventFeedReader, FeedFilter } from './event-feed-reader';
import { LiveFeed } from './live-feed';
import { LiveTail } from './live-tail';

// Picks up events other processes appended; this process's own appends poke at once.
const POLL_INTERVAL_MS = 1000;
const HEARTBEAT_EVERY_POLLS = 15;
// Connections reading their backlog at once: the others wait their turn, so a crowd of clients
// starting from position 0 cannot fill a turn of the event loop with reads.
const BACKLOG_READERS = 2;

/** Every open live feed: capped in number, woken by appends and by a poll, ended on shutdown. */
@Injectable()
export class LiveFeeds implements BeforeApplicationShutdown {
  private readonly feeds = new Set<LiveFeed>();
  private readonly backlogTurns = new Semaphore(BACKLOG_READERS);
  private unsubscribe: (() => void) | null = null;
  private poller: NodeJS.Timeout | null = null;
  private polls = 0;

  constructor(
    private readonly store: EventStore,
    private readonly reader: EventFeedReader,
    private readonly tail: LiveTail,
    private readonly env: Environment,
    private readonly metrics: ChronicleMetrics,
  ) {}

  /**
   * Opens a feed after position `after`; with `closeAfterMs`, ends it after that long.
   * @throws ServiceBusyError (503 with Retry-After) when LIVE_FEED_MAX_CONNECTIONS are open.
   */
  open(response: Response, after: number, filter: FeedFilter, closeAfterMs?: number): void {
    if (this.feeds.size >= this.env.LIVE_FEED_MAX_CONNECTIONS) {
      throw new ServiceBusyError(`The live feed has ${this.feeds.size} connections, its limit; retry later or page through GET /events`, 5);
    }
    const feed = new LiveFeed(response, filter, after, {
      reader: this.reader,
      tail: this.tail,
      backlogTurns: this.backlogTurns,
      maxBufferedBytes: this.env.LIVE_FEED_MAX_BACKLOG_KB * 1024,
    });
    this.feeds.add(feed);
    this.metrics.liveFeedConnections.set(this.feeds.size);
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
    this.unsubscribe ??= this.store.onAppended(() => this.tail.poke());
    this.poller ??= setInterval(() => {
      this.polls += 1;
      this.tail.poke();
      if (this.polls % HEARTBEAT_EVERY_POLLS === 0) for (const feed of this.feeds) feed.heartbeat();
    }, POLL_INTERVAL_MS).unref();
  }

  private remove(feed: LiveFeed): void {
    feed.close();
    this.feeds.delete(feed);
    this.metrics.liveFeedConnections.set(this.feeds.size);
    if (this.feeds.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }
}
