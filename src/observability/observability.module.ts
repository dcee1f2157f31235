import { Injectable, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown } from '@nestjs/common';
import { CommandInstrumentation } from './commands/command-instrumentation';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsRegistryModule } from './metrics/metrics-registry.module';
import { MetricsController } from './metrics/metrics.controller';
import { ProjectionGauges } from './metrics/projection-gauges';
import { HttpTracingMiddleware } from './tracing/http-tracing.middleware';
import { stopTracing } from './tracing/tracing-sdk';

@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

/**
 * Logs (pino), metrics (Prometheus, `GET /metrics`) and traces (OpenTelemetry; the SDK is started
 * by main.ts before Nest, so this module only adds the request spans and flushes at shutdown).
 */
@Module({
  imports: [LoggingModule, MetricsRegistryModule],
  controllers: [MetricsController],
  providers: [ProjectionGauges, CommandInstrumentation, TracingShutdown],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpTracingMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
