import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { BenchBaselinesModule } from './bench-baselines/bench-baselines.module';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { eventSourcingOptionsFrom } from './config/event-sourcing-options';
import { CountersModule } from './counters/counters.module';
import { parseDatabaseUrl } from './database/database-url';
import { SqliteWriterLockHolder } from './database/sqlite-writer-lock.holder';
import { typeOrmOptions } from './database/typeorm-options';
import { EventSourcingModule, initializeDataSource } from './event-sourcing';
import { EventsModule } from './events/events.module';
import { CorrelationIdMiddleware } from './http/correlation-id.middleware';
import { LedgerModule } from './ledger/ledger.module';
import { EventSourcingMetrics } from './observability/metrics/event-sourcing-metrics';
import { MetricsRegistryModule } from './observability/metrics/metrics-registry.module';
import { ObservabilityModule } from './observability/observability.module';
import { OperationsModule } from './operations/operations.module';

// Bench-only endpoints (BENCH_BASELINES, validated with every setting in main.ts): decided once,
// when the process loads, because a module's imports are fixed before Nest reads any provider.
const benchModules = process.env.BENCH_BASELINES === 'true' ? [BenchBaselinesModule] : [];

@Module({
  imports: [
    ConfigModule,
    ObservabilityModule,
    TypeOrmModule.forRootAsync({
      // An unreachable database at start-up is retried, not a crash loop (see DATABASE_CONNECT_*).
      useFactory: (env: Environment) => ({
        ...typeOrmOptions(env),
        autoLoadEntities: true,
        retryAttempts: parseDatabaseUrl(env.DATABASE_URL).kind === 'postgres' ? env.DATABASE_CONNECT_RETRIES : 0,
        retryDelay: env.DATABASE_CONNECT_RETRY_DELAY_MS,
      }),
      inject: [Environment],
      dataSourceFactory: (options) => initializeDataSource(options!),
    }),
    EventSourcingModule.forRootAsync({
      imports: [MetricsRegistryModule],
      useFactory: eventSourcingOptionsFrom,
      inject: [Environment, EventSourcingMetrics],
    }),
    AuthModule,
    CountersModule,
    LedgerModule,
    OperationsModule,
    EventsModule,
    ...benchModules,
  ],
  providers: [SqliteWriterLockHolder],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*path');
  }
}
