import { Injectable } from '@nestjs/common';
import type { EventSourcingObserver, SnapshotSource } from '../../event-sourcing';
import { ChronicleMetrics } from './chronicle-metrics';

/** The core's observer, counted into Prometheus series. */
@Injectable()
export class EventSourcingMetrics implements EventSourcingObserver {
  constructor(private readonly metrics: ChronicleMetrics) {}

  appended({ streamType, events, durationMs }: { streamType: string; events: number; durationMs: number }): void {
    this.metrics.appends.inc({ stream_type: streamType });
    this.metrics.eventsAppended.inc({ stream_type: streamType }, events);
    this.metrics.appendDuration.observe({ stream_type: streamType }, durationMs / 1000);
  }

  committed(appends: number): void {
    this.metrics.commitSize.observe(appends);
  }

  conflictRetried(streamType: string): void {
    this.metrics.conflictRetries.inc({ stream_type: streamType });
  }

  snapshotLoaded(streamType: string, source: SnapshotSource): void {
    if (source === 'none') this.metrics.snapshotMisses.inc({ stream_type: streamType });
    else this.metrics.snapshotHits.inc({ stream_type: streamType, source });
  }

  projectionBatch({ projection, events, durationMs }: { projection: string; events: number; durationMs: number }): void {
    this.metrics.projectionEvents.inc({ projection }, events);
    this.metrics.projectionBatchDuration.observe({ projection }, durationMs / 1000);
  }

  projectionFailed({ projection }: { projection: string }): void {
    this.metrics.projectionFailures.inc({ projection });
  }
}
