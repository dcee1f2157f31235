import { Logger } from '@nestjs/common';
import type { Semaphore } from 'async-mutex';
import type { Response } from 'express';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DrainOnPoke } from '../event-sourcing';
import type { EventFeedReader, FeedFilter } from './event-feed-reader';
import { LiveFrame, toLiveFrame } from './live-frame';
import type { LiveTail, TailSubscriber } from './live-tail';

const BACKLOG_PAGE_SIZE = 200;

export interface LiveFeedDeps {
  reader: EventFeedReader;
  tail: LiveTail;
  /** Shared by every connection: how many may read their backlog at once. */
  backlogTurns: Semaphore;
  /** Bytes written but not yet taken by the client beyond which it is disconnected. */
  maxBufferedBytes: number;
}

/**
 * One Server-Sent Events connection. It reads its own backlog from its cursor, a bounded page at
 * a time and a few connections at a time, yielding between pages; once caught up it joins the
 * shared tail reader. A client that falls too far behind is disconnected (it resumes with
 * Last-Event-ID) rather than buffered without bound.
 */
export class LiveFeed implements TailSubscriber {
  private readonly logger = new Logger(LiveFeed.name);
  private closed = false;
  private live = false;
  private readonly backlog = new DrainOnPoke(
    () => this.readBacklog(),
    () => !this.closed && !this.live,
    (error) => this.fail(error),
  );

  constructor(
    private readonly response: Response,
    private readonly filter: FeedFilter,
    /** Every event up to here has been sent or was not for this client. */
    private seenUpTo: number,
    private readonly deps: LiveFeedDeps,
  ) {}

  start(): void {
    this.response.status(200);
    this.response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.response.setHeader('Cache-Control', 'no-cache, no-transform');
    this.response.setHeader('Connection', 'keep-alive');
    this.response.setHeader('X-Accel-Buffering', 'no');
    this.response.flushHeaders();
    this.response.write('retry: 1000\n\n');
    this.backlog.poke();
  }

  /** New events from the shared tail (this connection has caught up): those it has not seen and wants. */
  deliver(frames: readonly LiveFrame[]): void {
    if (this.closed) return;
    // What earlier deliveries left unsent is what the client has not read: past the cap, let it go.
    if (this.response.writableLength > this.deps.maxBufferedBytes) return this.tooSlow();
    const wanted = frames.filter((frame) => frame.position > this.seenUpTo && this.wants(frame));
    if (frames.length > 0) this.seenUpTo = Math.max(this.seenUpTo, frames[frames.length - 1].position);
    if (wanted.length > 0) this.response.write(wanted.map((frame) => frame.text).join(''));
  }

  /** A comment line: keeps proxies from closing an idle connection. */
  heartbeat(): void {
    if (!this.closed) this.response.write(': keep-alive\n\n');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.tail.leave(this);
    this.response.end();
  }

  private async readBacklog(): Promise<void> {
    while (!this.closed) {
      const { events, seenUpTo } = await this.deps.backlogTurns.runExclusive(async () => {
        await yieldToEventLoop(); // each page starts a new turn of the event loop, so requests are served between pages
        return this.deps.reader.pageWithReach(this.seenUpTo, BACKLOG_PAGE_SIZE, this.filter);
      });
      if (this.closed) return;
      const written = events.length === 0 || this.response.write(events.map((event) => toLiveFrame(event).text).join(''));
      this.seenUpTo = Math.max(this.seenUpTo, seenUpTo);
      if (events.length < BACKLOG_PAGE_SIZE && this.deps.tail.join(this, this.seenUpTo)) {
        this.live = true;
        this.deps.tail.poke();
        return;
      }
      if (!written) await this.drained();
    }
  }

  private wants(frame: LiveFrame): boolean {
    const { types, streamId } = this.filter;
    return (!types || types.includes(frame.type)) && (!streamId || streamId === frame.streamId);
  }

  private tooSlow(): void {
    this.logger.warn(`a live client fell more than ${this.deps.maxBufferedBytes} bytes behind at position ${this.seenUpTo}: disconnected`);
    this.response.write(`event: error\ndata: ${JSON.stringify({ message: 'Too far behind; reconnect with Last-Event-ID to resume' })}\n\n`);
    this.close();
  }

  private fail(error: unknown): void {
    this.logger.error(`live feed stopped after position ${this.seenUpTo}: ${error instanceof Error ? error.message : String(error)}`);
    if (!this.closed) this.response.write(`event: error\ndata: ${JSON.stringify({ message: 'The feed failed; reconnect to resume' })}\n\n`);
    this.close();
  }

  /** Slow client: wait for the socket buffer to empty (or the client to leave). */
  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }
}
