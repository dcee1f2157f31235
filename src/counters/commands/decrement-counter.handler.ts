import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { CounterRepository } from '../counter.repository';
import { counterCommandResult } from './counter-command-result';
import { DecrementCounterCommand } from './decrement-counter.command';

@CommandHandler(DecrementCounterCommand)
export class DecrementCounterHandler implements ICommandHandler<DecrementCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, by, context, expectedVersions }: DecrementCounterCommand) {
    const { aggregate, ...saved } = await this.counters.update(counterId, atVersions(expectedVersions, (counter) => counter.decrement(by)), { context, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  }
}
