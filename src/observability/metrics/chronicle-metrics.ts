import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every Prometheus series this process exposes on `GET /metrics` (documented in
 * docs/operations.md). One registry per app, not prom-client's global one, so that several apps
 * in one process (the tests) never share or collide on series.
 */
@Injectable()
export class ChronicleMetrics {
  readonly registry = new Registry();
  private readonly config = { registers: [this.registry] };

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, with their duration',
    labelNames: ['method', 'route', 'status_code'],
    buckets: SECONDS,
    ...this.config,
  });
  readonly commands = new Counter({
    name: 'chronicle_commands_total',
    help: 'Commands handled, by command type and outcome (ok, refused: 4xx, conflict: 409/412 after any retries, failed: 5xx)',
    labelNames: ['command', 'outcome'],
    ...this.config,
  });
  readonly conflictRetries = new Counter({
    name: 'chronicle_command_conflict_retries_total',
    help: 'Times a command lost a race on an aggregate and was retried on fresh state',
    labelNames: ['stream_type'],
    ...this.config,
  });
  readonly appends = new Counter({ name: 'chronicle_event_store_appends_total', help: 'Appends committed to the event store', labelNames: ['stream_type'], ...this.config });
  readonly eventsAppended = new Counter({ name: 'chronicle_events_appended_total', help: 'Events committed to the event store', labelNames: ['stream_type'], ...this.config });
  readonly appendDuration = new Histogram({
    name: 'chronicle_event_store_append_duration_seconds',
    help: 'Time from an append call to its commit (waiting for the group commit included)',
    labelNames: ['stream_type'],
    buckets: SECONDS,
    ...this.config,
  });
  readonly commitSize = new Histogram({
    name: 'chronicle_event_store_commit_appends',
    help: 'Appends sharing one commit of the event store (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    ...this.config,
  });
  readonly snapshotHits = new Counter({
    name: 'chronicle_snapshot_hits_total',
    help: 'Aggregate loads that started from a snapshot, by source (memory: kept by this process, stored: read from the database)',
    labelNames: ['stream_type', 'source'],
    ...this.config,
  });
  readonly snapshotMisses = new Counter({
    name: 'chronicle_snapshot_misses_total',
    help: 'Aggregate loads (of a type with a snapshot policy) that found no snapshot and replayed the whole stream',
    labelNames: ['stream_type'],
    ...this.config,
  });
  readonly projectionEvents = new Counter({
    name: 'chronicle_projection_events_applied_total',
    help: 'Events a projection handled (committed with its checkpoint)',
    labelNames: ['projection'],
    ...this.config,
  });
  readonly projectionBatchDuration = new Histogram({
    name: 'chronicle_projection_batch_duration_seconds',
    help: 'Time to apply one batch of a projection and move its checkpoint',
    labelNames: ['projection'],
    buckets: SECONDS,
    ...this.config,
  });
  readonly projectionFailures = new Counter({
    name: 'chronicle_projection_failures_total',
    help: 'Failed attempts of a projection to apply an event (it holds before that event and retries)',
    labelNames: ['projection'],
    ...this.config,
  });
  readonly liveFeedConnections = new Gauge({ name: 'chronicle_live_feed_connections', help: 'Open GET /events/live connections', ...this.config });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
