import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { EventStore, ProjectionRunner, ProjectionState } from '../../event-sourcing';
import { ChronicleMetrics } from './chronicle-metrics';

const STATUSES: ProjectionState['status'][] = ['running', 'catching-up', 'rebuilding', 'failing'];

/**
 * Projection state read at scrape time (what `GET /projections` shows), so the gauges never lag
 * behind the runner. Checkpoints and statuses are in memory; the head of the log costs one query
 * per scrape, and while the database does not answer the head and lag series are left out rather
 * than failing the whole scrape.
 */
@Injectable()
export class ProjectionGauges {
  private reading: Promise<number | null> | null = null;

  constructor(metrics: ChronicleMetrics, runner: ProjectionRunner, store: EventStore) {
    const registers = [metrics.registry];
    const head = () => this.head(store);
    new Gauge({
      name: 'chronicle_projection_position',
      help: 'Checkpoint: the last global position the projection applied',
      labelNames: ['projection'],
      registers,
      collect() {
        for (const { name, position } of runner.list()) this.set({ projection: name }, position);
      },
    });
    new Gauge({
      name: 'chronicle_projection_status',
      help: 'The projection status: 1 for the current one (running, catching-up, rebuilding, failing), 0 for the others',
      labelNames: ['projection', 'status'],
      registers,
      collect() {
        for (const { name, status: current } of runner.list()) for (const status of STATUSES) this.set({ projection: name, status }, current === status ? 1 : 0);
      },
    });
    const fromHead = (name: string, help: string, value: (head: number, position: number) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers,
        async collect() {
          const position = await head();
          this.reset();
          if (position === null) return;
          for (const progress of runner.list()) this.set({ projection: progress.name }, value(position, progress.position));
        },
      });
    fromHead('chronicle_projection_head_position', 'The last global position of the event log', (position) => position);
    fromHead('chronicle_projection_lag_events', 'Events between the checkpoint and the head of the log', (position, checkpoint) => Math.max(0, position - checkpoint));
  }

  /** The head of the log, read once for the gauges of one scrape; null when the database does not answer. */
  private head(store: EventStore): Promise<number | null> {
    this.reading ??= store
      .headPosition()
      .catch(() => null)
      .finally(() => setImmediate(() => (this.reading = null)));
    return this.reading;
  }
}
