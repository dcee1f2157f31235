import { Injectable, Logger } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DrainOnPoke } from '../event-sourcing';
import { EventFeedReader } from './event-feed-reader';
import { LiveFrame, toLiveFrame } from './live-frame';

const PAGE_SIZE = 200;

/** A live connection that has caught up with the tail: it gets every new event, already framed. */
export interface TailSubscriber {
  deliver(frames: readonly LiveFrame[]): void;
}

/**
 * One reader of the log's tail for the whole process, fanned out to every caught-up live
 * connection: each new event is read, upcast and serialized once, however many clients follow.
 * Reads in bounded pages and yields to the event loop between them.
 */
@Injectable()
export class LiveTail {
  private readonly logger = new Logger(LiveTail.name);
  private readonly subscribers = new Set<TailSubscriber>();
  /** The last position fanned out. */
  private cursor = 0;
  private readonly reads = new DrainOnPoke(
    () => this.readNewEvents(),
    () => this.subscribers.size > 0,
    (error) => this.logger.warn(`could not read the tail of the log: ${error instanceof Error ? error.message : String(error)}`),
  );

  constructor(private readonly reader: EventFeedReader) {}

  /**
   * Subscribes a connection that has seen the log up to `seenUpTo`, if that is at or past the
   * tail's cursor (else it still has backlog to read itself; false). Synchronous, so no page can
   * be fanned out between the check and the subscription: no gap, and `deliver` skips repeats.
   */
  join(subscriber: TailSubscriber, seenUpTo: number): boolean {
    if (this.subscribers.size === 0) this.cursor = seenUpTo;
    if (seenUpTo < this.cursor) return false;
    this.subscribers.add(subscriber);
    return true;
  }

  leave(subscriber: TailSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** New events may exist. */
  poke(): void {
    this.reads.poke();
  }

  private async readNewEvents(): Promise<void> {
    let page;
    while (this.subscribers.size > 0 && (page = await this.reader.page(this.cursor, PAGE_SIZE)).length > 0) {
      const frames = page.map(toLiveFrame);
      this.cursor = page[page.length - 1].position;
      for (const subscriber of this.subscribers) subscriber.deliver(frames);
      await yieldToEventLoop();
    }
  }
}
