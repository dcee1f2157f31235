import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerEvents, registerUpcasters } from '../event-sourcing';
import { CreateCounterHandler } from './commands/create-counter.handler';
import { DecrementCounterHandler } from './commands/decrement-counter.handler';
import { IncrementCounterHandler } from './commands/increment-counter.handler';
import { ResetCounterHandler } from './commands/reset-counter.handler';
import { CounterRepository } from './counter.repository';
import { counterEvents, counterUpcasters } from './domain/events/counter-events';
import { CountersController } from './http/counters.controller';
import { CounterView } from './projections/counter-view.entity';
import { CounterViewProjection } from './projections/counter-view.projection';
import { GetCounterEventsHandler } from './queries/get-counter-events.handler';
import { GetCounterStateHandler } from './queries/get-counter-state.handler';
import { GetCounterHandler } from './queries/get-counter.handler';
import { ListCountersHandler } from './queries/list-counters.handler';

@Module({
  imports: [TypeOrmModule.forFeature([CounterView])],
  controllers: [CountersController],
  providers: [
    registerEvents(...counterEvents),
    registerUpcasters(...counterUpcasters),
    CounterRepository,
    CreateCounterHandler,
    IncrementCounterHandler,
    DecrementCounterHandler,
    ResetCounterHandler,
    GetCounterHandler,
    ListCountersHandler,
    GetCounterEventsHandler,
    GetCounterStateHandler,
    CounterViewProjection,
  ],
})
export class CountersModule {}
