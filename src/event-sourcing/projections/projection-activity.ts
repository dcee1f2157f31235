import { Logger } from '@nestjs/common';
import type { EventSourcingObserver } from '../observability/event-sourcing-observer';
import { inSpan, linksToCauses } from '../observability/tracing';
import type { StoredEvent } from '../store/stored-event';
import type { ProjectionStatus } from './projection-checkpoint.entity';

/**
 * What a projection worker tells the outside about its work: one span per batch linked to the
 * commands that recorded its events, the observer's counts, and log lines for status changes,
 * batches (debug) and the end of a rebuild.
 */
export class ProjectionActivity {
  private readonly logger: Logger;
  private rebuild: { startedAt: number; events: number } | null = null;

  constructor(
    private readonly name: string,
    private readonly observer: EventSourcingObserver,
  ) {
    this.logger = new Logger(`Projection ${name}`);
  }

  /** Runs `apply` (which applies `batch` and returns how many events it handled) as a traced, counted batch. */
  async batch(batch: StoredEvent[], from: number, apply: () => Promise<number>): Promise<void> {
    const to = batch[batch.length - 1].position;
    const attributes = { 'chronicle.projection': this.name, 'chronicle.position.from': from, 'chronicle.position.to': to, 'chronicle.event.count': batch.length };
    const started = performance.now();
    const events = await inSpan(`projection ${this.name}`, attributes, apply, linksToCauses(batch.map((event) => event.metadata)));
    this.observer.projectionBatch({ projection: this.name, from, to, events, durationMs: performance.now() - started });
    if (this.rebuild) this.rebuild.events += events;
    this.logger.debug(`applied positions ${from + 1}..${to}: ${events} of ${batch.length} events`);
  }

  failed(position: number): void {
    this.observer.projectionFailed({ projection: this.name, position });
  }

  rebuildStarted(): void {
    this.rebuild = { startedAt: performance.now(), events: 0 };
    this.logger.log('rebuild started: read model emptied, replaying the log');
  }

  statusChanged(was: ProjectionStatus, now: ProjectionStatus, position: number, lastError: string | null): void {
    if (was === now) return;
    if (now === 'failing') this.logger.warn(`${was} -> failing, holding at position ${position}: ${lastError}`);
    else this.logger.log(`${was} -> ${now} at position ${position}`);
    if (was === 'rebuilding' && now !== 'rebuilding' && this.rebuild) {
      const seconds = (performance.now() - this.rebuild.startedAt) / 1000;
      this.logger.log(`rebuild finished: ${this.rebuild.events} events applied in ${seconds.toFixed(1)} s, at position ${position}`);
      this.rebuild = null;
    }
  }
}
