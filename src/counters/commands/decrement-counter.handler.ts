import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CounterRepository } from '../counter.repository';
import { counterCommandResult } from './counter-command-result';
import { DecrementCounterCommand } from './decrement-counter.command';

@CommandHandler(DecrementCounterCommand)
export class DecrementCounterHandler implements ICommandHandler<DecrementCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, by, context, expectedVersion }: DecrementCounterCommand) {
    const { aggregate, ...saved } = await this.counters.update(counterId, (counter) => counter.decrement(by), { context, expectedVersion, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  }
}
