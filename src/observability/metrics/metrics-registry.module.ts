import { Global, Module } from '@nestjs/common';
import { ChronicleMetrics } from './chronicle-metrics';
import { EventSourcingMetrics } from './event-sourcing-metrics';

/**
 * The metric definitions, global so any module can count into them; it depends on nothing, so the
 * event-sourcing core's options can take `EventSourcingMetrics` as their observer.
 */
@Global()
@Module({ providers: [ChronicleMetrics, EventSourcingMetrics], exports: [ChronicleMetrics, EventSourcingMetrics] })
export class MetricsRegistryModule {}
