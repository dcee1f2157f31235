import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { CountersModule } from './counters/counters.module';
import { typeOrmOptions } from './database/typeorm-options';
import { EventSourcingModule } from './event-sourcing';
import { EventsModule } from './events/events.module';
import { CorrelationIdMiddleware } from './http/correlation-id.middleware';
import { OperationsModule } from './operations/operations.module';

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      useFactory: (env: Environment) => ({ ...typeOrmOptions(env), autoLoadEntities: true }),
      inject: [Environment],
    }),
    EventSourcingModule,
    CountersModule,
    OperationsModule,
    EventsModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*path');
  }
}
