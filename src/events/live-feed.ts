import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DrainOnPoke } from '../event-sourcing';
import { StreamEventResponse, toStreamEventResponse } from '../http/recorded-event.response';
import type { EventFeedReader, FeedFilter } from './event-feed-reader';

const BATCH_SIZE = 500;

/**
 * One Server-Sent Events connection. Every event is read from the store by position after a
 * cursor, whether it is backlog or new, so the seam between the two has no gap and no repeat.
 * `id:` is the position: a reconnecting browser sends it back as Last-Event-ID.
 */
export class LiveFeed {
  private readonly logger = new Logger(LiveFeed.name);
  private closed = false;
  private readonly reads = new DrainOnPoke(
    () => this.sendNewEvents(),
    () => !this.closed,
    (error) => this.fail(error),
  );

  constructor(
    private readonly response: Response,
    private readonly reader: EventFeedReader,
    private readonly filter: FeedFilter,
    private cursor: number,
  ) {}

  start(): void {
    this.response.status(200);
    this.response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.response.setHeader('Cache-Control', 'no-cache, no-transform');
    this.response.setHeader('Connection', 'keep-alive');
    this.response.setHeader('X-Accel-Buffering', 'no');
    this.response.flushHeaders();
    this.response.write('retry: 1000\n\n');
    this.poke();
  }

  /** New events may exist: read them now, or once the current read ends. */
  poke(): void {
    this.reads.poke();
  }

  /** A comment line: keeps proxies from closing an idle connection. */
  heartbeat(): void {
    if (!this.closed) this.response.write(': keep-alive\n\n');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.response.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async sendNewEvents(): Promise<void> {
    let page;
    while (!this.closed && (page = await this.reader.page(this.cursor, BATCH_SIZE, this.filter)).length > 0) {
      for (const event of page) {
        if (this.closed) return;
        await this.send(toStreamEventResponse(event));
        this.cursor = event.position;
      }
    }
  }

  private fail(error: unknown): void {
    this.logger.error(`live feed stopped after position ${this.cursor}: ${error instanceof Error ? error.message : String(error)}`);
    if (!this.closed) this.response.write(`event: error\ndata: ${JSON.stringify({ message: 'The feed failed; reconnect to resume' })}\n\n`);
    this.close();
  }

  private async send(event: StreamEventResponse): Promise<void> {
    if (this.response.write(`id: ${event.position}\ndata: ${JSON.stringify(event)}\n\n`)) return;
    // Slow client: wait for the socket buffer to empty (or the client to leave).
    await new Promise<void>((resolve) => {
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
