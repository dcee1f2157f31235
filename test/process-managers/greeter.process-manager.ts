import { Module } from '@nestjs/common';
import { IncrementCounterCommand } from '../../src/counters/commands/increment-counter.command';
import { CounterCreatedEvent } from '../../src/counters/domain/events/counter-created.event';
import { ProcessManager, ProcessManagerHandler, ProcessStep } from '../../src/event-sourcing';

/** Switched by the test: while on, the process manager throws on counters named 'poison'. */
export const fault = { active: true };

/** Gives every new counter named 'greet…' a first increment by 1; throws on 'poison' while the fault is on. */
@ProcessManager({ name: 'greeter', events: [CounterCreatedEvent] })
export class GreeterProcessManager implements ProcessManagerHandler<CounterCreatedEvent> {
  async handle(event: CounterCreatedEvent, process: ProcessStep): Promise<void> {
    if (fault.active && event.name === 'poison') throw new Error('poisoned');
    if (event.name.startsWith('greet')) await process.send('greet', (context) => new IncrementCounterCommand(event.counterId, 1, context));
  }
}


/**
 * The same greeting for counters named 'pgreet…', with the counters as partitions: counters side
 * by side within a batch, each counter's events in order. Throws on 'ppoison' while the fault is on.
 */
@ProcessManager({ name: 'partitioned_greeter', events: [CounterCreatedEvent], partitionBy: (event) => (event as CounterCreatedEvent).counterId })
export class PartitionedGreeterProcessManager implements ProcessManagerHandler<CounterCreatedEvent> {
  async handle(event: CounterCreatedEvent, process: ProcessStep): Promise<void> {
    if (fault.active && event.name === 'ppoison') throw new Error('poisoned');
    if (event.name.startsWith('pgreet')) await process.send('greet', (context) => new IncrementCounterCommand(event.counterId, 1, context));
  }
}

@Module({ providers: [GreeterProcessManager, PartitionedGreeterProcessManager] })
export class GreeterModule {}
