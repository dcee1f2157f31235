import { Logger } from '@nestjs/common';
import type { EventSourcingObserver } from '../observability/event-sourcing-observer';
import { inSpan, linksToCauses } from '../observability/tracing';
import type { StoredEvent } from '../store/stored-event';
import type { ProjectionProgress } from './projection-progress';

type ProgressChange = Partial<Pick<ProjectionProgress, 'position' | 'status' | 'lastError'>>;

/**
 * What a projection worker tells the outside about its work: one span per batch linked to the
 * commands that recorded its events, the observer's counts, and log lines for status changes,
 * batches (debug) and rebuilds.
 */
export class ProjectionActivity {
  private readonly logger: Logger;
  private rebuild: { startedAt: number; events: number } | null = null;

  constructor(
    private readonly name: string,
    private readonly handledTypes: ReadonlySet<string>,
    private readonly observer: EventSourcingObserver,
  ) {
    this.logger = new Logger(`Projection ${name}`);
  }

  /** Runs `apply` (which applies `batch` after position `from`) as a traced, counted batch. */
  async batch(batch: StoredEvent[], from: number, apply: () => Promise<void>): Promise<void> {
    const to = batch[batch.length - 1].position;
    const attributes = { 'chronicle.projection': this.name, 'chronicle.position.from': from, 'chronicle.position.to': to, 'chronicle.event.count': batch.length };
    const started = performance.now();
    await inSpan(`projection ${this.name}`, attributes, apply, linksToCauses(batch.map((event) => event.metadata)));
    const events = batch.filter((event) => this.handledTypes.has(event.type)).length;
    this.observer.projectionBatch({ projection: this.name, from, to, events, durationMs: performance.now() - started });
    if (this.rebuild) this.rebuild.events += events;
    this.logger.debug(`applied positions ${from + 1}..${to}: ${events} of ${batch.length} events`);
  }

  /** An attempt to apply the event at `position` failed. */
  failed(position: number): void {
    this.observer.projectionFailed({ projection: this.name, position });
  }

  /** The worker's progress is about to change from `current` by `change`: logs a change of status. */
  reported(current: ProjectionProgress, change: ProgressChange): void {
    const was = current.status;
    const now = change.status ?? was;
    if (now === was) return;
    const position = change.position ?? current.position;
    if (now === 'rebuilding') this.rebuild = { startedAt: performance.now(), events: 0 };
    if (now === 'failing') this.logger.warn(`${was} -> failing, holding at position ${position}: ${change.lastError ?? current.lastError}`);
    else this.logger.log(`${was} -> ${now} at position ${position}`);
    if (was === 'rebuilding' && this.rebuild) {
      const seconds = (performance.now() - this.rebuild.startedAt) / 1000;
      this.logger.log(`rebuild finished: ${this.rebuild.events} events applied in ${seconds.toFixed(1)} s, at position ${position}`);
      this.rebuild = null;
    }
  }
}
