import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ProjectionRunner, ProjectionState } from '../../event-sourcing';
import { ChronicleMetrics } from './chronicle-metrics';

const STATUSES: ProjectionState['status'][] = ['running', 'catching-up', 'rebuilding', 'failing'];

/**
 * Projection state read at scrape time (what `GET /projections` shows), so the gauges never lag
 * behind the runner. The gauges of one scrape share one read, which costs one head-position query.
 */
@Injectable()
export class ProjectionGauges {
  private reading: Promise<ProjectionState[]> | null = null;

  constructor(metrics: ChronicleMetrics, runner: ProjectionRunner) {
    const registers = [metrics.registry];
    const states = () => this.states(runner);
    const gauge = (name: string, help: string, value: (state: ProjectionState) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers,
        async collect() {
          for (const state of await states()) this.set({ projection: state.name }, value(state));
        },
      });
    gauge('chronicle_projection_position', 'Checkpoint: the last global position the projection applied', (s) => s.position);
    gauge('chronicle_projection_head_position', 'The last global position of the event log', (s) => s.headPosition);
    gauge('chronicle_projection_lag_events', 'Events between the checkpoint and the head of the log', (s) => s.lag);
    new Gauge({
      name: 'chronicle_projection_status',
      help: 'The projection status: 1 for the current one (running, catching-up, rebuilding, failing), 0 for the others',
      labelNames: ['projection', 'status'],
      registers,
      async collect() {
        for (const state of await states()) for (const status of STATUSES) this.set({ projection: state.name, status }, state.status === status ? 1 : 0);
      },
    });
  }

  private states(runner: ProjectionRunner): Promise<ProjectionState[]> {
    this.reading ??= runner.states().finally(() => setImmediate(() => (this.reading = null)));
    return this.reading;
  }
}
