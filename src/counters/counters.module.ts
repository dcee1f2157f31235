import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateCounterHandler } from './commands/create-counter.handler';
import { DecrementCounterHandler } from './commands/decrement-counter.handler';
import { IncrementCounterHandler } from './commands/increment-counter.handler';
import { ResetCounterHandler } from './commands/reset-counter.handler';
import { counterWriteProviders } from './counter-write.providers';
import { CountersController } from './http/counters.controller';
import { CounterView } from './projections/counter-view.entity';
import { CounterViewProjection } from './projections/counter-view.projection';
import { CounterViewReader } from './queries/counter-view.reader';
import { GetCounterEventsHandler } from './queries/get-counter-events.handler';
import { GetCounterStateHandler } from './queries/get-counter-state.handler';
import { GetCounterHandler } from './queries/get-counter.handler';
import { ListCountersHandler } from './queries/list-counters.handler';

@Module({
  imports: [TypeOrmModule.forFeature([CounterView])],
  controllers: [CountersController],
  providers: [
    ...counterWriteProviders,
    CreateCounterHandler,
    IncrementCounterHandler,
    DecrementCounterHandler,
    ResetCounterHandler,
    CounterViewReader,
    GetCounterHandler,
    ListCountersHandler,
    GetCounterEventsHandler,
    GetCounterStateHandler,
    CounterViewProjection,
  ],
})
export class CountersModule {}
